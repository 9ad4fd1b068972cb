"""Semantic similarity on the STS Benchmark with the engine's pair figures.

usage: python bench/stsb.py [STSB_DIR]      (default: ../shared/bench/stsb)

Prints the Spearman correlation with the human scores (0-5) on the test split of: the engine's
weighted Dice alone, the meaning cosine alone, their mean (what the aligner's meaning pass
uses), and a ridge regression over all the pair's figures (bench/pair_features.py) fitted on the
train split only. Also fits Dice and cosine alone on train, to show the weight each gets.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from pair_features import NAMES, fit_ridge, pair_features, spearman, standardise  # noqa: E402

from tui.compare.engine import key_document_frequencies  # noqa: E402


def read(path: Path) -> list[tuple[float, str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7:
                rows.append((float(parts[4]), parts[5], parts[6]))
    return rows


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/bench/stsb"
    if not (root / "sts-train.csv").is_file():
        print(f"STS-B not found at {root}; skipped")
        return 0
    train, test = read(root / "sts-train.csv"), read(root / "sts-test.csv")
    t0 = time.perf_counter()
    idf = key_document_frequencies([s for _, a, b in train for s in (a, b)])
    xtrain = np.array([pair_features(a, b, idf) for _, a, b in train])
    xtest = np.array([pair_features(a, b, idf) for _, a, b in test])
    ytrain, ytest = np.array([y for y, _, _ in train]), np.array([y for y, _, _ in test])
    print(f"STS-B: {len(train)} train / {len(test)} test pairs; figures in {time.perf_counter() - t0:.1f} s")
    dice, meaning = NAMES.index("dice"), NAMES.index("meaning")
    print(f"Spearman on test: Dice {spearman(xtest[:, dice], ytest):.3f}, meaning cosine "
          f"{spearman(xtest[:, meaning], ytest):.3f}, their mean {spearman(xtest[:, [dice, meaning]].mean(1), ytest):.3f}")
    ztrain, ztest = standardise(xtrain, xtest)
    w = fit_ridge(ztrain, ytrain)
    print(f"ridge regression on {len(NAMES)} figures (fitted on train): Spearman on test {spearman(ztest @ w, ytest):.3f}")
    two = np.hstack([np.ones((len(xtrain), 1)), xtrain[:, [dice, meaning]]])
    w2 = fit_ridge(two, ytrain, 0.0)
    print(f"Dice and cosine fitted on train: score = {w2[0]:.2f} + {w2[1]:.2f} x Dice + {w2[2]:.2f} x cosine "
          f"(cosine / Dice weight {w2[2] / w2[1]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
