"""Command line: ``sidebyside [LEFT RIGHT] [--format json|markdown|html|jsonld] [--list-saved]``.

With ``--format`` the comparison is printed and no app opens; without files the app opens on
the bundled sample corpus. Exports include the notes and corrections saved in the data dir.
Both go through ``session.Session``. Bad input ends with a one-line error and exit status 2.

Imports of the rest of the program are inside the functions that need them: importing
``tui.session`` (the engine, nltk) takes about 0.4 s and ``tui.ui.app`` (Textual) 0.25 s more
(``python -X importtime -c "import tui.session"``), which ``--help``, ``--version`` and
``--list-saved`` need not wait for, and a report must never load Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from . import __version__

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="sidebyside",
        description="Read two texts that tell the same story side by side: what matches, "
        "what differs, and what only one of them says.",
    )
    ap.add_argument("left", nargs="?", help="the first text: a .txt, .md or .html file, an http(s) URL, "
                    "or - for standard input")
    ap.add_argument("right", nargs="?", help="the second text")
    ap.add_argument("--format", "-f", choices=("json", "markdown", "html", "jsonld"),
                    help="print the comparison (with saved notes and corrections) in this format instead "
                    "of opening the app; jsonld prints the notes as W3C Web Annotations")
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
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.list_saved:
        if args.left is not None or args.format:
            return fail("--list-saved takes no files and no --format")
        return _list_saved(args.data_dir)
    if (args.left is None) != (args.right is None):
        return fail("give two files to compare (or none to open the sample corpus)")
    if args.output and not args.format:
        return fail("--output needs --format")
    if args.pretty and args.format != "json":
        return fail("--pretty is for --format json")
    if args.timeout is not None and not 0 < args.timeout <= 3600:
        return fail("--timeout takes a number of seconds between 0 and 3600")
    if args.format:
        return _report(args)
    return _run_app(args)


def _open(args: argparse.Namespace, sources: list[str]):
    """The session on ``sources``, or a one-line error (``fail``'s exit status)."""
    from .compare import InputError
    from .session import Session

    try:
        return Session.open(sources, args.data_dir, refresh=args.refresh, timeout=args.timeout)
    except InputError as err:
        return fail(str(err))


def _report(args: argparse.Namespace) -> int:
    """Print (or write) the comparison with its saved notes and corrections; no app."""
    if args.left is None:
        from .corpus import default_pair

        sources = [str(p) for p in default_pair()]
    else:
        sources = [args.left, args.right]
    session = _open(args, sources)
    if isinstance(session, int):
        return session
    from .visible import one_line

    for notice in session.notices:
        print(f"sidebyside: note: {one_line(notice)}", file=sys.stderr)
    chunks = session.export_chunks(args.format, pretty=args.pretty)
    if args.output:
        return _write_output(args.output, chunks, tuple(sources))
    for chunk in chunks:
        sys.stdout.write(chunk)
    sys.stdout.flush()
    return 0


def _list_saved(data_dir: str | None) -> int:
    from .store.comparisons import StoreError, comparisons_dir, list_saved
    from .visible import visible

    try:
        saved = list_saved(data_dir)
    except StoreError as err:
        return fail(str(err))
    if not saved:
        print(visible(f"sidebyside: no saved comparisons in {comparisons_dir(data_dir)}"), file=sys.stderr)
        return 0
    for s in saved:
        if s.left is None or s.right is None:
            print(visible(f"?                 unreadable: {s.file} ({s.problem})"))
            continue
        counts = f"{s.notes} note{'s' * (s.notes != 1)}, {s.corrections} correction{'s' * (s.corrections != 1)}"
        if s.orphaned:
            counts += f" ({s.orphaned} orphaned)"
        missing = "" if s.reopenable else "  [files missing or not files]"
        print(visible(f"{_local_time(s.last_opened)}  {s.left.name} ↔ {s.right.name}  {counts}  "
                      f"{s.left.path}  {s.right.path}{missing}"))
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


def _run_app(args: argparse.Namespace) -> int:
    if args.left == "-" or args.right == "-":
        return fail("standard input can only be read with --format (the reader needs the terminal)")
    session = None
    if args.left is not None:
        session = _open(args, [args.left, args.right])
        if isinstance(session, int):
            return session
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return fail("the reader needs a terminal; use --format json or --format markdown to print a report")
    from .ui.app import SideBySideApp

    app = SideBySideApp(session=session, data_dir=args.data_dir)
    app.run()
    if app.farewell:
        print(app.farewell, file=sys.stderr)
    return app.return_code or 0
