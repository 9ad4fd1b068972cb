"""Where a large comparison's memory goes: resident memory after each stage, in one process.

usage: python bench/bench_memory_stages.py [--mb 10]

The input is built as ``bench/bench_memory.py`` builds it (the New Testament pair, then rewritten
copies, ``--mb`` million characters both texts together) and compared in this process with the
helper process turned off (``SIDEBYSIDE_ONE_PROCESS``), the model and nltk loaded first. Printed:
resident memory (``/proc/self/statm``) and the peak so far (``getrusage``) as each stage of
``compare_documents`` starts and ends, after each step of the aligner, and at the end. Prints
figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from pathlib import Path

os.environ["SIDEBYSIDE_ONE_PROCESS"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from nt_inputs import BIBLE, pair_of_size  # noqa: E402

from tui.compare import align, compare_documents  # noqa: E402
from tui.compare.load import sha256_hex  # noqa: E402
from tui.compare.meaning import load_model  # noqa: E402
from tui.compare.model import Document  # noqa: E402
from tui.compare.normalise import stem  # noqa: E402
from tui.compare.segment import segment  # noqa: E402

STEPS = ("scored_candidates", "anchors", "drop_stray_anchors", "fill_gaps", "meaning_pass",
         "merge_neighbours", "attach_headings", "closest")


def rss() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def show(what: str) -> None:
    print(f"  {what:28s} resident {rss():6.0f} MiB   peak {peak():6.0f} MiB", flush=True)


def watch_steps() -> None:
    for name in STEPS:
        step = getattr(align.Aligner, name)

        def watched(*args, _step=step, _name=name, **kwargs):
            out = _step(*args, **kwargs)
            show(f"after {_name}")
            return out

        setattr(align.Aligner, name, watched)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    if not (BIBLE / "nt.kjv.txt").is_file():
        print(f"no Bible data at {BIBLE}; nothing measured")
        return 0
    left, right = pair_of_size(int(args.mb * 1e6))
    load_model()
    segment("Loaded. Now.")
    stem("loaded")
    docs = [Document(path=name, text=text, sha256=sha256_hex(text.encode("utf-8")), source={"kind": "text"})
            for name, text in (("left", left), ("right", right))]
    print(f"{len(left) + len(right):,} characters; interpreter, nltk, model and texts loaded:")
    show("before comparing")
    watch_steps()
    seen: set[tuple[str, bool]] = set()

    def progress(stage: str, done: int, total: int) -> None:
        # a stage reports its start (done 0) and its end (done == total), and steps between
        end = done == total and total > 0
        if (done == 0 or end) and (stage, end) not in seen:
            seen.add((stage, end))
            show(f"{stage} {'ends' if end else 'starts'}")

    comparison = compare_documents(docs[0], docs[1], progress=progress)
    show("compared")
    print(f"  {len(comparison.links):,} links, "
          f"{len(comparison.left.sentences) + len(comparison.right.sentences):,} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
