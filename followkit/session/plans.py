"""The plans service of a session: the young person's plans (SPEC §10).

:class:`Planner` builds the plans from the session's (cached) actions, so a plan
and the report of the same date come from one evaluation, and writes them
(:mod:`followkit.report.plan_docx`), never over one of the tracker's own files.
The command line (``followkit plan``) and the dashboard's Plans tab both ask it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from followkit.report.plan import Plans, build_plans
from followkit.report.plan_docx import write_plans

if TYPE_CHECKING:
    from followkit.rules.engine import Actions

PathLike = str | os.PathLike[str]


class ActionsOf(Protocol):
    """The session's :meth:`~followkit.session.session.Session.actions`."""

    def __call__(self, as_of: date, *, workers: Sequence[str] | None = None) -> Actions: ...


class Planner:
    """The plans of a session's tracker: ``actions`` gives its evaluated actions,
    ``inputs`` the files never to write over."""

    def __init__(self, actions: ActionsOf, inputs: tuple[Path, ...]) -> None:
        self._actions = actions
        self.inputs = inputs

    def build(self, as_of: date, *, workers: Sequence[str] | None = None,
              clients: Sequence[str] | None = None, language: str | None = None) -> Plans:
        """The plans of ``workers``' clients (or of ``clients``, by ID or name) as of
        ``as_of``; ``language`` (``"en"``/``"fr"``) overrides each client's Language."""
        return build_plans(self._actions(as_of, workers=workers), clients=clients,
                           language=language)

    def write(self, folder: PathLike, *, as_of: date, workers: Sequence[str] | None = None,
              clients: Sequence[str] | None = None,
              language: str | None = None) -> tuple[Plans, list[Path]]:
        """Write one ``.docx`` per plan and ``messages.csv`` into ``folder``."""
        plans = self.build(as_of, workers=workers, clients=clients, language=language)
        return plans, write_plans(plans, folder, protect=self.inputs)


__all__ = ["Planner"]
