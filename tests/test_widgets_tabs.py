"""The dashboard's tabs come from the report's lists when a dashboard is made."""

from __future__ import annotations

from datetime import date

from followkit.dashboard.tabs import tab_names
from followkit.dashboard.widgets import Dashboard
from followkit.rules import steps

AS_OF = date(2026, 11, 20)


def test_the_tabs_are_the_lists_then_the_fixed_tabs():
    assert tab_names() == ("To Do", "Thank-Yous", "Calls", "References", "Decision Dates",
                           "Job Search", "Stale", "Clients", "Supervisor", "Data Issues")
    board = Dashboard(today=AS_OF)
    assert board.tabs.titles == (*(steps.tab_title(n) for n in tab_names()), "Plans")
    assert board.tabs.titles[6] == "Stale: close or follow up?"  # the worker's words
    assert len(board.tabs.children) == len(tab_names()) + 1  # the young person's plans (#23)


def test_a_step_registered_at_run_time_gets_a_tab(sample_file):
    import followkit.dashboard.widgets as widgets
    from tests.test_extending import SHEET, TOY

    with steps.registered(TOY):
        board = Dashboard(today=AS_OF, input_path=sample_file, as_of=AS_OF)
        assert board.tabs.titles[-5:] == (SHEET, "Clients", "Supervisor", "Data Issues",
                                          "Plans")
        assert widgets.TABS == board.tab_names  # read when asked, not frozen at import
        board.tabs.selected_index = board.tab_names.index(SHEET)
        assert board.tables[SHEET].value.startswith("<")
        assert [c for c in board.sort_by[SHEET].options][:2] == ["Due Date", "Status"]
    assert SHEET not in widgets.TABS


def test_the_worker_filter_is_one_state(sample_file):
    board = Dashboard(today=AS_OF, input_path=sample_file, as_of=AS_OF)
    first, second = board.workers.options[:2]
    board.worker_choice.value = first
    assert board.workers.value == (first,) and board.state.workers == (first,)
    board.workers.value = (first, second)  # several, from code: the drop-down shows none
    assert set(board.report.todo["Worker"]) == {first, second}
    assert board.worker_choice.value is None and board.state.workers == (first, second)
    board.worker_choice.value = first  # picking the first again is a change
    assert board.state.workers == (first,) and set(board.report.todo["Worker"]) == {first}
    board.workers.value = ()
    assert board.worker_choice.value == "" and board.report.todo["Worker"].nunique() > 2


def test_an_unknown_worker_is_refused_and_nothing_changes(sample_file):
    board = Dashboard(today=AS_OF, input_path=sample_file, as_of=AS_OF)
    first = board.workers.options[0]
    board.worker_choice.value = first
    shown = board.report
    board.workers.value = (first, "Nobody Here")
    assert ("<b>That could not be done.</b> no worker called &#39;Nobody Here&#39; in this "
            "tracker") in board.banner.value
    assert board.state.workers == (first,) and board.report is shown
    board.as_of.value = date(2026, 11, 27)  # the tracker is still open
    assert board.report is not None and board.report.as_of == date(2026, 11, 27)


def test_a_date_seen_before_is_not_evaluated_again(sample_file, monkeypatch):
    import followkit.rules.engine as r

    board = Dashboard(today=AS_OF, input_path=sample_file, as_of=AS_OF)
    board.as_of.value = date(2026, 11, 27)
    runs = []
    evaluate = r.evaluate
    monkeypatch.setattr(r, "evaluate", lambda *a, **k: runs.append(1) or evaluate(*a, **k))
    board.as_of.value = AS_OF
    board.as_of.value = date(2026, 11, 27)
    assert runs == []
    board.as_of.value = date(2026, 11, 30)
    assert runs == [1]
