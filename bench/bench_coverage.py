"""Coverage speed and memory: prints figures, asserts nothing.

usage: python bench/bench_coverage.py [--bible DIR] [--sources N] [--words W]

1. The five sample reports grouped (10 pairwise comparisons, one process): engine time,
   median of repeated runs, with its stages.
2. Twenty reports of about 1,000 words, in a child process so its peak memory is its own:
   wall time with the default pool (both cores) and with one process, peak memory of the
   main process and of the largest worker.

The twenty reports are built, seeded, from Mark 1-4 in two translations (the King James
Version and the World English Bible, ``../shared/bench/bible``), cut at verse boundaries
(the verse table ``mark.gold.tsv`` gives the offsets): report k is in the KJV when k is even,
in the WEB when odd, and keeps each verse with probability 1/2 until it has about 1,000
words, five verses a paragraph. Any two reports then share about half their verses, mostly
in other words (KJV against WEB), and each has verses of its own: many reports of one story.
Without the Bible data the reports come from the sample corpus instead: the five articles,
then rewrites of them that drop a quarter of the paragraphs and swap some neighbours
(seeded), cut to about 1,000 words.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.compare import Document, load_document  # noqa: E402
from tui.compare.coverage import compare_many  # noqa: E402
from tui.compare.load import sha256_hex  # noqa: E402
from tui.corpus import sample_files  # noqa: E402

BIBLE = ROOT.parent / "shared" / "bench" / "bible"


def five_reports(runs: int = 7) -> None:
    docs = [load_document(p) for p in sample_files()]
    compare_many(docs)  # warm caches (stemmer, Punkt) as a running app would
    times, parts = [], []
    for _ in range(runs):
        fresh = [load_document(p) for p in sample_files()]
        t0 = time.perf_counter()
        cov = compare_many(fresh)
        times.append(time.perf_counter() - t0)
        parts.append(cov.timings)
    counts = cov.counts()
    stages = {k: statistics.median(p[k] for p in parts) * 1000 for k in ("pairs", "grouping", "verdicts")}
    print(f"five sample reports ({sum(len(d.sentences) for d in fresh)} sentences, 10 pairs): "
          f"median {statistics.median(times) * 1000:.0f} ms over {runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); goal < 1 s")
    print("  stages (median ms): " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    print(f"  {len(cov.claims)} claims: {counts['match']} told alike, {counts['differ']} with differences, "
          f"{counts['only']} in one report only")


def bible_reports(bible: Path, n: int, words: int, seed: int = 12) -> list[tuple[str, str]]:
    verses: dict[str, list[str]] = {"kjv": [], "web": []}
    texts = {t: (bible / f"mark.{t}.txt").read_text(encoding="utf-8") for t in verses}
    with open(bible / "mark.gold.tsv", encoding="utf-8") as f:
        col = {name: i for i, name in enumerate(f.readline().rstrip("\n").split("\t"))}
        for line in f:
            row = line.rstrip("\n").split("\t")
            if int(row[col["chapter"]]) > 4 or not row[col["kjv_start"]] or not row[col["web_start"]]:
                continue
            for t in verses:
                verses[t].append(texts[t][int(row[col[f"{t}_start"]]):int(row[col[f"{t}_end"]])])
    rng = random.Random(seed)
    out = []
    for k in range(n):
        version = ("kjv", "web")[k % 2]
        kept, count = [], 0
        for v in verses[version]:
            if count >= words:
                break
            if rng.random() < 0.5:
                kept.append(v)
                count += len(v.split())
        paragraphs = [" ".join(kept[i:i + 5]) for i in range(0, len(kept), 5)]
        out.append((f"mark-{version}-{k:02d}.txt", "\n\n".join(paragraphs) + "\n"))
    return out


def corpus_reports(n: int, words: int, seed: int = 12) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    originals = [(p.name, p.read_text(encoding="utf-8")) for p in sample_files()]
    out = list(originals)
    while len(out) < n:
        name, text = originals[len(out) % len(originals)]
        paragraphs = [line for line in text.splitlines() if line.strip()]
        kept = [p for p in paragraphs if rng.random() >= 0.25] or paragraphs[:1]
        for i in range(len(kept) - 1):
            if rng.random() < 0.15:
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
        cut, count = [], 0
        for p in kept:
            if count >= words:
                break
            cut.append(p)
            count += len(p.split())
        out.append((f"rewrite-{len(out):02d}-{name}", "\n\n".join(cut) + "\n"))
    return out[:n]


def as_documents(reports: list[tuple[str, str]]) -> list[Document]:
    return [Document(path=name, text=text, sha256=sha256_hex(text.encode("utf-8")), source={"kind": "text"})
            for name, text in reports]


def child(spec: str, workers: int | None) -> None:
    """Run one coverage in this process and print its figures as JSON."""
    reports = json.loads(Path(spec).read_text(encoding="utf-8"))
    docs = as_documents([tuple(r) for r in reports])
    cpu0 = _cpu()
    t0 = time.perf_counter()
    cov = compare_many(docs, workers=workers)
    wall = time.perf_counter() - t0
    print(json.dumps({
        "wall": wall, "cpu": _cpu() - cpu0, "timings": cov.timings, "claims": len(cov.claims), "counts": cov.counts(),
        "sentences": sum(len(d.sentences) for d in docs),
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }))


def _cpu() -> float:
    """CPU seconds used by this process and its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def many_reports(reports: list[tuple[str, str]], how: str) -> None:
    words = [len(text.split()) for _, text in reports]
    print(f"{len(reports)} reports ({how}), {min(words)}-{max(words)} words each, "
          f"{len(reports) * (len(reports) - 1) // 2} pairs:")
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "reports.json"
        spec.write_text(json.dumps(reports), encoding="utf-8")
        for label, workers in (("default pool", None), ("one process", 1)):
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(spec)]
            if workers is not None:
                cmd += ["--workers", str(workers)]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True)
            outside = time.perf_counter() - t0
            if proc.returncode != 0:
                print(f"  {label}: failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout)
            t = r["timings"]
            print(f"  {label}: engine {r['wall']:.2f} s (pairs {t['pairs']:.2f}, grouping {t['grouping']:.2f}, "
                  f"verdicts {t['verdicts']:.2f}), {r['cpu']:.2f} s of CPU; process start to exit {outside:.2f} s; "
                  "goal < 15 s")
            print(f"    {r['sentences']} sentences, {r['claims']} claims ({r['counts']['match']} alike, "
                  f"{r['counts']['differ']} differ, {r['counts']['only']} one report only); peak memory "
                  f"{r['rss_self'] / 1024:.0f} MiB main process, {r['rss_workers'] / 1024:.0f} MiB largest worker")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bible", type=Path, default=BIBLE)
    ap.add_argument("--sources", type=int, default=20)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.workers)
        return 0
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          "(other work on the machine slows every figure)")
    five_reports()
    if (args.bible / "mark.gold.tsv").is_file():
        many_reports(bible_reports(args.bible, args.sources, args.words),
                     "Mark 1-4, KJV and WEB, verses kept at random")
    else:
        print(f"no Bible data at {args.bible}; the reports are rewrites of the sample corpus")
    many_reports(corpus_reports(args.sources, args.words), "the sample corpus and seeded rewrites of it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
