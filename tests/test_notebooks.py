"""Notebooks are committed without outputs or widget state: clients' data never lands in git."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == ["dashboard.ipynb", "getting_started.ipynb",
                                           "weekly_report.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_or_widget_state(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: a cell has outputs"
            assert cell["execution_count"] is None, f"{path.name}: a cell was executed"
    assert "widgets" not in nb["metadata"], f"{path.name}: widget state is saved"


def test_weekly_report_has_papermill_parameters():
    nb = json.loads((NOTEBOOKS[2]).read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    for name in ("input_path", "as_of", "output_path", "workers"):
        assert f"{name} =" in source
