"""The Supervisor tab's HTML and charts (followkit.dashboard.supervisor)."""

from datetime import date

import pytest

from followkit.dashboard.supervisor import (
    backlog_chart_png,
    backlog_chart_text,
    rate_chart_png,
    rate_chart_text,
    supervisor_html,
)
from followkit.report.supervisor import supervisor_view
from followkit.rules.engine import evaluate
from tests.test_supervisor import AS_OF, worked_example


@pytest.fixture(scope="module")
def view():
    return supervisor_view(evaluate(worked_example(), as_of=AS_OF))


def test_chart_texts_carry_every_number(view):
    assert rate_chart_text(view) == (
        "On-time thank-you rate per worker. Nadia Brooks: 40% (n=5); Tomas Reyes: 50% (n=2)*."
        " All workers: 43% (n=7). * = fewer than 5: too few to judge.")
    text = backlog_chart_text(view)
    assert text.startswith("Actions overdue at the end of each week, all workers. "
                           "week ending Fri 4 Sep 2026: 4; ")
    assert text.endswith("week ending Fri 13 Nov 2026: 3; week ending Fri 20 Nov 2026: 9.")


def test_charts_are_png(view):
    for png in (rate_chart_png(view), backlog_chart_png(view)):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_small_n_is_marked_in_words_not_only_colour(view):
    page = supervisor_html(view)
    assert '<td class="fk-num fk-small" title="fewer than 5: too few to judge">50% (n=2)*</td>' \
        in page
    assert '<td class="fk-num">40% (n=5)</td>' in page
    assert "* = fewer than 5: too few to judge" in page


def test_names_are_escaped():
    from tests.conftest import caseload, interview, template

    c = caseload(template([interview("I1", "2026-11-02", worker="<b>Sam</b>")]))
    page = supervisor_html(supervisor_view(evaluate(c, as_of=date(2026, 11, 20))))
    assert "<b>Sam</b>" not in page and "&lt;b&gt;Sam&lt;/b&gt;" in page
