"""Crash safety, tested for real: a child process imports, edits, deletes, restarts
placements, exports, backs up and restores, and is killed with SIGKILL at random moments.

After every kill the database must pass integrity_check and foreign_key_check and hold
exactly the state before or after the interrupted step, nothing in between. Those states are
computed independently: this process replays the same seeded steps on its own copy of the
starting database (tests/crash_workload.py). Export files and backups are compared the same
way, so a file under its final name is absent, the previous complete file, or the new
complete one (and every export file present is validated against the schema). The export
log may lag a file that is already in place, never run ahead of it.

Interrupted atomic writes may leave hidden `.<name>.<random>.tmp` files; they are never
under a final name and never clash with a later write (each gets a fresh name), which the
steps after each kill prove by writing the same files again.

DU_CRASH_KILLS, DU_CRASH_UPGRADE_KILLS and DU_CRASH_SEED change the size and the seed;
run with -s to see the distribution of kills over the write paths.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections import Counter
from pathlib import Path

import crash_workload
from crash_workload import KINDS, Inspector, Place, World, content_hash, inputs_in, kind_of
from desktop.domain.quarter import Quarter
from desktop.format.writer import validate_bytes
from desktop.operations import import_files
from desktop.store import Store
from desktop.store.migrations import LATEST
from helpers import KEPT, build, sample_files, write_files

KILLS = int(os.environ.get("DU_CRASH_KILLS", "300"))
UPGRADE_KILLS = int(os.environ.get("DU_CRASH_UPGRADE_KILLS", "30"))
SEED = int(os.environ.get("DU_CRASH_SEED", "1125"))
LOOKAHEAD = 3  # a kill aims at one of the next few steps, so each round is short

# Fork from a clean server where the platform has one (Linux, macOS); start afresh elsewhere.
# The server imports the app's layers the workload uses (it does not see tests/ on sys.path
# before Python 3.13, so it cannot preload the workload module itself, which is small).
if "forkserver" in multiprocessing.get_all_start_methods():
    CONTEXT = multiprocessing.get_context("forkserver")
    CONTEXT.set_forkserver_preload(["desktop.operations", "desktop.sampledata",
                                    "desktop.store.backup", "desktop.workspace"])
else:
    CONTEXT = multiprocessing.get_context("spawn")


class Child:
    """One run of the workload in a process of its own, forked from a server that has
    imported only the workload (no Qt, no pytest state), so it starts in milliseconds."""

    def __init__(self, target, *args):
        self.inbox, outbox = CONTEXT.Pipe(duplex=False)
        self.proc = CONTEXT.Process(target=target, args=(outbox, *args), daemon=True)
        self.proc.start()
        outbox.close()
        self.said: list[str] = []
        self.heard: dict[str, float] = {}  # line -> when it arrived

    def _take(self) -> str:
        line = self.inbox.recv_bytes().decode()
        if line.startswith("error"):
            raise AssertionError(f"the child failed:\n{line}")
        self.said.append(line)
        self.heard[line] = time.perf_counter()
        return line

    def seconds(self, k: int) -> float | None:
        """How long step k took in the child, if it finished."""
        if f"committed {k}" in self.heard:
            return self.heard[f"committed {k}"] - self.heard[f"begin {k}"]
        return None

    def expect(self, wanted: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.inbox.poll(1):
                    if self._take() == wanted:
                        return
                    continue
            except EOFError:
                pass
            if not self.proc.is_alive() or time.monotonic() > deadline:
                raise AssertionError(f"the child stopped before '{wanted}' ({self.said[-3:]}, "
                                     f"exit code {self.proc.exitcode})")

    def kill(self) -> None:
        """SIGKILL, then everything it said before dying."""
        self.proc.kill()
        self.proc.join()
        while self.inbox.poll(0):
            try:
                self._take()
            except EOFError:
                break
        self.inbox.close()

    def last(self, word: str) -> int | None:
        found = [int(line.split()[1]) for line in self.said if line.startswith(word + " ")]
        return max(found) if found else None


def make_place(root: Path) -> Place:
    place = Place(root)
    for folder in (root, place.exports, place.backups):
        folder.mkdir(parents=True, exist_ok=True)
    return place


def copy_place(start: Place, root: Path) -> Place:
    place = make_place(root)
    shutil.copy(start.db, place.db)
    return place


class Reference:
    """The same steps, replayed in this process: the state after every step, and how long
    each took (to aim the kills)."""

    def __init__(self, place: Place, inputs: list[Path]):
        self.world = World(place, inputs)
        self.inspector = Inspector(place)
        self.states = [self.inspector.snapshot()]
        self.seconds = [0.0]

    def upto(self, k: int) -> None:
        while len(self.states) <= k:
            started = time.perf_counter()
            self.world.step(len(self.states), SEED)
            self.seconds.append(time.perf_counter() - started)
            self.states.append(self.inspector.snapshot())


def test_killed_at_random_moments_the_store_is_before_or_after_each_step(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_files(inputs, sample_files(n=20, first=Quarter(2023, 3), seed=11))
    start = make_place(tmp_path / "start")
    with Store(start.db) as store:
        assert import_files(store, inputs_in(inputs)).stored
        store.set_setting("ukode", "123456")
    live = copy_place(start, tmp_path / "live")
    ref = Reference(copy_place(start, tmp_path / "ref"), inputs_in(inputs))
    inspector = Inspector(live)
    rng = random.Random(SEED)
    kills: Counter = Counter()  # (kind, outcome) -> kills
    validated: set[str] = set()
    done, temps, began = 0, 0, time.perf_counter()
    pace: list[float] = []  # the child's time for a step / the replay's
    child = None
    try:
        for n in range(KILLS):
            aim = min(range(done + 1, done + 1 + LOOKAHEAD),
                      key=lambda k: (sum(v for (kind, _), v in kills.items()
                                         if kind == kind_of(k, SEED)), k))
            ref.upto(aim)
            child = Child(crash_workload.work, live.root, inputs, SEED, done)
            child.expect(f"begin {aim}")
            # The child is slower than the replay here (a fresh process, and the machine is
            # shared); scale by what the steps it just finished took, to kill anywhere in
            # the step, and sometimes just after it.
            pace.extend(child.seconds(k) / max(ref.seconds[k], 1e-4)
                        for k in range(done + 1, aim))
            slower = statistics.median(pace[-50:]) if pace else 1.0
            time.sleep(rng.uniform(0, 1.2 * slower * ref.seconds[aim]))
            child.kill()
            b, c = child.last("begin"), child.last("committed") or done
            ref.upto(b)
            now = inspector.snapshot()
            where = f"seed {SEED}, kill {n + 1}, step {b} ({kind_of(b, SEED)})"
            assert now.integrity == ["ok"], f"{where}: {now.integrity}"
            assert now.foreign_keys == [], where
            before, after = ref.states[b - 1], ref.states[b]
            # The child had begun step b; if it also said "committed b", only after counts.
            allowed = [after] if c == b else [before, after]
            assert now.db in {s.db for s in allowed}, (
                f"{where}: the database is neither before nor after the step:\n"
                f"  now    {now.counts}\n  before {before.counts}\n  after  {after.counts}")
            assert now.files in [s.files for s in allowed], (
                f"{where}: files are neither before nor after the step: "
                f"{file_differences(now, before, after)}")
            if now.db == after.db != before.db:  # the log never runs ahead of the files
                assert now.files == after.files, where
            for name, digest in now.exports.items():
                if digest not in validated:
                    validate_bytes((live.exports / name).read_bytes())
                    validated.add(digest)
            temps = max(temps, len(now.temps))
            complete = now.db == after.db and now.files == after.files
            kills[kind_of(b, SEED), outcome(c == b, before, after, now, complete)] += 1
            done = b if complete else b - 1
    finally:
        if child is not None and child.proc.is_alive():
            child.kill()
        ref.world.close()
    seconds = time.perf_counter() - began
    print_distribution(kills, seconds, done, temps)
    assert sum(kills.values()) == KILLS
    per_kind = Counter()
    for (kind, how), v in kills.items():
        per_kind[kind] += v if how != "between steps" else 0
    assert min(per_kind[kind] for kind in KINDS) >= KILLS // (4 * len(KINDS)), per_kind
    # Both sides of the commit were hit: rolled back, and committed before it was announced.
    assert {how for _, how in kills} >= {"rolled back", "committed, not yet announced"}


def file_differences(now, before, after) -> str:
    """Per file that is not the same in all three: its digest now, before and after."""
    out = []
    for now_files, before_files, after_files in zip(now.files, before.files, after.files):
        for name in sorted(now_files.keys() | before_files.keys() | after_files.keys()):
            seen = [d.get(name, "absent")[:12] for d in (now_files, before_files, after_files)]
            if len(set(seen)) > 1:
                out.append(f"{name}: now {seen[0]}, before {seen[1]}, after {seen[2]}")
    return "; ".join(out)


def outcome(between: bool, before, after, now, complete: bool) -> str:
    if between:
        return "between steps"
    if before.db == after.db and before.files == after.files:
        return "step changed nothing"
    if complete:
        return "committed, not yet announced"
    if now.files == after.files != before.files:
        return "file in place, not yet logged"
    return "rolled back"


def print_distribution(kills: Counter, seconds: float, steps: int, temps: int) -> None:
    outcomes = sorted({how for _, how in kills})
    print(f"\n{sum(kills.values())} kills in {seconds:.1f} s over {steps} steps "
          f"(seed {SEED}); at most {temps} leftover temporary files at once")
    print(f"{'step killed':24}" + "".join(f"{how[:16]:>18}" for how in outcomes) + "     all")
    for kind in KINDS:
        row = [kills[kind, how] for how in outcomes]
        print(f"{kind:24}" + "".join(f"{v:>18}" for v in row) + f"{sum(row):>8}")


def test_killed_while_upgrading_an_old_database_it_stays_old_or_becomes_new(tmp_path):
    oldest = KEPT[0]
    pristine = build(oldest, tmp_path / "old.sqlite")
    c = sqlite3.connect(pristine)
    old = content_hash(c, tmp_path)[0]
    c.close()
    ref = make_place(tmp_path / "ref")
    shutil.copy(pristine, ref.db)
    started = time.perf_counter()
    Store(ref.db).close()
    seconds = time.perf_counter() - started
    c = sqlite3.connect(ref.db)
    new = content_hash(c, ref.root)[0]
    c.close()
    assert new != old

    live = Place(tmp_path / "live")
    rng = random.Random(SEED)
    seen: Counter = Counter()
    child = None
    try:
        for n in range(UPGRADE_KILLS):
            shutil.rmtree(live.root, ignore_errors=True)
            make_place(live.root)
            shutil.copy(pristine, live.db)
            child = Child(crash_workload.upgrade, live.db)
            child.expect("begin 1")
            time.sleep(rng.uniform(0, 1.5 * seconds))
            child.kill()
            c = sqlite3.connect(live.db)
            try:
                assert [r[0] for r in c.execute("PRAGMA integrity_check")] == ["ok"]
                now = content_hash(c, live.root)[0]
                version = c.execute("PRAGMA user_version").fetchone()[0]
            finally:
                c.close()
            assert now in ({new} if child.last("committed") else {old, new}), f"kill {n + 1}"
            assert version == (LATEST if now == new else oldest)
            backup = live.db.with_name(f"{live.db.name}.v{oldest}.bak")
            if backup.exists():  # the backup before migrating is whole, or not there at all
                b = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
                try:
                    assert content_hash(b, live.root)[0] == old, f"kill {n + 1}: backup"
                finally:
                    b.close()
            seen["upgraded" if now == new else "still old",
                 "backup beside" if backup.exists() else "no backup yet"] += 1
    finally:
        if child is not None and child.proc.is_alive():
            child.kill()
    print(f"\n{UPGRADE_KILLS} kills while upgrading schema {oldest} to {LATEST}: "
          + ", ".join(f"{a} with {b}: {v}" for (a, b), v in sorted(seen.items())))
    assert sum(seen.values()) == UPGRADE_KILLS
    with Store(live.db) as store:  # whatever the last kill left, the program opens it
        assert store.version == LATEST
