from datetime import date

import numpy as np
import pytest

from followkit.core.errors import PolicyError, UnreadableFileError
from followkit.core.policy import DEFAULT_POLICY, FollowUpPolicy, load_policy, policy_from_mapping


def test_defaults_are_the_seed_article():
    p = DEFAULT_POLICY
    assert (p.thank_you_business_days, p.references_business_days, p.first_call_days,
            p.call_interval_days, p.min_days_between_calls, p.job_search_interval_days,
            p.upcoming_horizon_days, p.text_date_order) == (1, 1, 7, 7, 2, 7, 7, "DMY")
    assert (p.holiday_country, p.holiday_subdivision) == ("CA", "ON")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 12, 28), False),  # Boxing Day observed (26th is a Saturday)
        (date(2026, 2, 16), False),   # Family Day (Ontario)
        (date(2026, 8, 3), True),     # Civic Holiday is not statutory in Ontario
        (date(2026, 11, 11), True),   # Remembrance Day is not statutory in Ontario
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 23), True),
    ],
)
def test_ontario_business_days(day, expected):
    cal = DEFAULT_POLICY.calendar(2026, 2026)
    assert bool(np.is_busday(np.datetime64(day), busdaycal=cal)) is expected


def test_policy_from_toml(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[policy]\nfirst_call_days = 5\nholiday_subdivision = "BC"\n'
                    'extra_holidays = [2026-12-24]\n')
    policy = load_policy(path)
    assert policy.first_call_days == 5
    assert policy.holiday_subdivision == "BC"
    assert policy.extra_holidays == (date(2026, 12, 24),)
    assert policy.thank_you_business_days == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"first_cal_days": 5}, "unknown setting 'first_cal_days'"),
        ({"first_call_days": -1}, "'first_call_days' must be between 0 and 365"),
        ({"first_call_days": "7"}, "'first_call_days' must be a whole number"),
        ({"text_date_order": "DDMM"}, "'text_date_order' must be one of DMY, MDY, YMD"),
        ({"weekmask": "11111"}, "'weekmask' must be seven 0/1 digits"),
        ({"holiday_country": "XX"}, "unknown holiday calendar 'XX'"),
        ({"extra_holidays": ["soon"]}, "'extra_holidays' must be dates"),
    ],
)
def test_bad_policy_values_are_clear_errors(values, message):
    with pytest.raises(PolicyError, match=message):
        policy_from_mapping(values)


def test_bad_toml_names_the_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("first_call_days = = 5")
    with pytest.raises(UnreadableFileError, match="policy.toml.*not valid TOML"):
        load_policy(path)


def test_policy_is_frozen():
    with pytest.raises(AttributeError):
        FollowUpPolicy().first_call_days = 3  # type: ignore[misc]
