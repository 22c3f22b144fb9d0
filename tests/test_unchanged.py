"""The report says exactly what it said before a refactoring (issue #12, point 7).

``tools/report_snapshot.py`` fingerprints every report table for three trackers
(the sample, its flat form, ~10 000 interviews), three dates, with and without a
worker filter. A change meant to alter the report regenerates the file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("report_snapshot",
                                                  ROOT / "tools" / "report_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_report_table_is_unchanged():
    tool = _tool()
    saved = json.loads(tool.SNAPSHOT.read_text())
    assert len(saved) == 18
    assert tool.fingerprints() == saved
