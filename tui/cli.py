"""Command line: ``sidebyside [SOURCE ...] [--format json|markdown|html|jsonld] [--versions URL]
[--list-saved]``.

Two sources open the reader, 3 to 20 the coverage view, ``--versions URL`` the versions of a
page kept in the cache; with ``--format`` the comparison (or coverage report) is printed and
no app opens; without sources the app opens on the bundled sample corpus. Exports include the
notes saved in the data dir. Pairs go through ``session.Session``, several sources through
``coverage_session.CoverageSession``. Bad input ends with a one-line error and exit status 2.

Imports of the rest of the program are inside the functions that need them: the engine and
Textual each take a good part of a second to import (``python bench/bench_imports.py``),
which ``--help``, ``--version`` and ``--list-saved`` need not wait for, and a report must
never load Textual. Two texts for the reader (or more for the
coverage view) are only read here (``Session.load``, ``CoverageSession.load``); the app shows
them and compares them once its first frame is on screen.

A report on a terminal shows the engine's progress on standard error for long inputs
(``progress.TerminalProgress``), never when standard output or standard error is not a
terminal, and never in the report.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from . import __version__

EXIT_BAD_INPUT = 2
MAX_SOURCES = 20
STDIN = "-"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="sidebyside",
        description="Read two texts that tell the same story side by side: what matches, "
        "what differs, and what only one of them says.",
    )
    ap.add_argument("sources", nargs="*", metavar="SOURCE",
                    help="two texts to read side by side, or 3 to 20 for a coverage view (who reported "
                    "what, claim by claim): .txt, .md or .html files, http(s) URLs, or - for standard input")
    ap.add_argument("--format", "-f", choices=("json", "markdown", "html", "jsonld"),
                    help="print the comparison (with saved notes and corrections) in this format instead "
                    "of opening the app; jsonld prints the notes as W3C Web Annotations (two texts only)")
    ap.add_argument("--versions", metavar="URL",
                    help="compare the versions of a web page kept in the cache, oldest first (--refresh "
                    "fetches it again first)")
    ap.add_argument("--output", "-o", metavar="FILE", help="with --format: write to FILE instead of standard output")
    ap.add_argument("--pretty", action="store_true",
                    help="with --format json: indent the JSON, one item a line (it is compact otherwise)")
    ap.add_argument("--refresh", action="store_true",
                    help="fetch URLs again instead of using the cached copy")
    ap.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="how long to wait for a web page (default 20)")
    ap.add_argument("--data-dir", metavar="DIR",
                    help="where notes and saved comparisons live (default: $SIDEBYSIDE_DATA_DIR, "
                    "else the user data folder)")
    ap.add_argument("--list-saved", action="store_true",
                    help="list the saved comparisons (those with notes or corrections) and exit")
    ap.add_argument("--version", action="version", version=f"sidebyside {__version__}")
    return ap


def fail(message: str) -> int:
    from .visible import one_line

    # The message names files, URLs and what servers said: data that must not act on the terminal.
    print(f"sidebyside: error: {one_line(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run() -> None:
    """The ``sidebyside`` command: ``sys.exit(main())``, except that a process that printed or
    wrote a report ends without freeing what it holds, object by object (a book's comparison
    is some 200 MiB of Python objects, a tenth of a second to free), once its output is flushed
    and the functions registered to run at exit have run."""
    code = main()
    import atexit
    import threading

    if _reported and threading.active_count() == 1:
        run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
        if run_exit_functions is not None:
            run_exit_functions()
            try:
                for stream in (sys.stdout, sys.stderr):
                    if stream is not None:  # (None where the process was started with it closed)
                        stream.flush()
            except (OSError, ValueError):
                sys.exit(code)  # the interpreter then reports an output it cannot write, as ever
            os._exit(code)
    sys.exit(code)


# Whether this process has written a report (and opened no app): only then may ``run`` skip
# the interpreter's teardown.
_reported = False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except MemoryError:
        return fail("ran out of memory; compare shorter texts or free some memory")
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error worth a traceback.
        _drop_stdout()
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.list_saved:
        if args.sources or args.format or args.versions:
            return fail("--list-saved takes no files and no --format")
        return _list_saved(args.data_dir)
    n = len(args.sources)
    if args.versions is not None and n:
        return fail("--versions takes one URL and no other sources")
    if n == 1:
        return fail("give two files to compare, or 3 to 20 for a coverage report (or none to open the sample corpus)")
    if n > MAX_SOURCES:
        return fail(f"a coverage report takes at most {MAX_SOURCES} sources, not {n}")
    if (n > 2 or args.versions is not None) and args.format == "jsonld":
        return fail("jsonld is the notes of two texts; a coverage report is json, markdown or html")
    if args.output and not args.format:
        return fail("--output needs --format")
    if args.pretty and args.format != "json":
        return fail("--pretty is for --format json")
    if args.timeout is not None and not 0 < args.timeout <= 3600:
        return fail("--timeout takes a number of seconds between 0 and 3600")
    if STDIN in args.sources and not args.format:
        return fail("standard input can only be read with --format (the reader needs the terminal)")
    session = _open(args)
    if isinstance(session, int):
        return session
    if args.format:
        global _reported
        code = _report(args, session)
        _reported = True
        return code
    return _run_app(args, session)


def _open(args: argparse.Namespace):
    """The session the arguments name (None: the sample-corpus picker), or a one-line error
    (``fail``'s exit status). Two sources open a ``Session``; more, or the versions of a page,
    a ``CoverageSession``; none with ``--format``, the sample pair."""
    from .compare.errors import InputError

    sources = list(args.sources)
    try:
        if args.versions is not None:
            from .coverage_session import open_versions, version_documents

            if not args.format:  # the app: the versions now, compared once it shows them
                docs = version_documents(args.versions, refresh=args.refresh, timeout=args.timeout)
                return tuple(docs) if len(docs) == 2 else docs
            return open_versions(args.versions, args.data_dir, refresh=args.refresh, timeout=args.timeout,
                                 progress=_progress())
        if len(sources) > 2:
            from .coverage_session import CoverageSession

            if not args.format:  # the coverage view: the documents now, grouped once it shows them
                return CoverageSession.load(sources, refresh=args.refresh, timeout=args.timeout)
            return CoverageSession.open(sources, args.data_dir, refresh=args.refresh, timeout=args.timeout,
                                        progress=_progress())
        if not sources and not args.format:
            return None
        if not sources:
            from .corpus import default_pair

            sources = [str(p) for p in default_pair()]
        from .session import Session

        if not args.format:  # the reader: the documents now, compared once they are on screen
            return Session.load(sources, refresh=args.refresh, timeout=args.timeout)
        return _open_pair(args, sources)
    except InputError as err:
        return fail(str(err))


def _open_pair(args: argparse.Namespace, sources: list[str]):
    """The session on two sources for a report, with a progress line on a terminal."""
    from .progress import TerminalProgress
    from .session import Session

    progress = TerminalProgress(sys.stderr) if TerminalProgress.wanted(sys.stdout, sys.stderr) else None
    try:
        return Session.open(sources, args.data_dir, refresh=args.refresh, timeout=args.timeout, progress=progress)
    finally:
        if progress is not None:
            progress.close()  # before anything else is written to standard error


def _progress():
    """A progress line on standard error while many pairs are compared (a terminal only)."""
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        if stage == "pairs" and total >= 10:
            end = "\n" if done == total else ""
            print(f"\rsidebyside: compared {done} of {total} pairs", end=end, file=sys.stderr, flush=True)

    return show


def _report(args: argparse.Namespace, session) -> int:
    """Print (or write) the comparison with its saved notes (and corrections); no app."""
    from .visible import one_line

    for notice in session.notices:
        print(f"sidebyside: note: {one_line(notice)}", file=sys.stderr)
    if hasattr(session, "export_chunks"):
        chunks = session.export_chunks(args.format, pretty=args.pretty)
    else:  # a coverage report, which is small
        chunks = [session.export(args.format)]
    if args.output:
        return _write_output(args.output, chunks, tuple(args.sources or (d.path for d in session.documents)))
    if sys.stdout is None:
        return fail("standard output is closed: write the report to a file with --output FILE")
    try:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: see main
    except OSError as err:
        _drop_stdout()  # what is still buffered would fail again at exit
        return fail(f"could not write the report to standard output: {err.strerror or err}")
    return 0


def _drop_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _list_saved(data_dir: str | None) -> int:
    from .store.claim_notes import list_claim_notes
    from .store.comparisons import StoreError, comparisons_dir, list_saved
    from .visible import visible
    from .vocabulary import count, pair_title

    try:
        saved = list_saved(data_dir)
        sets = list_claim_notes(data_dir)
    except StoreError as err:
        return fail(str(err))
    if not saved and not sets:
        print(visible(f"sidebyside: no saved comparisons in {comparisons_dir(data_dir)}"), file=sys.stderr)
        return 0
    for s in saved:
        if s.left is None or s.right is None:
            print(visible(f"?                 unreadable: {s.file} ({s.problem})"))
            continue
        counts = f"{count(s.notes, 'note')}, {count(s.corrections, 'correction')}"
        if s.orphaned:
            counts += f" ({s.orphaned} orphaned)"
        missing = "" if s.reopenable else "  [files missing or not files]"
        print(visible(f"{_local_time(s.last_opened)}  {pair_title(s.left.name, s.right.name)}  {counts}  "
                      f"{s.left.path}  {s.right.path}{missing}"))
    for c in sets:  # notes on the claims of several sources
        if c.problem:
            print(visible(f"?                 unreadable: {c.file} ({c.problem})"))
            continue
        counts = f"{count(c.notes, 'note')} on claims" + (f" ({c.orphaned} orphaned)" if c.orphaned else "")
        names, paths = " · ".join(d.name for d in c.documents), "  ".join(d.path for d in c.documents)
        print(visible(f"{_local_time(c.last_opened)}  {len(c.documents)} sources: {names}  {counts}  {paths}"))
    sys.stdout.flush()
    return 0


def _local_time(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso[:16].ljust(16)


def _write_output(path: str, text: str | Iterable[str], inputs: tuple[str, ...] = ()) -> int:
    """Write the report where ``--output`` says (never over one of ``inputs``); see ``report_file``."""
    from .report_file import OutputError, write_report
    from .visible import one_line

    try:
        write_report(path, text, inputs)
    except OutputError as err:
        return fail(str(err))
    print(f"sidebyside: wrote {one_line(path)}", file=sys.stderr)
    return 0


def _run_app(args: argparse.Namespace, session) -> int:
    """The app on a session, on documents to compare (two: a tuple, for the reader; more: a
    list, for the coverage view), or (None) the picker."""
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return fail("the reader needs a terminal; use --format json or --format markdown to print a report")
    from .ui.app import SideBySideApp

    if isinstance(session, (tuple, list)):  # documents, compared once the app shows them
        app = SideBySideApp(documents=session, data_dir=args.data_dir)
    else:
        app = SideBySideApp(session=session, data_dir=args.data_dir)
    app.run()
    if app.farewell:
        print(app.farewell, file=sys.stderr)
    return app.return_code or 0
