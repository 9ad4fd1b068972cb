"""The floor of any lexical aligner, timed beside the engine by bench/bench_engine.py: read both
texts, split sentences with a regex, and index every word to the sentences that hold it.

usage: python bench/floor.py LEFT RIGHT
"""

import re
import sys

SENTENCE = re.compile(r"[^.!?]+[.!?]*")
WORD = re.compile(r"\w+")

index_sizes = []
for path in sys.argv[1:3]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    index: dict[str, set[int]] = {}
    for i, m in enumerate(SENTENCE.finditer(text)):
        for w in WORD.findall(m.group().lower()):
            index.setdefault(w, set()).add(i)
    index_sizes.append(len(index))
print(*index_sizes)
