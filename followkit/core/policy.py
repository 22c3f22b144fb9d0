"""The follow-up policy: the rules' numbers and the business-day calendar.

A :class:`FollowUpPolicy` is a frozen dataclass holding the defaults of the
seed article (SPEC §4). Business-day arithmetic uses numpy's
``busday_offset`` with a ``busdaycalendar`` built from the ``holidays``
package (Canada, Ontario by default). The policy's ``timezone`` says whose
"today" the reports use (see :mod:`followkit.rules.clock`); it defaults from the
holiday region (Ontario -> ``America/Toronto``).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import numpy as np

from followkit.core.errors import PolicyError

TEXT_DATE_ORDERS = ("DMY", "MDY", "YMD")

# The agency's zone when the policy names none: one per Canadian province or
# territory (its capital's zone; a province spanning zones takes its most
# populous one, e.g. north-western Ontario sets `timezone` itself).
REGION_TIMEZONES: dict[tuple[str, str | None], str] = {
    ("CA", "AB"): "America/Edmonton",
    ("CA", "BC"): "America/Vancouver",
    ("CA", "MB"): "America/Winnipeg",
    ("CA", "NB"): "America/Moncton",
    ("CA", "NL"): "America/St_Johns",
    ("CA", "NS"): "America/Halifax",
    ("CA", "NT"): "America/Edmonton",  # Yellowknife keeps Mountain time
    ("CA", "NU"): "America/Iqaluit",
    ("CA", "ON"): "America/Toronto",
    ("CA", "PE"): "America/Halifax",
    ("CA", "QC"): "America/Toronto",  # tzdb's zone for Quebec (Montreal links to it)
    ("CA", "SK"): "America/Regina",
    ("CA", "YT"): "America/Whitehorse",
}


@dataclass(frozen=True)
class FollowUpPolicy:
    """How soon each follow-up step is due.

    Examples
    --------
    >>> FollowUpPolicy().first_call_days
    7
    >>> FollowUpPolicy(first_call_days=3).first_call_days
    3
    """

    thank_you_business_days: int = 1
    references_business_days: int = 1
    first_call_days: int = 7
    call_interval_days: int = 7
    min_days_between_calls: int = 2
    job_search_interval_days: int = 7
    upcoming_horizon_days: int = 7
    stale_after_weeks: int = 8  # no activity for longer: "Stale: close or follow up?" (0: never)
    text_date_order: str = "DMY"
    holiday_country: str = "CA"
    holiday_subdivision: str | None = "ON"
    weekmask: str = "1111100"
    extra_holidays: tuple[date, ...] = ()
    timezone: str | None = None

    def __post_init__(self) -> None:
        if self.timezone is None:
            # Filled in here so the policy shows the zone it uses. dataclasses.replace
            # copies it: pass timezone=None to take the new region's zone again.
            object.__setattr__(self, "timezone", REGION_TIMEZONES.get(
                (self.holiday_country, self.holiday_subdivision)))
        else:
            load_zone(self.timezone)
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
                raise PolicyError(f"policy {f.name!r} must be a whole number, got {value!r}")
            if f.type == "int" and not 0 <= value <= 365:
                raise PolicyError(f"policy {f.name!r} must be between 0 and 365, got {value!r}")
        if self.text_date_order not in TEXT_DATE_ORDERS:
            raise PolicyError(
                f"policy 'text_date_order' must be one of {', '.join(TEXT_DATE_ORDERS)}, "
                f"got {self.text_date_order!r}"
            )
        if len(self.weekmask) != 7 or set(self.weekmask) - {"0", "1"} or "1" not in self.weekmask:
            raise PolicyError(
                f"policy 'weekmask' must be seven 0/1 digits Monday first, got {self.weekmask!r}"
            )
        if self.call_interval_days < 1 or self.first_call_days < 1:
            raise PolicyError("policy call days must be at least 1")

    def zone(self) -> ZoneInfo:
        """The agency's time zone: whose "today" the reports use.

        Raises :class:`PolicyError` if the policy has none (a holiday region
        without a default zone) or the zone database is missing.

        >>> FollowUpPolicy().zone()
        zoneinfo.ZoneInfo(key='America/Toronto')
        """
        if self.timezone is None:
            raise PolicyError(
                f"the policy has no 'timezone' and its holiday region "
                f"{self.holiday_country!r}/{self.holiday_subdivision!r} has no default one: "
                "set timezone (an IANA name such as 'America/Toronto') in the policy file "
                "or pass --timezone")
        return load_zone(self.timezone)

    def with_timezone(self, name: str | None) -> FollowUpPolicy:
        """This policy in the time zone ``name`` (unchanged when ``name`` is empty)."""
        if not name:
            return self
        return replace(self, timezone=name)

    def check_holidays(self) -> None:
        """Raise :class:`PolicyError` if the holiday calendar is unknown."""
        try:
            _holiday_dates(self.holiday_country, self.holiday_subdivision, 2000, 2000)
        except NotImplementedError as e:
            raise PolicyError(
                f"unknown holiday calendar {self.holiday_country!r}/"
                f"{self.holiday_subdivision!r}: {e}"
            ) from e

    def calendar(self, first_year: int, last_year: int) -> np.busdaycalendar:
        """The business-day calendar covering ``first_year`` .. ``last_year``."""
        self.check_holidays()
        return _calendar(
            self.holiday_country,
            self.holiday_subdivision,
            self.weekmask,
            self.extra_holidays,
            first_year,
            last_year,
        )


DEFAULT_POLICY = FollowUpPolicy()


@lru_cache(maxsize=64)
def _holiday_dates(
    country: str, subdivision: str | None, first_year: int, last_year: int
) -> tuple[date, ...]:
    return tuple(sorted(_names(country, subdivision, first_year, last_year)))


@lru_cache(maxsize=64)
def _calendar(
    country: str,
    subdivision: str | None,
    weekmask: str,
    extra: tuple[date, ...],
    first_year: int,
    last_year: int,
) -> np.busdaycalendar:
    days = _holiday_dates(country, subdivision, first_year, last_year) + extra
    return np.busdaycalendar(weekmask=weekmask, holidays=np.array(days, dtype="datetime64[D]"))

# Names in the zone database that are not a place: the machine's own zone
# (exactly what `timezone` is there to avoid) and tzdb's "unknown" zone.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def load_zone(name: object) -> ZoneInfo:
    """The IANA time zone ``name``, or a :class:`PolicyError` that names it.

    >>> load_zone("America/Vancouver")
    zoneinfo.ZoneInfo(key='America/Vancouver')
    """
    if not isinstance(name, str) or not name.strip() or name in _NOT_ZONES:
        raise PolicyError(f"policy 'timezone' must be an IANA time zone name such as "
                          f"'America/Toronto', got {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as e:
        known = available_timezones()
        if not known:
            raise PolicyError(
                f"cannot look up time zone {name!r}: this computer has no time zone "
                "database; install the 'tzdata' package (pip install tzdata)") from e
        close = difflib.get_close_matches(name, sorted(known - _NOT_ZONES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise PolicyError(f"unknown time zone {name!r} (policy 'timezone' or --timezone); "
                          f"use an IANA name such as 'America/Toronto'{hint}") from e


def policy_from_mapping(values: dict[str, Any], *, source: str = "policy") -> FollowUpPolicy:
    """Build a policy from a mapping, e.g. a parsed TOML file.

    Unknown keys are an error (a typo must not silently fall back to a default).
    Keys may sit at the top level or under a ``[policy]`` table.
    """
    if isinstance(values.get("policy"), dict):
        values = values["policy"]
    known = {f.name for f in fields(FollowUpPolicy)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise PolicyError(
            f"{source}: unknown setting {unknown[0]!r}; known settings: {', '.join(sorted(known))}"
        )
    clean = dict(values)
    if "extra_holidays" in clean:
        try:
            clean["extra_holidays"] = tuple(
                d if isinstance(d, date) else date.fromisoformat(str(d))
                for d in clean["extra_holidays"]
            )
        except ValueError as e:
            raise PolicyError(f"{source}: 'extra_holidays' must be dates ({e})") from e
    policy = FollowUpPolicy(**clean)
    policy.check_holidays()
    return policy


def load_policy(path: str | os.PathLike[str]) -> FollowUpPolicy:
    """Read a policy TOML file, e.g.::

        [policy]
        first_call_days = 5
        holiday_subdivision = "BC"
    """
    from followkit.core.io import read_toml

    return policy_from_mapping(read_toml(path), source=str(path))


def holiday_names(policy: FollowUpPolicy, calendar: np.busdaycalendar) -> dict[date, str]:
    """Holiday date → name for the years of ``calendar`` (used to explain due dates)."""
    days = calendar.holidays
    if len(days) == 0:
        return {}
    first, last = days.min().astype(object).year, days.max().astype(object).year
    return _names(policy.holiday_country, policy.holiday_subdivision, first, last) | {
        d: "agency holiday" for d in policy.extra_holidays
    }


@lru_cache(maxsize=64)
def _names(country: str, subdivision: str | None, first: int, last: int) -> dict[date, str]:
    import holidays

    return dict(holidays.country_holidays(country, subdiv=subdivision,
                                          years=range(first, last + 1)).items())
