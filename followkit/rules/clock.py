"""The one place followkit reads the clock.

"Today" is the agency's today: the date on the calendar in the policy's time
zone (:attr:`FollowUpPolicy.timezone <followkit.core.policy.FollowUpPolicy>`, by
default the holiday region's zone: Ontario -> ``America/Toronto``), never the
date of whatever machine runs followkit. At 21:00 on Thursday 26 November in
Toronto a server kept in UTC is already on Friday; followkit still says
Thursday.

Use
---
``today(policy) -> date``
    The default as-of date (CLI commands without ``--as-of``, the dashboard,
    the weekly notebook).
``now(policy) -> datetime``
    The moment, timezone-aware, in the policy's zone. For anything written
    into an output: the report's "Generated at", a record log's timestamp,
    a calendar's DTSTAMP.
``stamp(moment) -> str``
    How followkit shows a moment to people: ``2026-11-26 21:00 EST
    (America/Toronto)`` (the abbreviation tells EST from EDT in the repeated
    hour of November; the zone name says whose clock it is). Machine-readable
    columns use ``now(policy).isoformat(timespec="seconds")`` instead:
    ``2026-11-26T21:00:00-05:00``.

Everything below the CLI/notebook layer takes an explicit ``as_of``; only the
front ends call :func:`today`. No other module may call ``date.today()``,
``datetime.now()`` and the like: ``tests/test_clock.py`` scans the package,
the notebooks and ``tools/`` for them.

Examples
--------
>>> from followkit.core.policy import FollowUpPolicy
>>> now(FollowUpPolicy(timezone="America/Vancouver")).tzinfo
zoneinfo.ZoneInfo(key='America/Vancouver')
"""

from __future__ import annotations

from datetime import date, datetime

from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy

__all__ = ["now", "stamp", "today"]


def now(policy: FollowUpPolicy = DEFAULT_POLICY) -> datetime:
    """The current moment in the policy's time zone (timezone-aware).

    Raises :class:`~followkit.core.errors.PolicyError` if the policy has no usable
    zone (see :meth:`FollowUpPolicy.zone`).
    """
    return datetime.now(tz=policy.zone())


def today(policy: FollowUpPolicy = DEFAULT_POLICY) -> date:
    """Today's date in the policy's time zone: the default as-of date."""
    return now(policy).date()


def stamp(moment: datetime) -> str:
    """A moment as people read it, with its zone.

    A naive ``moment`` (no zone known) is shown without one.

    >>> from zoneinfo import ZoneInfo
    >>> stamp(datetime(2026, 11, 26, 21, 0, tzinfo=ZoneInfo("America/Toronto")))
    '2026-11-26 21:00 EST (America/Toronto)'
    >>> stamp(datetime(2026, 11, 27, 9, 30))
    '2026-11-27 09:30'
    """
    text = f"{moment:%Y-%m-%d %H:%M}"
    if moment.tzinfo is None:
        return text
    text = f"{text} {moment.tzname()}"
    key = getattr(moment.tzinfo, "key", None)
    return f"{text} ({key})" if key else text
