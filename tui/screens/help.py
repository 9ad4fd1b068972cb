"""The help screen: what the colours and glyphs mean, and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# sidebyside

Two texts that tell the same story, sentence by sentence.

| mark | colour | meaning |
|---|---|---|
| `=` | green | **match**: the other text says the same |
| `≠` | amber | **differ**: the same claim with a difference (changed words are highlighted) |
| `+` | blue | **only** this text says it |
| `✎` | | a note on the sentence |
| `*` | | a link you corrected |

## Moving

| key | does |
|---|---|
| `n` / `N` | next / previous difference of any kind |
| `d` / `D` | next / previous **differ** |
| `1` / `!` | next / previous sentence only the **left** text has |
| `2` / `@` | next / previous sentence only the **right** text has |
| `m` / `M` | next / previous **match** |
| `j` `k` / `↓` `↑` | next / previous sentence in the active pane |
| `g` / `G` | top / bottom |
| `tab`, `h` / `l` | switch pane, left pane / right pane |
| `pgup` `pgdn` `space` | scroll |
| click | make the sentence under the mouse current |

## Seeing

| key | does |
|---|---|
| `i` or `enter` | detail panel: both sentences, the word diff, the changes, why they were linked |
| `f` | show only differences (matches fold to one line) / everything |
| `/` | search the active pane; `;` / `,` next / previous hit |
| `s` | scrolling in sync on / off |
| `v` | stack the panes / side by side |
| `ctrl+p` | command palette: every command, and a list of the differences to jump to |
| `?` | this help |
| `q` | quit |

## Notes and corrections (saved as you go)

| key | does |
|---|---|
| `a` | write a note on the current link or sentence (`ctrl+s` saves, `esc` cancels, `ctrl+d` deletes) |
| `]` / `[` | next / previous note |
| `A` | all notes, orphaned ones too; enter jumps to one |
| `c` | mark the current link match ↔ differ |
| `u` | unlink the current pair |
| `+` | link: press on a sentence, then on one in the other pane |
| `x` | export the comparison with its notes as HTML (palette: Markdown, JSON, JSON-LD) |
| `o` | open a saved comparison |
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
