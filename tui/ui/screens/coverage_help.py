"""What the help screen says about the coverage view: the cells' legend and the keys by section
(the keys' names come from the view's bindings, by id)."""

from __future__ import annotations

from textual.content import Content

from ...vocabulary import CELL_GLYPHS, CELL_LABELS, COLOUR_VARIABLES, NOTE_MARK


def legend() -> Content:
    """What the cells mean, for the help screen."""
    parts: list = [("sidebyside", "bold $accent"), ": several sources, claim by claim. One row per claim "
                   "(in the base source's reading order), one column per source:\n"]
    for kind in ("reference", "match", "differ", "only"):
        mark = "match" if kind == "reference" else kind
        style = f"${COLOUR_VARIABLES[mark]} bold"  # type: ignore[index]
        parts += ["  ", (CELL_GLYPHS[kind].ljust(4), style), CELL_LABELS[kind]]  # type: ignore[index]
        parts.append(" (with its value: ≠ 175)\n" if kind == "differ" else "\n")
    parts += ["  blank: the source does not carry the claim\n",
              f"  {NOTE_MARK}   a note on the claim, or one written in the reader on two of the sources"]
    return Content.assemble(*parts)


SECTIONS = [
    ("Claims", [
        (("cov-next-diff", "cov-prev-diff"), "next / previous claim told differently or by one source only"),
        (("cov-next-differ", "cov-prev-differ"), "next / previous claim the sources tell differently"),
        (("cov-next-only", "cov-prev-only"), "next / previous claim only one source has"),
        (("cov-next-all", "cov-prev-all"), "next / previous claim every source carries"),
        (("cov-down", "cov-up"), "next / previous claim"),
        (("cov-left", "cov-right"), "source to the left / right (the columns scroll when they do not fit)"),
        (("cov-page-down", "cov-page-up"), "a page down / up"),
        (("cov-top", "cov-bottom"), "first / last claim"),
        ((), "click a cell to make it current"),
    ]),
    ("Seeing", [
        (("cov-drill",), "the reader on this source against the base, on this claim (escape comes back)"),
        (("cov-filter",), "only the differences (the rows n visits: claims told differently, or carried by "
                          "one source only; a claim two sources or more tell alike is hidden even where others "
                          "leave it out) / every claim"),
        (("cov-sort",), "claims most sources carry first (ties in reading order) / the base's reading order"),
        (("cov-base",), "make this source the base: its reading order, its wording the reference"),
        (("cov-detail",), "hide / show the claim as each source tells it"),
        (("cov-own",), "what only this source reports, to jump to"),
    ]),
    ("Notes (saved as you go)", [
        (("cov-note",), "write a note on the claim (ctrl+s saves, esc cancels, ctrl+d deletes)"),
        (("cov-next-note", "cov-prev-note"), "next / previous claim with a note"),
        (("cov-notes-list",), "all notes, the reader's on any two of the sources too"),
        (("cov-export",), "export the coverage report with its notes as HTML (palette: Markdown, JSON)"),
        (("cov-open-saved",), "open a saved comparison or set of sources (those with notes)"),
        (("cov-help",), "this help"),
        (("cov-quit",), "quit"),
    ]),
]
