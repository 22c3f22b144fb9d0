"""The ``followkit`` command line (SPEC §5).

This is the only layer (with the notebooks) that asks the clock for today
(:mod:`followkit.rules.clock`, in the policy's time zone): the as-of date defaults to
that here and is passed down explicitly.
Heavy modules are imported inside the commands so ``followkit --help`` is quick.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followkit.core.errors import FollowkitError

if TYPE_CHECKING:
    from followkit.core.policy import FollowUpPolicy
    from followkit.session.session import Session

TEMPLATE_INSTRUCTIONS = [
    "How to use this tracker",
    "Interviews: one row per job interview. Interview ID links the other sheets; Client ID "
    "and Client Name identify the young person; Interview Date is required.",
    "Decision Date: ask at the end of the interview when the hiring decision will be made "
    "(step 1) and type it here.",
    "References Alerted: Y, or the date you told the references the employer may call "
    "(step 2).",
    "Interviewers: one row per interviewer at an interview. Spell every name exactly; "
    "Thank-You Sent is Y or the date the letter or email went out (step 3).",
    "Calls: one row per follow-up call to the employer, about a week after the interview, "
    "then again every week or so, never daily (step 4).",
    "Job Search: one row per job application while the outcome is pending (step 5).",
    "Outcome: leave blank while waiting; then Offer, Hired, Not Selected or Withdrawn.",
    "Dates: type them as 2026-11-20, or day/month/year (20/11/2026).",
    "Extra columns of your own are fine: followkit carries them into its report untouched.",
]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from e


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("followkit")
    except PackageNotFoundError:  # run from a source folder that was never installed
        from followkit import __version__

        return __version__


def _timezone_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--timezone", metavar="ZONE",
                         help="the agency's time zone, whose date is 'today', e.g. "
                              "America/Toronto (default: the policy's, else the one of "
                              "its holiday province)")


def _policy(args: argparse.Namespace) -> FollowUpPolicy:
    """The policy of ``--policy`` (or the default) in the zone of ``--timezone``."""
    from followkit.core.policy import DEFAULT_POLICY, load_policy

    path = getattr(args, "policy", None)
    policy = load_policy(path) if path else DEFAULT_POLICY
    return policy.with_timezone(args.timezone)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followkit",
        description="Interview follow-up lists for youth-employment outreach workers.",
    )
    parser.add_argument("--version", action="version", version=f"followkit {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _report_parser(sub)

    sample = sub.add_parser("sample", help="write a synthetic sample tracker")
    sample.add_argument("output", type=Path, help=".xlsx (template layout) or .csv (flat)")
    sample.add_argument("--clients", type=int, default=60)
    sample.add_argument("--seed", type=int, default=2026)
    sample.add_argument("--as-of", type=_date, help="date the sample is built around "
                                                    "(default: today)")
    sample.add_argument("--flat", action="store_true",
                        help="one flat sheet instead of the four-sheet layout")
    _timezone_option(sample)
    sample.set_defaults(func=_sample)

    letters = sub.add_parser("letters", help="draft a thank-you letter for each open thank-you")
    letters.add_argument("input", type=Path, nargs="+", help="tracker files or folders")
    _reading_options(letters)
    letters.add_argument("--as-of", type=_date, help="the date to report on (default: today)")
    letters.add_argument("--worker", action="append", default=[], metavar="NAME")
    letters.add_argument("--policy", type=Path, help="policy TOML file")
    letters.add_argument("--template", type=Path,
                         help="your own wording: a TOML file with subject and body")
    letters.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                         help="folder for the .docx letters and index.csv")
    _timezone_option(letters)
    letters.set_defaults(func=_letters)

    _plan_parser(sub)

    dashboard = sub.add_parser("dashboard", help="start the dashboard web app (Voila)")
    dashboard.add_argument("input", type=Path, nargs="?", help="tracker to open at start")
    dashboard.add_argument("--as-of", type=_date, help="date to start with (default: today)")
    dashboard.add_argument("--port", type=int, default=8866)
    dashboard.add_argument("--open-browser", action="store_true",
                           help="open the dashboard in the web browser")
    dashboard.add_argument("--no-token", action="store_true",
                           help="serve without a token: only where something else "
                                "authenticates every request (a JupyterHub, a proxy)")
    _timezone_option(dashboard)
    dashboard.set_defaults(func=_dashboard)

    columns = sub.add_parser("columns", help="show what each header of a tracker is "
                                             "taken as, with example values")
    columns.add_argument("input", type=Path, nargs="+", help="tracker files or folders")
    _reading_options(columns)
    columns.add_argument("--as-of", type=_date, help="for dates written without a year")
    _timezone_option(columns)
    columns.set_defaults(func=_columns_command)
    _record_parsers(sub)

    template = sub.add_parser("template", help="write a blank tracker to fill in")
    template.add_argument("output", type=Path)
    template.set_defaults(func=_template)
    return parser


def _report_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``report`` command's options."""
    report = sub.add_parser("report", help="write the follow-up report workbook")
    report.add_argument("input", type=Path, nargs="+",
                        help="tracker files or folders (.xlsx .xlsm .xls .ods .csv), "
                             "read as one caseload")
    _reading_options(report)
    report.add_argument("--as-of", type=_date, help="the date to report on (default: today)")
    report.add_argument("--worker", action="append", default=[], metavar="NAME",
                        help="only this worker's clients (repeatable)")
    report.add_argument("--policy", type=Path, help="policy TOML file overriding the defaults")
    report.add_argument("-o", "--output", type=Path, help="report file to write (.xlsx)")
    report.add_argument("--split-by-worker", type=Path, metavar="DIR",
                        help="also write one report per worker into DIR")
    report.add_argument("--no-contacts", action="store_true",
                        help="leave emails and phone numbers out (for printing or sharing)")
    _timezone_option(report)
    report.add_argument("--from", dest="period_from", type=_date, metavar="DATE",
                        help="Supervisor sheet: first day of the period (default: 12 weeks "
                             "before --to)")
    report.add_argument("--to", dest="period_to", type=_date, metavar="DATE",
                        help="Supervisor sheet: last day of the period (default: the as-of "
                             "date)")
    report.set_defaults(func=_report)


def _plan_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``plan`` command's options (SPEC §10)."""
    plan = sub.add_parser("plan", help="write each young person's own plan (.docx) and a "
                                       "text message for each (messages.csv)")
    plan.add_argument("input", type=Path, nargs="+", help="tracker files or folders")
    plan.add_argument("--client", action="append", default=[], metavar="NAME|ID",
                      help="only this client (repeatable); for a tracker with no client "
                           "column, whose tracker it is")
    plan.add_argument("--columns", type=Path, metavar="MAP.toml",
                      help="column map: followkit field = \"your header\"")
    plan.add_argument("--as-of", type=_date, help="the date of the plans (default: today)")
    plan.add_argument("--worker", action="append", default=[], metavar="NAME",
                      help="only this worker's clients (repeatable)")
    plan.add_argument("--lang", choices=("en", "fr"),
                      help="write every plan in English or French (default: each "
                           "client's Language column, else English)")
    plan.add_argument("--policy", type=Path, help="policy TOML file")
    plan.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                      help="folder for the plans and messages.csv")
    _timezone_option(plan)
    plan.set_defaults(func=_plan)


def _reading_options(parser: argparse.ArgumentParser) -> None:
    """--client and --columns, on every command that reads trackers (SPEC §2.1)."""
    parser.add_argument("--client", metavar="NAME",
                        help="whose tracker it is, when it has no client column "
                             "(default: the file name)")
    parser.add_argument("--columns", type=Path, metavar="MAP.toml",
                        help="column map: followkit field = \"your header\" (see "
                             "'followkit columns')")


def _column_map(args: argparse.Namespace) -> dict[str, str] | None:
    from followkit.reading.columns import read_column_map

    return read_column_map(args.columns) if getattr(args, "columns", None) else None


def _statuses(args: argparse.Namespace) -> dict[str, str] | None:
    """An agency's own status words: the ``[statuses]`` table of the policy file."""
    from followkit.reading.vocab import read_statuses

    return read_statuses(args.policy) if getattr(args, "policy", None) else None


def _columns_command(args: argparse.Namespace) -> int:
    from followkit.reading.columns_report import describe_columns
    from followkit.rules import clock

    print(describe_columns(args.input, client=args.client, columns=_column_map(args),
                           as_of=args.as_of or clock.today(_policy(args))))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 unusable input)."""
    args = _parser().parse_args(argv)
    previous = _stop_cleanly()
    try:
        return int(args.func(args))
    except FollowkitError as e:
        print(f"followkit: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`followkit report ... | head`): what was
        # written is written; only the rest of the printed text is lost.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as e:
        # A bug, not the worker's file. The message of an arbitrary exception can
        # quote cell values, so only its type is shown unless asked for.
        if os.environ.get("FOLLOWKIT_DEBUG"):
            raise
        print(f"followkit: unexpected error ({type(e).__name__}); nothing was written. "
              "Run again with FOLLOWKIT_DEBUG=1 to see the details.", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop_cleanly() -> Any:
    """A run stopped with SIGTERM (a closed terminal, a task manager) unwinds like Ctrl-C,
    so a half-written temporary file is removed; returns the handler it replaced."""
    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a notebook's worker): nothing to do
        return None


def _session(args: argparse.Namespace, policy: FollowUpPolicy, inputs: list[Path],
             as_of: date | None) -> Session:
    """The session on the command's trackers, read with its reading options."""
    from followkit.session.session import Session

    return Session.open(inputs, policy=policy, client=args.client, columns=_column_map(args),
                        statuses=_statuses(args), as_of=as_of)


def _report(args: argparse.Namespace) -> int:
    from followkit.rules import clock
    from followkit.session.session import summary_text

    policy = _policy(args)
    as_of = args.as_of or clock.today(policy)
    output = args.output or Path(f"followkit-report-{as_of.isoformat()}.xlsx")
    session = _session(args, policy, args.input, as_of)
    stamp = clock.now(policy)
    period = {"period_from": args.period_from, "period_to": args.period_to,
              "generated_at": stamp}
    written = session.write_report(output, as_of=as_of, workers=args.worker or None,
                                   include_contacts=not args.no_contacts, **period)
    report = session.report(as_of, workers=args.worker or None, **period)
    print(summary_text(report, source=session.caseload.source, output=written))
    if args.split_by_worker:
        start, end = report.supervisor_period or (None, None)
        for path in session.split_by_worker(
                args.split_by_worker, as_of=as_of, include_contacts=not args.no_contacts,
                period_from=start, period_to=end, generated_at=stamp):
            print(f"  wrote {path}")
    return 0


def _letters(args: argparse.Namespace) -> int:
    from followkit.report.letters import load_template
    from followkit.rules import clock

    policy = _policy(args)
    as_of = args.as_of or clock.today(policy)
    template = load_template(args.template) if args.template else None
    session = _session(args, policy, args.input, as_of)
    workers = args.worker or None
    paths = session.write_letters(args.output, as_of=as_of, workers=workers, template=template)
    drafts = session.drafts(as_of=as_of, workers=workers, template=template)
    warned = int((drafts["Name Warnings"] != "").sum()) if len(drafts) else 0
    print(f"wrote {len(paths)} thank-you letter(s) and index.csv to {args.output}"
          + (f"; {warned} have a name warning: check them first (see index.csv)"
             if warned else ""))
    return 0


def _plan(args: argparse.Namespace) -> int:
    from followkit.rules import clock
    from followkit.session.session import Session

    policy = _policy(args)
    as_of = args.as_of or clock.today(policy)
    named = args.client[0] if len(args.client) == 1 else None  # a one-person tracker's
    session = Session.open(args.input, policy=policy, client=named,
                           columns=_column_map(args), statuses=_statuses(args), as_of=as_of)
    plans, paths = session.plans.write(args.output, as_of=as_of,
                                       workers=args.worker or None,
                                       clients=args.client or None, language=args.lang)
    print(f"wrote {len(plans.plans)} plan(s) and {paths[-1].name} to {args.output} "
          f"(as of {as_of})")
    for note in plans.notes:
        print(f"  {note}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    from followkit.datasets import make_sample, to_flat
    from followkit.report.workbook import write_tracker
    from followkit.rules import clock

    as_of = args.as_of or clock.today(_policy(args))
    try:
        sample = make_sample(n_clients=args.clients, seed=args.seed, as_of=as_of)
    except ValueError as e:
        raise FollowkitError(str(e)) from e
    flat = args.flat or args.output.suffix.lower() == ".csv"
    if args.output.suffix.lower() == ".csv":
        from followkit.core.io import write_csv

        write_csv(to_flat(sample), args.output)
    else:
        tables = {"Interviews": to_flat(sample)} if flat else sample.tables()
        write_tracker(tables, args.output)
    n = len(sample.interviews)
    print(f"wrote {args.output}: {args.clients} clients, {n} interviews around {as_of}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from followkit.datasets import blank_template
    from followkit.report.workbook import write_tracker

    write_tracker(blank_template(), args.output, instructions=TEMPLATE_INSTRUCTIONS,
                  blank_rows=500)
    print(f"wrote {args.output}")
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    from followkit.dashboard.app import check_port_free, plan_server, serve

    if args.input is not None and not args.input.is_file():
        raise FollowkitError(f"cannot read {str(args.input)!r}: no such file")
    check_port_free(args.port)
    if args.no_token:
        print("followkit dashboard: WARNING: no token. Anyone who can reach this port sees "
              "the tracker; use --no-token only behind a JupyterHub or another login.",
              file=sys.stderr, flush=True)
    zone = _policy(args).timezone if args.timezone else None  # checked before starting
    plan = plan_server(input_path=args.input, as_of=args.as_of, port=args.port,
                       token=not args.no_token, timezone=zone)
    return serve(plan, open_browser=args.open_browser)


def _record_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rec = sub.add_parser("record", help="write what was filled in a report into a copy of "
                                        "the tracker (SPEC §8)")
    rec.add_argument("tracker", type=Path, nargs="+",
                     help="the tracker(s) the report was made from (files or folders, as "
                          "given to 'followkit report')")
    rec.add_argument("report", type=Path, help="the report with Done On / Record filled in")
    rec.add_argument("-o", "--output", type=Path,
                     help="updated copy to write (default: <tracker>-updated.<ext>); with "
                          "several trackers, a folder (default: beside each file, or "
                          "<folder>-updated for a folder)")
    rec.add_argument("--replace", action="store_true",
                     help="replace the updated copy when it already exists (without it, an "
                          "existing file is left as it is and nothing is written)")
    rec.add_argument("--policy", type=Path, help="policy TOML file (text date order)")
    _reading_options(rec)
    _timezone_option(rec)
    rec.set_defaults(func=_record)

    cal = sub.add_parser("calendar", help="write what is due as a calendar file (.ics)")
    cal.add_argument("tracker", type=Path, help="tracker file")
    cal.add_argument("--as-of", type=_date, help="the date to report on (default: today)")
    cal.add_argument("--worker", action="append", default=[], metavar="NAME",
                     help="only this worker's clients (repeatable)")
    cal.add_argument("--policy", type=Path, help="policy TOML file")
    cal.add_argument("--contacts", action="store_true",
                     help="put phone numbers, emails and full client names in the events "
                          "(calendars sync to cloud services: off by default)")
    cal.add_argument("-o", "--output", type=Path, required=True, help="calendar file (.ics)")
    _reading_options(cal)
    _timezone_option(cal)
    cal.set_defaults(func=_calendar)


def _record(args: argparse.Namespace) -> int:
    from followkit.rules import clock

    policy = _policy(args)
    session = _session(args, policy, list(args.tracker), None)  # record reads them
    result = session.record(args.report, now=clock.now(policy), output=args.output,
                            replace=args.replace)
    print(result.text())
    return 0


def _calendar(args: argparse.Namespace) -> int:
    from followkit.report.ical import events
    from followkit.rules import clock

    policy = _policy(args)
    as_of = args.as_of or clock.today(policy)
    session = _session(args, policy, [args.tracker], as_of)
    workers = args.worker or None
    path = session.write_calendar(args.output, as_of=as_of, workers=workers,
                                  stamp=clock.now(policy), include_contacts=args.contacts)
    days = events(session.report(as_of, workers=workers), include_contacts=args.contacts)
    print(f"wrote {path}: {len(days)} event(s), one per client per day, holding "
          f"{sum(e.actions for e in days)} action(s) as of {as_of}"
          + ("" if args.contacts else " (no phone numbers or emails; clients by first name "
                                      "and last initial)"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
