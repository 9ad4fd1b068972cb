"""User corrections to the engine's links, and ``apply_corrections`` to lay them over a comparison.

A ``Correction`` names sentences by text anchors (``TextTarget``), never by link index, so
it still means the same sentences after the documents are edited or the comparison is
recomputed. Three actions:

- ``verdict``: the link holding these sentences is ``match`` (or ``differ``), whatever the
  engine said; if the engine no longer links them, they are linked with that verdict;
- ``unlink``: the sentences are not linked (each becomes "only in one source");
- ``link``: link these sentences (one or more per side), with a given verdict or the one the
  engine's claim comparison gives the pair.

Corrections apply in order, so a later one wins. Links they create or change carry
``origin="user"``; a changed verdict keeps the engine's in ``evidence["engine_verdict"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..compare.engine import judge_pair
from ..compare.model import Comparison, Link
from ..vocabulary import LINK_VERDICTS, Verdict
from .anchors import TextTarget, sentences_of
from .annotations import item_id, list_of, new_id, now_iso, overall_status

ACTIONS = ("verdict", "unlink", "link")


@dataclass(slots=True)
class Correction:
    """One override of the engine, anchored on both sides."""

    action: str
    targets: list[TextTarget]
    kind: Verdict | None = None  # for "verdict"; optional for "link"
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)
    modified: str = ""

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown correction {self.action!r}")
        if self.kind is not None and self.kind not in LINK_VERDICTS:
            raise ValueError(f"unknown verdict {self.kind!r}")
        if self.action == "verdict" and self.kind is None:
            raise ValueError("a verdict correction needs a verdict")
        if self.action == "unlink":
            self.kind = None
        if not self.modified:
            self.modified = self.created

    @property
    def status(self) -> str:
        """``orphaned`` when either side has lost its text (the correction cannot apply)."""
        for side in ("left", "right"):
            if all(t.orphaned for t in self.targets if t.side == side):
                return "orphaned"
        return overall_status(self.targets)

    def sentences(self, comparison: Comparison) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The sentence ids it names on each side (empty where the anchors are lost)."""
        return (sentences_of(comparison.left, self.targets, "left"),
                sentences_of(comparison.right, self.targets, "right"))

    def describe(self) -> str:
        """A short label, e.g. ``verdict → match``, ``unlink``, ``link (differ)``."""
        if self.action == "verdict":
            return f"verdict → {self.kind}"
        if self.action == "link":
            return f"link ({self.kind})" if self.kind else "link"
        return "unlink"

    def to_json(self, *, stored: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "action": self.action,
            "created": self.created,
            "modified": self.modified,
            "status": self.status,
            "targets": [t.to_json(stored=stored) for t in self.targets],
        }
        if self.kind is not None:
            out["kind"] = self.kind
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Correction":
        targets = [TextTarget.from_json(t) for t in list_of(data["targets"], "targets")]
        if not any(t.side == "left" for t in targets) or not any(t.side == "right" for t in targets):
            raise ValueError("a correction needs targets on both sides")
        return cls(str(data["action"]), targets, data.get("kind"), item_id(data),
                   str(data.get("created", "")) or now_iso(), str(data.get("modified", "")))


def apply_corrections(comparison: Comparison, corrections: list[Correction]) -> Comparison:
    """A new ``Comparison`` with ``corrections`` laid over the engine's links (the input is
    not changed). Corrections whose sentences cannot be found on both sides do nothing."""
    out = Comparison(comparison.left, comparison.right, list(comparison.links), dict(comparison.timings),
                     engine_state=comparison.engine_state, closest=comparison.closest)
    for correction in corrections:
        left, right = correction.sentences(out)
        if not left or not right:
            continue
        if correction.action == "unlink":
            out.links = [link for link in out.links if not _touches(link, left, right)]
        elif correction.action == "verdict":
            k = next((k for k, link in enumerate(out.links) if _touches(link, left, right)), None)
            if k is None:
                _add_link(out, left, right, correction.kind)
            else:
                out.links[k] = _with_verdict(out.links[k], correction.kind or out.links[k].kind)
        else:
            _add_link(out, left, right, correction.kind)
        out.invalidate()
    out.invalidate()
    return out


def _touches(link: Link, left: tuple[int, ...], right: tuple[int, ...]) -> bool:
    return bool(set(link.left) & set(left)) and bool(set(link.right) & set(right))


def _with_verdict(link: Link, kind: str) -> Link:
    if kind == link.kind and link.origin == "user":
        return link
    evidence = dict(link.evidence)
    evidence.setdefault("engine_verdict", [link.kind])
    return replace(link, kind=kind, origin="user", evidence=evidence)


def _add_link(comparison: Comparison, left: tuple[int, ...], right: tuple[int, ...], kind: str | None) -> None:
    """Link ``left`` with ``right``, taking those sentences out of the links that held them
    (links left with one side empty go; links that lost sentences are judged again)."""
    lset, rset = set(left), set(right)
    kept: list[Link] = []
    for link in comparison.links:
        if not (lset & set(link.left) or rset & set(link.right)):
            kept.append(link)
            continue
        rest_l = tuple(i for i in link.left if i not in lset)
        rest_r = tuple(j for j in link.right if j not in rset)
        if rest_l and rest_r:
            kept.append(judge_pair(comparison, rest_l, rest_r, origin=link.origin))
    new = judge_pair(comparison, left, right, origin="user")
    if kind is not None and kind != new.kind:
        new = _with_verdict(new, kind)
    position = next((k for k, link in enumerate(kept) if link.left[0] > left[0]), len(kept))
    kept.insert(position, new)
    comparison.links = kept
