"""A, B and W rules of SPEC §6 over one kursist's report for one quarter.

Each rule looks only at values that are schema-valid; a broken value is an X finding already,
and a second message about it would only be noise.
"""

from __future__ import annotations

import datetime as dt

from desktop.checks.emit import Emitter
from desktop.domain import cpr as cprlib
from desktop.domain.codes import code_list, grade_scale
from desktop.domain.fields import FIELD_BY_TAG, as_date, as_int
from desktop.domain.quarter import Quarter
from desktop.domain.records import Record, record_label

_UNKAT = ("unkatkonf", "unkatstud", "unkatedb", "unkatproj", "unkateks", "unkatoevrig")
_DATE_TAGS = ("hhenvisdato", "ustartdato", "uslutdato", "umodtestdato", "pdato")


def _valid(r: Record, tag: str) -> str | None:
    """The value if present and schema-valid, else None."""
    v = r[tag]
    return v if v not in (None, "") and FIELD_BY_TAG[tag].problem(v) is None else None


def _date(r: Record, tag: str) -> dt.date | None:
    return as_date(_valid(r, tag))


def _int(r: Record, tag: str) -> int | None:
    return as_int(_valid(r, tag))


def _da(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _ulabel(m: Record, u: Record) -> str:
    return record_label("undervisning", m.key + u.key)


def check_rules(k: Record, q: Quarter | None, emit: Emitter, *, today: dt.date,
                lesson_minutes: int, history: list[Record] | None) -> None:
    cpr = _valid(k, "kcprnr")
    if cpr and not cprlib.modulus11_ok(cpr):
        emit("A1", k, "kcprnr",
             "CPR-nummeret består ikke modulus 11-kontrollen. Ministeriet afviser kvartalet, "
             "medmindre nummeret er rigtigt; siden 1. oktober 2007 er der dog udstedt gyldige "
             "CPR-numre uden modulus 11 (kan sættes til advarsel under Indstillinger).")
    if cpr and cprlib.birth_date(cpr) is None:
        emit("W7", k, "kcprnr", "CPR-nummerets fødselsdato findes ikke i kalenderen (fx 29. "
             "februar i et år, der ikke er skudår). Kontrollér nummeret.")
    nation = _valid(k, "knationskode")
    if nation and nation not in code_list("nationer"):
        emit("B2", k, "knationskode", f"Nationskoden '{nation}' er ikke en kendt ISO alpha-3-kode.")
    _henvisninger(k, q, emit)
    _moduler(k, q, emit, history)
    _proever(k, q, emit)
    _movement(k, emit)
    _future(k, emit, today)
    _lesson_length(k, emit, lesson_minutes)


def _henvisninger(k: Record, q: Quarter | None, emit: Emitter) -> None:
    born = cprlib.birth_date(_valid(k, "kcprnr") or "")
    kommuner = code_list("kommuner")
    for h in k.henvisninger:
        d = _date(h, "hhenvisdato")
        if q and d and d > q.end:
            emit("A3", h, "hhenvisdato",
                 f"Henvisningsdatoen {_da(d)} ligger efter kvartalets udgang ({_da(q.end)}).")
        kom = _valid(h, "hkomkode")
        if kom and kom not in kommuner:
            emit("A3", h, "hkomkode", f"Kommunekoden {kom} er ikke en gyldig kommunekode.")
        if born and d and born > d:
            emit("W6", h, "hhenvisdato",
                 f"Kursisten er ifølge CPR-nummeret født {_da(born)}, efter henvisningsdatoen.")


def _moduler(k: Record, q: Quarter | None, emit: Emitter, history: list[Record] | None) -> None:
    for m in k.moduler:
        start, slut = _date(m, "ustartdato"), _date(m, "uslutdato")
        ophoer, modtest = _valid(m, "uophoersaarsag"), _valid(m, "umodtestdato")
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
                if _valid(m, tag):
                    emit("A5", m, tag, f"{FIELD_BY_TAG[tag].label} er angivet uden slutdato.")
        if ophoer and modtest:
            emit("W3", m, "uophoersaarsag", "Både ophørsårsag og bestået modultest er angivet; "
                 "angiv kun den ene (ophørsårsag ved ophør, modultestdato ved normal afslutning).")
        _undervisning(m, q, start, slut, emit)
        if not m["uslutdato"] and not m.undervisning:
            emit("B3", m, None, "Modulplaceringen har hverken undervisning eller ophør i kvartalet "
                 "og skal ikke indberettes.")
    _placement_sequence(k, emit, history)


def _undervisning(m: Record, q: Quarter | None, start: dt.date | None, slut: dt.date | None,
                  emit: Emitter) -> None:
    for u in m.undervisning:
        label = _ulabel(m, u)
        month = _int(u, "unperiode")
        if q and month and month not in q.months:
            emit("A7", u, "unperiode", f"Måned {month} ligger ikke i kvartalet "
                 f"(måned {q.months[0]}–{q.months[-1]}).", label)
        skema, fravaer = _int(u, "unfagskema"), _int(u, "unfravaer")
        if q and month in q.months and skema:
            ym = (q.year, month)
            if slut and ym > (slut.year, slut.month):
                emit("A8", u, "unperiode", f"Der er undervisning i måned {month}, efter "
                     f"placeringens slutdato {_da(slut)}.", label)
            if start and ym < (start.year, start.month):
                emit("A8", u, "unperiode", f"Der er undervisning i måned {month}, før "
                     f"placeringens startdato {_da(start)}.", label)
        parts = [_int(u, t) for t in _UNKAT if u[t] not in (None, "")]
        if skema is not None and parts and None not in parts and sum(parts) != skema:
            emit("A9", u, "unfagskema", f"Underopdelingen summerer til {sum(parts)} lektioner, "
                 f"men der er angivet {skema} skemalagte lektioner.", label)
        if skema is not None and fravaer is not None:
            if fravaer > skema:
                emit("A10", u, "unfravaer", f"Fraværet ({fravaer}) er større end antallet af "
                     f"skemalagte lektioner ({skema}).", label)
            elif fravaer == skema > 0:
                emit("B4", u, "unfravaer", f"Fraværet er lig med de skemalagte lektioner ({skema}): "
                     "kursisten har ikke deltaget i nogen lektion. Ofte en tastefejl.", label)


def _placement_sequence(k: Record, emit: Emitter, history: list[Record] | None) -> None:
    """A6: placements sorted by start must close before the next starts, not overlap, and
    number their attempts 1, 2, 3 … per DU and module. With the store's history the attempt
    numbers must start at 1; within a lone file, only the steps between them are known."""
    reported = {id(m) for m in k.moduler}
    pool = history if history is not None else k.moduler
    # On the same start day, a placement that also ends that day ("never showed up") comes first.
    placements = sorted((m for m in pool if _date(m, "ustartdato")),
                        key=lambda m: (_date(m, "ustartdato"), _date(m, "uslutdato") or dt.date.max,
                                       m.key))
    latest: Record | None = None  # of the earlier placements, the one that ends last
    for prev, nxt in zip(placements, placements[1:]):
        prev_end = _date(prev, "uslutdato")
        if prev_end and (latest is None or prev_end > _date(latest, "uslutdato")):
            latest = prev
        if id(nxt) not in reported:
            continue
        prev_name = _placement_name(prev)
        if not (_valid(prev, "uophoersaarsag") or _valid(prev, "umodtestdato")):
            emit("A6", nxt, "ustartdato", f"Den forrige placering ({prev_name}) er ikke afsluttet "
                 "med ophørsårsag eller modultest, da denne placering starter.")
        latest_end = _date(latest, "uslutdato") if latest is not None else None
        if latest_end and _date(nxt, "ustartdato") < latest_end:
            emit("A6", nxt, "ustartdato", f"Placeringen overlapper en tidligere "
                 f"({_placement_name(latest)}), der slutter {_da(latest_end)}.")
    by_combo: dict[tuple, list[Record]] = {}
    for m in placements:
        by_combo.setdefault((m["uuddnr"], m["umodul"]), []).append(m)
    for combo in by_combo.values():
        expected = 1 if history is not None else _int(combo[0], "uforsoegnr")
        for m in combo:
            n = _int(m, "uforsoegnr")
            if n is not None and expected is not None and n != expected and id(m) in reported:
                emit("A6", m, "uforsoegnr", f"Forsøg nr. {n} er ikke fortløbende efter startdato; "
                     f"det skulle være {expected}.")
            expected = (expected or 0) + 1


def _placement_name(m: Record) -> str:
    return f"DU{m['uuddnr']} modul {m['umodul']} forsøg {m['uforsoegnr']}"


def _proever(k: Record, q: Quarter | None, emit: Emitter) -> None:
    iperiode = _valid(k, "iperiode")
    for p in k.proever:
        d = _date(p, "pdato")
        if q and d and not q.contains(d):
            emit("A11", p, "pdato", f"Prøvedatoen {_da(d)} ligger uden for kvartalet "
                 f"({_da(q.start)} – {_da(q.end)}).")
        status, grade = _int(p, "pstatus"), _valid(p, "pkarakter")
        if status == 4:
            for tag in ("pkarakter", "pselvstuderende"):
                if not p[tag]:
                    emit("A12", p, tag, f"Prøven er gennemført, men {FIELD_BY_TAG[tag].label.lower()} "
                         "mangler.")
        elif grade and status is not None:
            emit("W1", p, "pkarakter", "Der er angivet karakter, men prøven er ikke markeret som "
                 "gennemført (status 4).")
        if grade and iperiode and grade not in grade_scale(iperiode):
            scale = "7-trinsskalaen" if iperiode >= "20074" else "13-skalaen"
            emit("W2", p, "pkarakter", f"Karakteren {grade} hører ikke til {scale}, som gælder "
                 "for dette kvartal.")


def _movement(k: Record, emit: Emitter) -> None:
    moving = [m for m in k.moduler if m["uslutdato"] or m.undervisning]
    if not (k.henvisninger or k.proever or moving):
        emit("B1", k, None, "Kursisten har stamdata, men ingen bevægelser i kvartalet "
             "(ingen henvisning, undervisning, ophør eller prøve).")


def _future(k: Record, emit: Emitter, today: dt.date) -> None:
    for r in [k, *k.children]:
        for tag in _DATE_TAGS:
            if tag in r.values:
                d = _date(r, tag)
                if d and d > today:
                    emit("W4", r, tag, f"{FIELD_BY_TAG[tag].label} {_da(d)} ligger i fremtiden.")


def _lesson_length(k: Record, emit: Emitter, lesson_minutes: int) -> None:
    for m in k.moduler:
        for u in m.undervisning:
            n = _int(u, "unlekmin")
            if n is not None and n != lesson_minutes:
                emit("W5", u, "unlekmin", f"Lektionslængden er {n} minutter; de fleste bruger "
                     f"{lesson_minutes}. Kontrollér, at det er rigtigt.", _ulabel(m, u))
