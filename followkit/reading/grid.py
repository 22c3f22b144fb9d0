"""A sheet's cells below its header as one 2-D array, and what is looked at once per
distinct cell while the tables are found (blank cells, a column's content)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from followkit.reading.values import distinct, is_blank


def cell_grid(body: list[list[Any]], width: int) -> np.ndarray:
    """The rows below the header as one 2-D object array, short rows padded with ``""``."""
    if all(len(r) == width for r in body):
        return np.array(body, dtype=object).reshape(len(body), width)
    grid = np.full((len(body), width), "", dtype=object)
    for i, row in enumerate(body):
        grid[i, :len(row)] = row
    return grid


def distinct_cells(column: np.ndarray) -> list[Any]:
    """A column's distinct cells in the order first seen (``True``, ``1`` and ``1.0``
    apart): what the content checks look at, each cell once."""
    return distinct(pd.Series(column, dtype=object))[1].tolist()


def blank_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Which cells are empty ('' , whitespace, None or NaN), column by column.

    Each distinct cell of a column is looked at once (``pd.factorize`` finds
    them; None and NaN come back as code -1, blank).
    """
    out = {}
    for label in cells.columns:
        codes, uniques = pd.factorize(cells[label].to_numpy(dtype=object))
        blank = np.fromiter((is_blank(v) for v in uniques), dtype=bool, count=len(uniques))
        out[label] = np.append(blank, True)[codes]  # code -1 (None, NaN) takes the last
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)
