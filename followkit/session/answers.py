"""The answers service of a session: the actions per as-of date and the reports.

:class:`Answers` evaluates the rules once per date (the last ``dates_kept``
kept) and builds each report once per date, worker filter, period, stamp and
letter template (the last ``reports_kept`` kept). Every cache is emptied when
a step is registered or removed (:func:`followkit.rules.steps.version`) or
another policy is asked with, so no figure is ever stale. Nothing here reads
the clock: every question names its date.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np
import pandas as pd

from followkit.report import build
from followkit.rules import engine, steps

if TYPE_CHECKING:
    from followkit.core.policy import FollowUpPolicy
    from followkit.reading.load import Caseload
    from followkit.report.build import Report
    from followkit.report.letters import LetterTemplate
    from followkit.rules.engine import Actions

DATES_KEPT = 8  # as-of dates whose actions are kept
REPORTS_KEPT = 16  # (date, worker filter, period) reports kept
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Lru(Generic[K, V]):
    """A small least-recently-used cache: ``get(key, make)`` computes each key once."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of ``key``, made (and kept) if it is not kept yet."""
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = make()
        self._items[key] = value
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def keys(self) -> list[K]:
        """The keys kept, least recently used first."""
        return list(self._items)

    def clear(self) -> None:
        """Forget every value."""
        self._items.clear()


@dataclass(frozen=True)
class ReportOptions:
    """What a report depends on besides the tracker and the policy (its cache key)."""

    as_of: date
    workers: tuple[str, ...] = ()
    period_from: date | None = None
    period_to: date | None = None
    generated_at: datetime | None = None
    template: LetterTemplate | None = None


class Answers:
    """The actions and reports of one caseload (``caseload`` is asked when first needed)."""

    def __init__(self, caseload: Callable[[], Caseload], *, dates_kept: int = DATES_KEPT,
                 reports_kept: int = REPORTS_KEPT) -> None:
        self._caseload = caseload
        self._actions: Lru[date, Actions] = Lru(dates_kept)
        self._reports: Lru[ReportOptions, Report] = Lru(reports_kept)
        self._filtered: Lru[tuple[date, tuple[str, ...]], Actions] = Lru(reports_kept)
        self._made_under: tuple[int, FollowUpPolicy] | None = None

    def _fresh(self, policy: FollowUpPolicy) -> None:
        """Forget what was computed under another step registry or another policy."""
        now = (steps.version(), policy)
        if now != self._made_under:
            for cache in (self._actions, self._reports, self._filtered):
                cache.clear()
            self._made_under = now

    def actions(self, as_of: date, *, policy: FollowUpPolicy,
                workers: Sequence[str] | None = None) -> Actions:
        """Every action as of ``as_of`` (:func:`followkit.rules.engine.evaluate`); with
        ``workers``, only those workers' clients' actions (the report's filter)."""
        self._fresh(policy)
        everyone = self._actions.get(as_of, lambda: engine.evaluate(
            self._caseload(), as_of=as_of, policy=policy))
        if not workers:
            return everyone
        return self._filtered.get((as_of, tuple(workers)),
                                  lambda: everyone.where(self._kept(workers)[everyone.data.iv]))

    def _kept(self, workers: Sequence[str]) -> np.ndarray:
        """True for the interviews of ``workers`` (as the report's worker filter keeps them)."""
        caseload = self._caseload()
        keys = caseload.keys
        chosen = build.select_workers(caseload, list(workers))
        return np.isin(keys.worker, keys.workers.get_indexer(pd.Index(chosen)))

    def report(self, key: ReportOptions, *, policy: FollowUpPolicy) -> Report:
        """The report (:func:`~followkit.report.build.build_report`) for ``key``; a new
        worker filter never evaluates the rules again."""
        self._fresh(policy)
        return self._reports.get(key, lambda: self._build(key, policy))

    def _build(self, key: ReportOptions, policy: FollowUpPolicy) -> Report:
        extra = {"template": key.template} if key.template is not None else {}
        return build.build_report(
            self._caseload(), self.actions(key.as_of, policy=policy), as_of=key.as_of,
            policy=policy, workers=list(key.workers) or None, generated_at=key.generated_at,
            period_from=key.period_from, period_to=key.period_to, **extra)

    def cached(self) -> tuple[list[date], list[ReportOptions]]:
        """The dates and reports kept now (least recently used first)."""
        return self._actions.keys(), self._reports.keys()


__all__ = ["DATES_KEPT", "REPORTS_KEPT", "Answers", "Lru", "ReportOptions"]
