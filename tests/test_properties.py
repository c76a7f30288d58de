"""Property-based tests: the catalogue agrees with the schema, and export/import are inverse."""

import datetime as dt

from hypothesis import HealthCheck, event, given, settings, strategies as st
from lxml import etree

from desktop.domain.fields import FIELDS, Field
from desktop.format.schema import schema
from desktop.operations import export_quarter, import_files
from desktop.store import Store
from desktop.store.writes import add, kursist_id, put_stamdata
from tests.helpers import dump

QUARTER = "20241"


def valid_value(f: Field):
    if f.is_date:
        return st.dates(dt.date(2023, 11, 1), dt.date(2024, 4, 30)).map(dt.date.isoformat)
    if f.enum:
        return st.sampled_from(sorted(f.enum))
    if f.tag == "kcprnr":
        return st.from_regex(r"(0[1-9]|1[0-9]|2[0-8])(0[1-9]|1[0-2])[0-9]{6}", fullmatch=True)
    if f.pattern:
        return st.from_regex(f.pattern, fullmatch=True)
    if f.is_number:
        lo = f.min if f.min is not None else 0
        hi = f.max if f.max is not None else 400
        return st.integers(lo, hi).map(str)
    if f.length:
        return st.sampled_from(["IRQ", "SYR", "DNK", "XKX", "ZZZ"])
    return st.text(max_size=5)


def field_value(f: Field):
    """Mostly valid values, sometimes nothing, sometimes junk the schema may reject."""
    junk = st.one_of(st.text(max_size=4), st.sampled_from(["0", "401", "-1", "13", "2024-02-30",
                                                           " 7", "+5", "1 ", "00", "M|K"]))
    good = st.one_of(valid_value(f), st.none()) if f.nillable else valid_value(f)
    return st.integers(0, 24).flatmap(lambda i: junk if i == 0 else good)


def record_values(kind: str):
    return st.fixed_dictionaries({f.tag: field_value(f) for f in FIELDS[kind]})


kursist_content = st.fixed_dictionaries({
    "stam": record_values("kursist"),
    "henvisninger": st.lists(record_values("henvisning"), max_size=2),
    "moduler": st.lists(st.tuples(record_values("modul"),
                                  st.lists(record_values("undervisning"), max_size=3)), max_size=2),
    "proever": st.lists(record_values("proeve"), max_size=2),
})


def fill(store: Store, content: list[dict]) -> None:
    with store.transaction() as c:
        for i, k in enumerate(content):
            kid = kursist_id(c, "123456", f"{i + 1:02d}0190{i:04d}")
            put_stamdata(c, kid, QUARTER, k["stam"]["kkoen"], k["stam"]["knationskode"])
            for h in k["henvisninger"]:
                add(c, "henvisning", kid, h, QUARTER)
            for m, us in k["moduler"]:
                mid = add(c, "modul", kid, m)
                for u in us:
                    add(c, "undervisning", mid, u, QUARTER)
            for p in k["proever"]:
                add(c, "proeve", kid, p, QUARTER)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=st.lists(kursist_content, min_size=1, max_size=3))
def test_store_content_without_x_findings_exports_a_file_the_schema_accepts(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("p")
    with Store(folder / "db.sqlite") as store:
        fill(store, content)
        out = folder / "out.xml"
        result = export_quarter(store, QUARTER, out, force=True)
        has_x = any(f.rule == "X" for f in result.findings)
        event("exported" if result.written else "refused")
        if result.kursister and not has_x:
            assert result.written == out, result.refusal
            assert schema().validate(etree.parse(str(out)))
        else:
            assert result.written is None and not out.exists()
        if result.written:
            before = dump(store)
            assert import_files(store, [out]).stored
            assert dump(store) == before


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_each_catalogue_field_agrees_with_the_schema(data):
    """A value the catalogue passes is one the schema accepts, and the other way round."""
    from desktop.domain.records import make
    from desktop.format.writer import document_bytes
    kind = data.draw(st.sampled_from(list(FIELDS)))
    f = data.draw(st.sampled_from(FIELDS[kind]))
    value = data.draw(field_value(f))
    base = {
        "kursist": dict(iperiode="20241", ukode="123456", kcprnr="0101901234", kkoen="M",
                        knationskode="IRQ"),
        "henvisning": dict(hhenvisdato="2024-01-10", hhenviskat="1", hkomkode="101"),
        "modul": dict(uuddnr="2", umodul="1", uforsoegnr="1", ustartdato="2024-01-15"),
        "undervisning": dict(unperiode="1", unfagskema="10", unfravaer="0", unfagoevrig="0",
                             unlekmin="45"),
        "proeve": dict(pdato="2024-03-01", ptype="3", pstatus="1"),
    }
    values = {k: dict(v) for k, v in base.items()}
    values[kind][f.tag] = value
    u = make("undervisning", **values["undervisning"])
    k = make("kursist", **values["kursist"], children=[
        make("henvisning", **values["henvisning"]),
        make("modul", **values["modul"], children=[u]),
        make("proeve", **values["proeve"])])
    try:
        accepted = schema().validate(etree.fromstring(document_bytes([k])))
    except etree.XMLSyntaxError:  # a character XML cannot carry
        accepted = False
    if f.problem(value) is None:
        assert accepted, (f.tag, value)
    elif accepted:  # the catalogue is stricter than the schema only about surrounding spaces
        assert value != value.strip(), (f.tag, value)
