"""Status and Outcome cells, read through the status vocabulary (:mod:`followkit.reading.vocab`).

:func:`parse_statuses` reads each cell as a :class:`~followkit.reading.vocab.Stage`
(an unknown word is a ``warning`` that suggests a value only when one is
genuinely close); :func:`outcomes_of` turns stages into the Outcome values of
:data:`followkit.core.schema.OUTCOMES`. Like :mod:`followkit.reading.values`, each distinct
cell is read once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from followkit.core.schema import OUTCOMES, PENDING, normalize_header
from followkit.reading.values import Cell, Parsed, cell_text, map_unique
from followkit.reading.vocab import DEFAULT_VOCABULARY, OUTCOME_OF, Stage, Vocabulary, is_empty_word


def outcomes_of(stages: pd.Series) -> pd.Series:
    """The Outcome (one of :data:`followkit.core.schema.OUTCOMES`) of each stage read by
    :func:`parse_statuses`.

    A blank or unknown status (a ``warning`` from :func:`parse_statuses`, which
    suggests a value only when one is genuinely close) is Pending, so the
    interview's follow-ups stay visible.

    >>> statuses = parse_statuses(pd.Series(["rejected", "OFFER", "Hirred", ""]))
    >>> outcomes_of(statuses.values).tolist()
    ['Not Selected', 'Offer', 'Pending', 'Pending']
    >>> print(statuses.problems[2])  # doctest: +NORMALIZE_WHITESPACE
    unknown Outcome 'Hirred' (did you mean 'Hired'?); valid: Pending, Offer, Hired,
    Not Selected, Withdrawn; treated as Pending
    """
    return stages.map(lambda st: OUTCOME_OF[st] if isinstance(st, Stage) else
                      PENDING).astype(object)


def parse_statuses(raw: pd.Series, *, vocabulary: Vocabulary | None = None) -> Parsed:
    """Read status cells as :class:`~followkit.reading.vocab.Stage` (None: blank or unknown)."""
    vocab = vocabulary or DEFAULT_VOCABULARY

    def parse(value: Any) -> Cell:
        text = cell_text(value)
        if not text or is_empty_word(text):
            return Cell(None)
        found = vocab.match(text)
        if found.stage is not None:
            return Cell(found.stage)
        hint = ""
        if found.suggestion is not None:
            hint = f" (did you mean {_stage_word(found.suggestion, found.suggested_word)!r}?)"
        return Cell(
            None,
            f"unknown Outcome {text!r}{hint}; valid: {', '.join(OUTCOMES)}; "
            "treated as Pending",
            "warning",
        )

    return map_unique(raw, parse)


def _stage_word(stage: Stage, word: str) -> str:
    outcome = OUTCOME_OF[stage]
    if stage in (Stage.APPLIED, Stage.LISTED, Stage.NO_ANSWER, Stage.QUIET) or \
            normalize_header(word) != \
            normalize_header(outcome):
        return word
    return outcome
