"""The help screen (``?``): what the colours and marks mean, and every key.

The keys are read from the bindings themselves (by binding id), so the help never drifts
from what the keys do; ``tests/test_app_help.py`` checks that every binding has a row here.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...vocabulary import (COLOUR_VARIABLES, CONTINUED, CONTINUED_CURRENT, GLYPHS, MAP_MARKS, MEANINGS,
                           NOTE_MARK, USER_MARK)
from ..widgets.article_pane import ArticlePane
from .dialog import Dialog
from .reader import ReaderScreen

# (section, [(binding ids, what they do)]); a pair of ids reads "next / previous".
SECTIONS: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    ("Differences", [
        (("next-diff", "prev-diff"), "next / previous difference of any kind"),
        (("next-differ", "prev-differ"), "next / previous differ: the same claim, something changed"),
        (("next-only-left", "prev-only-left"), "next / previous sentence only the left text has"),
        (("next-only-right", "prev-only-right"), "next / previous sentence only the right text has"),
        (("next-match", "prev-match"), "next / previous match"),
    ]),
    ("Moving", [
        (("next-sentence", "prev-sentence"), "next / previous sentence in the active pane"),
        (("top", "bottom"), "first / last sentence"),
        (("switch-pane",), "switch the active pane"),
        (("left-pane", "right-pane"), "left pane / right pane"),
        (("page-down", "page-up"), "scroll a page down / up"),
        (("half-page-down", "half-page-up"), "scroll half a page down / up"),
        (("line-down", "line-up"), "scroll a line down / up"),
        ((), "click a sentence to make its link current; click a change map to go there"),
    ]),
    ("Notes and corrections (saved as you go)", [
        (("note",), "write a note on the current link or sentence (ctrl+s saves, esc cancels, ctrl+d deletes)"),
        (("next-note", "prev-note"), "next / previous note"),
        (("notes-list",), "all notes, orphaned ones too; enter jumps to one"),
        (("set-verdict",), "mark the current link match ↔ differ"),
        (("unlink",), "unlink the current pair"),
        (("link",), "link: press on a sentence, then on one in the other pane"),
        (("closest",), "on a sentence only one text has: go to its closest candidate in the other text (again: the next)"),
        (("link-closest",), "link that sentence with the candidate > shows (or its closest), joining the candidate's link"),
        (("export",), "export the comparison with its notes as HTML (palette: Markdown, JSON, JSON-LD)"),
        (("open-saved",), "open a saved comparison (or a saved set of sources, in the coverage view)"),
    ]),
    ("Seeing", [
        (("detail",), "detail panel: both sentences, the word diff, the typed changes, why they were linked"),
        (("detail-down", "detail-up"), "scroll the detail panel down / up"),
        (("close-detail",), "close the detail panel"),
        (("fold",), "show only differences (runs of matches fold to one line) / everything"),
        (("search",), "search the active pane as you type; enter keeps the hits, escape goes back"),
        (("next-hit", "prev-hit"), "next / previous search hit"),
        (("sync",), "synced scrolling on / off"),
        (("layout",), "stack the panes / side by side (stacked by default below 100 columns)"),
        (("palette",), "command palette: every command, and every difference to jump to"),
        (("help",), "this help"),
        (("quit",), "quit"),
    ]),
]

KEY_NAMES = {
    "right_square_bracket": "]", "left_square_bracket": "[", "exclamation_mark": "!", "at": "@",
    "question_mark": "?", "slash": "/", "plus": "+", "semicolon": ";", "comma": ",", "pagedown": "PgDn",
    "pageup": "PgUp", "down": "↓", "up": "↑", "left": "←", "right": "→", "home": "Home",
    "end": "End", "enter": "Enter", "space": "Space", "tab": "Tab", "escape": "Esc",
    "greater_than_sign": ">",
}


def key_names(binding: Binding) -> list[str]:
    """The keys of a binding as a user types them (``N`` not ``shift+n``; no duplicates)."""
    out: list[str] = []
    for key in binding.key.split(","):
        key = key.strip()
        if key.startswith("shift+") and len(key) == 7:
            continue  # the kitty-protocol spelling of a capital, already listed
        if key.startswith("shift+") and (key[6:].isdigit() or key[6:] in ("slash", "equals_sign", "full_stop")):
            continue  # the kitty-protocol spelling of !, @, ?, +, > on a US keyboard
        name = KEY_NAMES.get(key, key)
        if name not in out:
            out.append(name)
    return out


def bindings_by_id(*groups: list[BindingType]) -> dict[str, Binding]:
    found: dict[str, Binding] = {"palette": Binding("ctrl+p", "command_palette", "Palette", id="palette")}
    for bindings in groups:
        for b in bindings:
            if isinstance(b, Binding) and b.id:
                found[b.id] = b
    return found


def legend_intro() -> Content:
    return Content.assemble(
        ("sidebyside", "bold $accent"), ": two texts that tell the same story, sentence by sentence. ",
        "Every sentence shows its verdict twice, as a colour and as a mark in the gutter:")


def legend_rows() -> list[tuple[Content, str]]:
    """``(mark and name, meaning)`` for each mark: shown as rows whose meanings wrap under
    themselves, not back to the margin."""
    rows = [(Content.styled(f"{GLYPHS[m]:<4}{m}", f"${COLOUR_VARIABLES[m]} bold"), MEANINGS[m])
            for m in ("match", "differ", "only")]
    rows += [(Content(CONTINUED), f"the sentence above goes on ({CONTINUED_CURRENT} for the current one)"),
             (Content(f"{NOTE_MARK} {USER_MARK}"), "a note on the sentence · a link you corrected")]
    return rows


def legend_maps() -> str:
    maps = ", ".join(f"{MAP_MARKS[m]} {m}" for m in ("differ", "only", "match"))
    return f"The change maps beside the panes: {maps}; the lighter band is on screen."


def legend() -> Content:
    """What the colours and marks mean, as one styled ``Content`` (no markup parsing)."""
    rows = [Content.assemble("  ", mark.pad_right(12 - mark.cell_length), meaning) for mark, meaning in legend_rows()]
    return Content("\n").join([legend_intro(), *rows, Content(legend_maps())])


Sections = list[tuple[str, list[tuple[tuple[str, ...], str]]]]


def key_rows(bindings: dict[str, Binding], sections: Sections | None = None):
    """``(section, [(keys, what)])`` with the keys read from the bindings."""
    for title, rows in SECTIONS if sections is None else sections:
        out = []
        for ids, what in rows:
            keys = " / ".join(" ".join(key_names(bindings[i])) for i in ids if i in bindings) if ids else "mouse"
            out.append((keys, what))
        yield title, out


def help_text(bindings: dict[str, Binding], sections: Sections | None = None, intro: Content | None = None) -> str:
    """The help as plain text (for tests and the README)."""
    lines = [(intro or legend()).plain]
    for title, rows in key_rows(bindings, sections):
        lines.append(f"\n{title}")
        lines += [f"  {keys:<22} {what}" for keys, what in rows]
    return "\n".join(lines)


class HelpScreen(Dialog[None]):
    """Every key of the reader, from its bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,shift+slash", "dismiss", "Close", key_display="esc", id="help-close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown,f", "scroll(10)", "Page down", show=False),
        Binding("b,pageup", "scroll(-10)", "Page up", show=False),
        Binding("g,home", "scroll(-1000)", "Top", show=False),
        Binding("G,shift+g,end", "scroll(1000)", "Bottom", show=False),
    ]


    def __init__(self, bindings: dict[str, Binding] | None = None, sections: Sections | None = None,
                 intro: Content | None = None) -> None:
        """The reader's help, or another screen's (its bindings, sections and legend)."""
        super().__init__()
        self.bindings = bindings if bindings is not None else default_bindings()
        self.sections = sections
        self.intro = intro

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes=Dialog.BOX) as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "esc closes"
            if self.intro is not None:  # another screen's legend
                yield Static(self.intro, id="legend")
            else:
                yield Static(legend_intro(), id="legend")
                for mark, meaning in legend_rows():
                    with Horizontal(classes="help-row legend-row"):
                        yield Static(mark, classes="help-mark")
                        yield Static(meaning, classes="help-what", markup=False)
                yield Static(legend_maps(), classes="legend-maps", markup=False)
            for title, rows in key_rows(self.bindings, self.sections):
                yield Static(title, classes="help-title", markup=False)
                for keys, what in rows:
                    with Horizontal(classes="help-row"):
                        yield Static(keys, classes="help-keys", markup=False)
                        yield Static(what, classes="help-what", markup=False)

    @property
    def text(self) -> str:
        return help_text(self.bindings, self.sections, self.intro)

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)


def default_bindings() -> dict[str, Binding]:
    return bindings_by_id(ReaderScreen.BINDINGS, ArticlePane.BINDINGS)
