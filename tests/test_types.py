"""mypy is part of ``make test``: the package type-checks with pandas-stubs.

Runs ``python -m mypy`` with the settings of pyproject.toml ``[tool.mypy]``
(``files = ["followkit"]``) from the project root, as ``make lint`` does.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean_with_pandas_stubs() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    # Without the stubs pandas is untyped and mypy would check next to nothing of it.
    try:
        importlib.metadata.version("pandas-stubs")
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("pandas-stubs is missing: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, f"mypy found errors:\n{done.stdout}{done.stderr}"
    assert "Success: no issues found" in done.stdout
