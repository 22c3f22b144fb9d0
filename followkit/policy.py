"""The follow-up policy: the rules' numbers and the business-day calendar.

A :class:`FollowUpPolicy` is a frozen dataclass holding the defaults of the
seed article (SPEC §4). Business-day arithmetic uses numpy's
``busday_offset`` with a ``busdaycalendar`` built from the ``holidays``
package (Canada, Ontario by default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from followkit.errors import PolicyError

TEXT_DATE_ORDERS = ("DMY", "MDY", "YMD")


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
    text_date_order: str = "DMY"
    holiday_country: str = "CA"
    holiday_subdivision: str | None = "ON"
    weekmask: str = "1111100"
    extra_holidays: tuple[date, ...] = ()

    def __post_init__(self) -> None:
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
    from followkit.io import read_toml

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
