"""A, B and W rules (docs/format.md, "The checks") over one kursist's report for one quarter.

Each rule looks only at values that are schema-valid; a broken value is an X finding already,
and a second message about it would only be noise.
"""

from __future__ import annotations

import datetime as dt

from desktop.checks.emit import Emitter
from desktop.domain import cpr as cprlib
from desktop.domain.codes import code_list, grade_scale, seven_point
from desktop.domain.fields import FIELD_BY_TAG, TAGS, UNKAT_PARTS, as_date, as_int
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, RecordRef

# The date fields, from the catalogue.
_DATE_TAGS = frozenset(t for t, f in FIELD_BY_TAG.items() if f.is_date)


_PROBLEM = {tag: f.problem for tag, f in FIELD_BY_TAG.items()}
# Each kind's date fields, in catalogue order (W4 asks them of every record).
_DATES_OF = {kind: tuple(t for t in tags if t in _DATE_TAGS) for kind, tags in TAGS.items()}


class _Valid(dict):
    """Each record's schema-valid values, worked out once per check run (by id: records do
    not change while they are checked). `trusted`: the schema has just accepted them all."""

    def __init__(self, trusted: bool = False):
        super().__init__()
        self.trusted = trusted

    def of(self, r: Record) -> dict[str, str | None]:
        if self.trusted:
            return r.values
        try:
            return self[id(r)]
        except KeyError:
            ok = self[id(r)] = {t: x for t, x in r.values.items() if x and _PROBLEM[t](x) is None}
            return ok


class _Children:
    """A kursist's records sorted by kind, once per check run."""

    def __init__(self, k: Record):
        self.henvisninger: list[Record] = []
        self.moduler: list[Record] = []
        self.proever: list[Record] = []
        lists = {"henvisning": self.henvisninger, "modul": self.moduler, "proeve": self.proever}
        for child in k.children:
            lists[child.kind].append(child)
        self.months = {id(m): [u for u in m.children if u.kind == "undervisning"]
                       for m in self.moduler}


def _valid(v: _Valid, r: Record, tag: str) -> str | None:
    """The value if present and schema-valid, else None."""
    return v.of(r).get(tag)


def _date(v: _Valid, r: Record, tag: str) -> dt.date | None:
    return as_date(v.of(r).get(tag))


def _int(v: _Valid, r: Record, tag: str) -> int | None:
    return as_int(v.of(r).get(tag))


def _da(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _ulabel(m: Record, u: Record) -> RecordRef:
    return RecordRef.of(u, parent=m)


def check_rules(k: Record, q: Quarter | None, emit: Emitter, *, today: dt.date,
                lesson_minutes: int, history: list[Record] | None, whole_history: bool = False,
                trusted: bool = False) -> None:
    v = _Valid(trusted)
    cpr = _valid(v, k, "kcprnr")
    if cpr and not cprlib.modulus11_ok(cpr):
        emit("A1", k, "kcprnr",
             "CPR-nummeret består ikke modulus 11-kontrollen. Ministeriet afviser kvartalet, "
             "medmindre nummeret er rigtigt; siden 1. oktober 2007 er der dog udstedt gyldige "
             "CPR-numre uden modulus 11 (kan sættes til advarsel under Indstillinger).")
    if cpr and cprlib.birth_date(cpr) is None:
        emit("W7", k, "kcprnr", "CPR-nummerets fødselsdato findes ikke i kalenderen (fx 29. "
             "februar i et år, der ikke er skudår). Kontrollér nummeret.")
    nation = _valid(v, k, "knationskode")
    if nation and nation not in code_list("nationer"):
        emit("B2", k, "knationskode", f"Nationskoden '{nation}' er ikke en kendt ISO alpha-3-kode.")
    kids = _Children(k)
    _henvisninger(v, k, kids.henvisninger, q, emit)
    _moduler(v, kids, q, emit, history, whole_history)
    _proever(v, k, kids.proever, q, emit)
    _movement(k, kids, emit)
    _future(v, k, emit, today)
    _lesson_length(v, kids, emit, lesson_minutes)


def _henvisninger(v: _Valid, k: Record, henvisninger: list[Record], q: Quarter | None,
                  emit: Emitter) -> None:
    if not henvisninger:
        return
    born = cprlib.birth_date(_valid(v, k, "kcprnr") or "")
    kommuner = code_list("kommuner")
    for h in henvisninger:
        d = _date(v, h, "hhenvisdato")
        # The v1.8 notat, Side 3: the referral date lies within the quarter (the 2004 notat
        # names only "after"; an edited date keeps its record in its quarter, so "before" is
        # a year mistyped into the past).
        if q and d and d > q.end:
            emit("A3", h, "hhenvisdato",
                 f"Henvisningsdatoen {_da(d)} ligger efter kvartalets udgang ({_da(q.end)}).")
        elif q and d and d < q.start:
            emit("A3", h, "hhenvisdato", f"Henvisningsdatoen {_da(d)} ligger før kvartalets "
                 f"begyndelse ({_da(q.start)}); den skal ligge inden for kvartalet.")
        kom = _valid(v, h, "hkomkode")
        if kom and kom not in kommuner:
            if q and q.iperiode < "20071":
                emit("W8", h, "hkomkode", f"Kommunekoden {kom} er ikke blandt de 98 kommuner, "
                     "der gælder fra 1. januar 2007. Kvartalet ligger før 2007, og de gamle "
                     "kommunekoder følger ikke med programmet, så koden kan ikke kontrolleres; "
                     "se efter, at den er rigtig.")
            else:
                emit("A3", h, "hkomkode", f"Kommunekoden {kom} er ikke en gyldig kommunekode.")
        if born and d and born > d:
            emit("W6", h, "hhenvisdato",
                 f"Kursisten er ifølge CPR-nummeret født {_da(born)}, efter henvisningsdatoen.")


def _moduler(v: _Valid, kids: "_Children", q: Quarter | None, emit: Emitter,
             history: list[Record] | None, whole_history: bool) -> None:
    for m in kids.moduler:
        months = kids.months[id(m)]
        ok = v.of(m)
        start, slut = as_date(ok.get("ustartdato")), as_date(ok.get("uslutdato"))
        ophoer, modtest = ok.get("uophoersaarsag"), ok.get("umodtestdato")
        if q and start and start > q.end:
            emit("A4", m, "ustartdato",
                 f"Startdatoen {_da(start)} ligger efter kvartalets udgang ({_da(q.end)}).")
        if q and slut and not q.contains(slut):
            emit("A4", m, "uslutdato", f"Slutdatoen {_da(slut)} ligger uden for kvartalet "
                 f"({_da(q.start)} – {_da(q.end)}).")
        if start and slut and start > slut:
            emit("A4", m, "ustartdato", f"Startdatoen {_da(start)} ligger efter slutdatoen {_da(slut)}.")
        if slut and not (m["uophoersaarsag"] or m["umodtestdato"]):
            emit("A5", m, "uslutdato",
                 "Der er angivet slutdato, men hverken ophørsårsag eller dato for bestået modultest.")
        if not m["uslutdato"]:
            for tag in ("uophoersaarsag", "umodtestdato"):
                if ok.get(tag):
                    emit("A5", m, tag, f"{FIELD_BY_TAG[tag].label} er angivet uden slutdato.")
        if ophoer and modtest:
            emit("W3", m, "uophoersaarsag", "Både ophørsårsag og bestået modultest er angivet; "
                 "angiv kun den ene (ophørsårsag ved ophør, modultestdato ved normal afslutning).")
        _undervisning(v, m, months, q, start, slut, emit)
        if not m["uslutdato"] and not months:
            emit("B3", m, None, "Modulplaceringen har hverken undervisning eller ophør i kvartalet "
                 "og skal ikke indberettes.")
    _placement_sequence(v, kids.moduler, emit, history, whole_history)


def _undervisning(v: _Valid, m: Record, months: list[Record], q: Quarter | None,
                  start: dt.date | None, slut: dt.date | None, emit: Emitter) -> None:
    # Per month of every placement: the commonest record, so the labels (_ulabel) and the
    # messages are made only where a rule fires.
    in_quarter = q.months if q else ()
    start_ym = (start.year, start.month) if start else None
    slut_ym = (slut.year, slut.month) if slut else None
    for u in months:
        ok = v.of(u)
        month = as_int(ok.get("unperiode"))
        if q and month and month not in in_quarter:
            emit("A7", u, "unperiode", f"Måned {month} ligger ikke i kvartalet "
                 f"(måned {q.months[0]}–{q.months[-1]}).", _ulabel(m, u))
        skema, fravaer = as_int(ok.get("unfagskema")), as_int(ok.get("unfravaer"))
        if skema and month in in_quarter:
            ym = (q.year, month)
            if slut_ym and ym > slut_ym:
                emit("A8", u, "unperiode", f"Der er undervisning i måned {month}, efter "
                     f"placeringens slutdato {_da(slut)}.", _ulabel(m, u))
            if start_ym and ym < start_ym:
                emit("A8", u, "unperiode", f"Der er undervisning i måned {month}, før "
                     f"placeringens startdato {_da(start)}.", _ulabel(m, u))
        if skema is None:
            continue
        values = u.values
        parts = [as_int(ok.get(t)) for t in UNKAT_PARTS if values.get(t)]
        if parts and None not in parts and sum(parts) != skema:
            emit("A9", u, "unfagskema", f"Underopdelingen summerer til {sum(parts)} lektioner, "
                 f"men der er angivet {skema} skemalagte lektioner.", _ulabel(m, u))
        if fravaer is not None:
            if fravaer > skema:
                emit("A10", u, "unfravaer", f"Fraværet ({fravaer}) er større end antallet af "
                     f"skemalagte lektioner ({skema}).", _ulabel(m, u))
            elif fravaer == skema > 0:
                emit("B4", u, "unfravaer", f"Fraværet er lig med de skemalagte lektioner ({skema}): "
                     "kursisten har ikke deltaget i nogen lektion. Ofte en tastefejl.",
                     _ulabel(m, u))


def _placement_sequence(v: _Valid, moduler: list[Record], emit: Emitter,
                        history: list[Record] | None, whole_history: bool) -> None:
    """A6 (2004-notatet, side 4): placements sorted by start must close before the next
    starts, not overlap, and number their attempts consecutively per DU and module. Judged
    over what is known: a file's own placements, or those the store holds as the quarter's
    end saw them (`history`). Only where the store holds every quarter since before the
    kursist first appeared (`whole_history`) must the numbers start at 1; elsewhere, as in a
    lone file, only the steps between the known attempts are judged."""
    reported = {id(m) for m in moduler}
    if not reported:
        return
    pool = history if history is not None else moduler
    from_one = history is not None and whole_history
    # (start, end, key, record, valid values): worked out once per placement.
    items = []
    for m in pool:
        ok = v.of(m)
        start = as_date(ok.get("ustartdato"))
        if start:
            end = as_date(ok.get("uslutdato"))
            key = (m.values["uuddnr"] or "", m.values["umodul"] or "", m.values["uforsoegnr"] or "")
            items.append((start, end or dt.date.max, key, m, ok, end))
    if len(items) < 2:
        if from_one and items:  # a lone placement of a kursist the store knows whole is attempt 1
            n = as_int(items[0][4].get("uforsoegnr"))
            m = items[0][3]
            if n is not None and n != 1 and id(m) in reported:
                emit("A6", m, "uforsoegnr", f"Forsøg nr. {n} er ikke fortløbende efter startdato; "
                     "det skulle være 1.")
        return
    # On the same start day, a placement that also ends that day ("never showed up") comes first.
    items.sort(key=lambda t: t[:3])
    latest_end: dt.date | None = None  # of the earlier placements, the latest end
    latest: Record | None = None
    for (_, _, _, prev, prev_ok, prev_end), (nxt_start, _, _, nxt, _, _) in zip(items, items[1:]):
        if prev_end and (latest_end is None or prev_end > latest_end):
            latest, latest_end = prev, prev_end
        if id(nxt) not in reported:
            continue
        if not (prev_ok.get("uophoersaarsag") or prev_ok.get("umodtestdato")):
            emit("A6", nxt, "ustartdato", f"Den forrige placering ({_placement_name(prev)}) er "
                 "ikke afsluttet med ophørsårsag eller modultest, da denne placering starter.")
        if latest_end and nxt_start < latest_end:
            emit("A6", nxt, "ustartdato", f"Placeringen overlapper en tidligere "
                 f"({_placement_name(latest)}), der slutter {_da(latest_end)}.")
    by_combo: dict[tuple, list[tuple]] = {}
    for item in items:
        by_combo.setdefault(item[2][:2], []).append(item)
    for combo in by_combo.values():
        expected = 1 if from_one else as_int(combo[0][4].get("uforsoegnr"))
        for _, _, _, m, ok, _ in combo:
            n = as_int(ok.get("uforsoegnr"))
            if n is not None and expected is not None and n != expected and id(m) in reported:
                emit("A6", m, "uforsoegnr", f"Forsøg nr. {n} er ikke fortløbende efter startdato; "
                     f"det skulle være {expected}.")
            expected = (expected or 0) + 1


def _placement_name(m: Record) -> str:
    return f"DU{m['uuddnr']} modul {m['umodul']} forsøg {m['uforsoegnr']}"


def _proever(v: _Valid, k: Record, proever: list[Record], q: Quarter | None,
             emit: Emitter) -> None:
    iperiode = _valid(v, k, "iperiode")
    for p in proever:
        d = _date(v, p, "pdato")
        if q and d and not q.contains(d):
            emit("A11", p, "pdato", f"Prøvedatoen {_da(d)} ligger uden for kvartalet "
                 f"({_da(q.start)} – {_da(q.end)}).")
        status, grade = _int(v, p, "pstatus"), _valid(v, p, "pkarakter")
        if status == 4:
            for tag in ("pkarakter", "pselvstuderende"):
                if not p[tag]:
                    emit("A12", p, tag, f"Prøven er gennemført, men {FIELD_BY_TAG[tag].label.lower()} "
                         "mangler.")
        elif grade and status is not None:
            emit("W1", p, "pkarakter", "Der er angivet karakter, men prøven er ikke markeret som "
                 "gennemført (status 4).")
        if grade and iperiode and grade not in grade_scale(iperiode):
            scale = "7-trinsskalaen" if seven_point(iperiode) else "13-skalaen"
            emit("W2", p, "pkarakter", f"Karakteren {grade} hører ikke til {scale}, som gælder "
                 "for dette kvartal.")


def _movement(k: Record, kids: "_Children", emit: Emitter) -> None:
    """B1 (2004-notatet, side 6): "kursistoplysninger, men ingen forløbsoplysninger". A
    placement without teaching or an end is still a forløbsoplysning: that is B3 alone."""
    if not (kids.henvisninger or kids.proever or kids.moduler):
        emit("B1", k, None, "Kursisten har stamdata, men ingen forløbsoplysninger i kvartalet "
             "(ingen henvisning, modulplacering eller prøve).")


def _future(v: _Valid, k: Record, emit: Emitter, today: dt.date) -> None:
    limit = today.isoformat()  # valid dates compare as ISO text
    for r in [k, *k.children]:
        tags = _DATES_OF.get(r.kind)
        if not tags:
            continue
        ok = v.of(r)
        for tag in tags:
            value = ok.get(tag)
            if value and value[:10] > limit:
                emit("W4", r, tag, f"{FIELD_BY_TAG[tag].label} {_da(as_date(value))} ligger i "
                     "fremtiden.")


def _lesson_length(v: _Valid, kids: "_Children", emit: Emitter, lesson_minutes: int) -> None:
    for m in kids.moduler:
        for u in kids.months[id(m)]:
            n = as_int(v.of(u).get("unlekmin"))
            if n is not None and n != lesson_minutes:
                emit("W5", u, "unlekmin", f"Lektionslængden er {n} minutter; de fleste bruger "
                     f"{lesson_minutes}. Kontrollér, at det er rigtigt.", _ulabel(m, u))
