"""Commands: every change a user can make, as one typed object. No Qt here.

The contract
------------
- A command is a small dataclass naming *what* is changed, by ids and kursist: e.g.
  ``SetFields("henvisning", id=17, kid=4, quarter="20241", values={"hkomkode": "101"},
  seen={"hkomkode": "147"})``. ``seen`` is what the window showed in those fields.
- ``run(store, command)`` executes it in exactly **one** ``BEGIN IMMEDIATE … COMMIT``, with
  every automatic fill it causes (attempt number, UnFagSkema from the UnKat parts, UnLekMin,
  the modultest date, the reporting quarter). It returns a :class:`Changes` value: which
  kursister, which quarters, which settings, whether the set of kursister changed, or
  everything (import, restore). The window reacts to ``Changes`` in one place.
- **Optimistic check**: before writing, a command checks that each record still exists, still
  belongs to the kursist it names, and still holds what it saw. If not it raises
  :class:`Stale` (*"Kursisten er ændret uden for vinduet; visningen er genindlæst"*) and
  writes nothing; the window reloads.
- Every write goes through :class:`Tx`, which journals each row before and after (every
  column, the id included). ``undo(store, command)`` writes the journal back in one
  transaction, ``redo`` (or ``run`` again) writes it forward; each first checks that every row
  holds exactly what the journal expects, else :class:`Stale`. So a deleted placement comes
  back with its months and its old ids, and an undo never lands on a row another process
  has changed (ids are never reused: ``AUTOINCREMENT``, schema 3).
- A failure to write (busy beyond the timeout, disk full, read-only) raises :class:`NotSaved`
  with the Danish reason (``desktop.store.db.reason``); nothing was written, and the command
  can be tried again.
- ``Batch(parts)`` makes several commands one user action (a pasted block of cells): one
  transaction, one undo step, all or nothing.
- ``undoable = False`` commands (ImportFiles, RestoreBackup, SaveSettings) are not put on
  the undo stack; their ``Changes`` still drive the refresh.

Adding a command
----------------
1. One class in the module of its subject (``records.py`` for a kursist's records,
   ``files.py`` for whole files; a new module for a new subject, imported below): a
   ``@register``-ed ``@dataclass(eq=False)`` subclass of :class:`Command` with a Danish
   ``label`` and an ``apply(self, tx) -> Changes`` that checks what it relies on (``expect``
   for a record, ``owner`` for a parent) and writes only through ``tx.put`` / ``tx.insert`` /
   ``tx.delete_tree``. Work that reads files and needs no lock goes in ``prepare``.
2. Export it here.
3. Give it a case in ``tests/test_commands.py`` (``CASES``): the test asserts that every
   registered command has one, and checks for each that it runs in one transaction, that
   undo gives back the whole database as it was and redo the state after, and that a
   changed row makes it Stale.
"""

from desktop.commands.base import (REGISTRY, STALE, Changes, Command, Image, NotSaved, Stale,
                                   Trace, Tx, changed, expect, owner, redo, register, run,
                                   still_applies, undo)
from desktop.commands.files import ImportFiles, RestoreBackup, SaveSettings
from desktop.commands.holds import (CarryForward, Cell, ChangeHold, ClosePlacements,
                                    CreateHold, EndHold, JoinHold, LeaveHold, ModuleShift,
                                    SetCells, SetHold, SetPlan)
from desktop.commands.records import (AddRecord, AddRecords, Batch, ClosePlacement,
                                      CreateKursist, DeleteRecord, RestartModule, SetFields)

__all__ = ["REGISTRY", "STALE", "Changes", "Command", "Image", "NotSaved", "Stale", "Trace",
           "Tx", "changed", "expect", "owner", "redo", "register", "run", "still_applies",
           "undo", "AddRecord", "AddRecords", "Batch", "ClosePlacement", "CreateKursist",
           "DeleteRecord", "RestartModule", "SetFields", "ImportFiles", "RestoreBackup",
           "SaveSettings", "CarryForward", "Cell", "ChangeHold", "ClosePlacements", "CreateHold",
           "EndHold", "JoinHold",
           "LeaveHold", "ModuleShift", "SetCells", "SetHold", "SetPlan"]
