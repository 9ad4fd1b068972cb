"""Sentences that open by pointing back: "It was restored ...", "They said ...", "That is ...".

Such a sentence speaks of what the sentence before it names; the aligner keeps the two together
when the one pointed back to finds a partner (see ``Aligner._with_antecedents``).
"""

from __future__ import annotations

import re

# A subject pronoun or demonstrative as the first word, after any opening quote marks.
_POINTER = re.compile(r"[\s\"“‘'(]*(?:it|they|he|she|this|that|these|those)\b(?!-)", re.IGNORECASE)


def refers_back(text: str, start: int, end: int) -> bool:
    """Whether the sentence text[start:end] opens with a word pointing back to the one before."""
    return _POINTER.match(text, start, end) is not None
