"""Synthetic sample trackers (followkit.datasets)."""

import dataclasses
import warnings
from datetime import date

from followkit.datasets import make_sample, to_flat


def test_flat_layout_of_a_sample_without_calls_has_empty_call_dates():
    sample = make_sample(n_clients=2, seed=379, as_of=date(2026, 11, 20))
    quiet = dataclasses.replace(sample, calls=sample.calls.iloc[:0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pandas' fill-value warning must not fire
        flat = to_flat(quiet)
    assert flat["Call Dates"].tolist() == [""] * len(sample.interviews)
