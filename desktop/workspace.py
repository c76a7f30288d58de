"""What the app's views ask for and change: one place between the windows and the store.

No Qt here, and the views never run SQL: they call this. Every change is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.checks import CheckSettings, Finding
from desktop.domain.cpr import birth_date, is_well_formed, modulus11_ok
from desktop.domain.fields import TAGS
from desktop.domain.quarter import Quarter
from desktop.domain.records import bulk
from desktop.operations import settings_from
from desktop.store import Store, StoreError
from desktop.store import browse, exportlog, kursist, writes


@dataclass(frozen=True)
class FieldRef:
    """Where a value lives: a record kind, its row id (the kursist id for stamdata), a tag."""
    kind: str
    id: int
    tag: str


class Workspace:
    def __init__(self, store: Store):
        self.store = store
        self.reload()

    def reload(self) -> None:
        """Read the settings again, e.g. after a restore from backup."""
        self.settings: CheckSettings = settings_from(self.store)
        codes = browse.ukoder(self.store.conn)
        self.ukode: str | None = self.store.setting("ukode") or (codes[0] if codes else None)

    # Reading ------------------------------------------------------------------------------
    def ukoder(self) -> list[str]:
        return browse.ukoder(self.store.conn)

    def quarters(self) -> list[str]:
        return browse.quarters(self.store.conn)

    @bulk()  # up to 100,000 rows at once
    def rows(self, q: Quarter, everyone: bool = False) -> list[browse.KursistRow]:
        return browse.kursist_rows(self.store.conn, q, self.ukode, everyone)

    def first_rows(self, q: Quarter, limit: int,
                   everyone: bool = False) -> list[browse.KursistRow] | None:
        """The first rows of rows(), cheaply; None when there is no udbyderkode to walk."""
        if not self.ukode:
            return None
        return browse.first_rows(self.store.conn, q, self.ukode, limit, everyone)

    def row(self, kid: int, q: Quarter) -> browse.KursistRow | None:
        return browse.kursist_row(self.store.conn, kid, q)

    def sheet(self, kid: int, q: Quarter) -> kursist.KursistSheet:
        return kursist.load_sheet(self.store.conn, kid, q)

    def findings(self, kid: int, q: Quarter) -> list[Finding]:
        with self.store.reading() as c:
            return kursist.sheet_findings(c, kid, q, self.settings)

    def next_attempt(self, kid: int, uddnr: str, modul: str) -> int:
        return kursist.next_attempt(self.store.conn, kid, uddnr, modul)

    def last_export(self, q: Quarter, cpr: str | None = None) -> exportlog.ExportEntry | None:
        """The latest file written for the quarter (cpr None) or for one kursist in it."""
        return exportlog.last(self.store.conn, self.ukode, q.iperiode, cpr)

    def kursist_id(self, cpr: str) -> int | None:
        row = self.store.conn.execute("SELECT id FROM kursist WHERE ukode = ? AND kcprnr = ?",
                                      (self.ukode, cpr)).fetchone()
        return row[0] if row else None

    # Changing -----------------------------------------------------------------------------
    def value(self, ref: FieldRef, q: Quarter) -> str | None:
        if ref.kind == "kursist":
            return self.sheet(ref.id, q).stamdata[ref.tag]
        row = self.store.conn.execute(f"SELECT {ref.tag} FROM {ref.kind} WHERE id = ?",
                                      (ref.id,)).fetchone()
        return row[0] if row else None

    def set_value(self, ref: FieldRef, value: str | None, q: Quarter) -> None:
        if ref.tag not in TAGS[ref.kind]:
            raise ValueError(ref.tag)
        with self.store.transaction() as c:
            if ref.kind == "kursist":
                stam = kursist.load_sheet(c, ref.id, q).stamdata.values
                stam = {**stam, ref.tag: value}
                writes.put_stamdata(c, ref.id, q.iperiode, stam["kkoen"], stam["knationskode"])
            else:
                writes.update(c, ref.kind, ref.id, {ref.tag: value})

    def add_record(self, kind: str, parent_id: int, q: Quarter,
                   values: dict[str, str | None] | None = None) -> int:
        return self.add_records(kind, parent_id, q, [values or {}])[0]

    def add_records(self, kind: str, parent_id: int, q: Quarter,
                    rows: list[dict[str, str | None]]) -> list[int]:
        """New records of one kind under one parent, in one transaction."""
        with self.store.transaction() as c:
            return [self._add(c, kind, parent_id, q, dict(values)) for values in rows]

    def _add(self, c, kind: str, parent_id: int, q: Quarter, values: dict) -> int:
        if kind == "modul":
            if not values.get("uforsoegnr") and values.get("uuddnr") and values.get("umodul"):
                values["uforsoegnr"] = str(kursist.next_attempt(
                    c, parent_id, values["uuddnr"], values["umodul"]))
            return writes.add(c, kind, parent_id, values)
        if kind == "undervisning":
            values.setdefault("unlekmin", str(self.settings.lesson_minutes))
            return writes.add(c, kind, parent_id, values, q.iperiode)
        date_tag = {"henvisning": "hhenvisdato", "proeve": "pdato"}[kind]
        return writes.add(c, kind, parent_id, values,
                          writes.reported_quarter(values.get(date_tag), q.iperiode))

    def delete_record(self, kind: str, record_id: int) -> None:
        with self.store.transaction() as c:
            writes.delete(c, kind, record_id)

    def restart_placement(self, modul_id: int, end: str, ophoer: str, start: str) -> int:
        """'Genstart modul': close the placement with an ophørsårsag, open attempt + 1."""
        with self.store.transaction() as c:
            kid, udd, mod = c.execute("SELECT kursist_id, uuddnr, umodul FROM modul WHERE id = ?",
                                      (modul_id,)).fetchone()
            writes.update(c, "modul", modul_id, {"uslutdato": end, "uophoersaarsag": ophoer})
            return writes.add(c, "modul", kid, {
                "uuddnr": udd, "umodul": mod, "ustartdato": start,
                "uforsoegnr": str(kursist.next_attempt(c, kid, udd, mod))})

    def create_kursist(self, cpr: str, q: Quarter, kkoen: str | None = None,
                       knationskode: str | None = None) -> int:
        problem = cpr_problem(cpr, self.settings.a1_is_error)
        if problem:
            raise StoreError(problem)
        if not self.ukode:
            raise StoreError("Angiv først sprogcentrets udbyderkode under Indstillinger.")
        with self.store.transaction() as c:
            kid = writes.kursist_id(c, self.ukode, cpr)
            writes.put_stamdata(c, kid, q.iperiode, kkoen, knationskode)
            return kid

    @property
    def cpr_masked(self) -> bool:
        """CPR numbers shown as DDMMYY-XXXX, for screen sharing (View menu)."""
        return self.store.setting("mask_cpr") == "1"

    def set_setting(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)
        self.settings = settings_from(self.store)
        if key == "ukode":
            self.ukode = value


def cpr_problem(cpr: str, mod11_is_error: bool = True) -> str | None:
    """Checked before anything else is asked about a new kursist."""
    cpr = cpr.replace("-", "").strip()
    if not is_well_formed(cpr):
        return "Et CPR-nummer er 10 cifre (DDMMÅÅ-XXXX)."
    if birth_date(cpr) is None:
        return "CPR-nummeret begynder ikke med en gyldig fødselsdato."
    if mod11_is_error and not modulus11_ok(cpr):
        return ("CPR-nummeret består ikke modulus 11-kontrollen (A1). Numre uden modulus 11 kan "
                "tillades under Indstillinger.")
    return None
