"""The reader's keys: one table of bindings, each with an id and a description. The reader
binds them, the help screen and the README list them by id, the footer shows those with
``show``; related keys share a group (the footer shows one entry for next/previous)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

DIFFS = Binding.Group("Diff")

READER_KEYS: list[BindingType] = [
    Binding("n", "jump(1, 'diff')", "Next difference", id="next-diff", group=DIFFS),
    Binding("N,shift+n", "jump(-1, 'diff')", "Previous difference", key_display="N", id="prev-diff", group=DIFFS),
    Binding("d", "jump(1, 'differ')", "Next differ", show=False, id="next-differ"),
    Binding("D,shift+d", "jump(-1, 'differ')", "Previous differ", show=False, id="prev-differ"),
    Binding("1", "jump(1, 'only-left')", "Next only-left", show=False, id="next-only-left"),
    Binding("exclamation_mark,shift+1", "jump(-1, 'only-left')", "Previous only-left", key_display="!",
            show=False, id="prev-only-left"),
    Binding("2", "jump(1, 'only-right')", "Next only-right", show=False, id="next-only-right"),
    Binding("at,shift+2", "jump(-1, 'only-right')", "Previous only-right", key_display="@", show=False,
            id="prev-only-right"),
    Binding("m", "jump(1, 'match')", "Next match", show=False, id="next-match"),
    Binding("M,shift+m", "jump(-1, 'match')", "Previous match", show=False, id="prev-match"),
    Binding("j,down", "step(1)", "Next sentence", show=False, id="next-sentence"),
    Binding("k,up", "step(-1)", "Previous sentence", show=False, id="prev-sentence"),
    Binding("g,home", "edge(-1)", "Top", show=False, id="top"),
    Binding("G,shift+g,end", "edge(1)", "Bottom", show=False, id="bottom"),
    Binding("tab", "switch_pane", "Other pane", show=False, id="switch-pane"),
    Binding("h,left", "focus_side('left')", "Left pane", show=False, id="left-pane"),
    Binding("l,right", "focus_side('right')", "Right pane", show=False, id="right-pane"),
    Binding("z", "toggle_filter", "Only diffs", id="fold"),
    Binding("slash", "search", "Search", key_display="/", id="search"),
    Binding("semicolon", "search_step(1)", "Next hit", key_display=";", show=False, id="next-hit"),
    Binding("comma", "search_step(-1)", "Previous hit", key_display=",", show=False, id="prev-hit"),
    Binding("i,enter", "toggle_detail", "Detail", id="detail"),
    # While the detail panel is open these stand in the footer where "i Detail" was.
    Binding("escape,i,enter", "close_detail", "Close", key_display="esc", id="close-detail"),
    Binding("J,shift+j", "scroll_detail(1)", "Scroll", key_display="J/K", id="detail-down"),
    Binding("K,shift+k", "scroll_detail(-1)", "Scroll detail up", show=False, id="detail-up"),
    Binding("s", "toggle_sync", "Sync", show=False, id="sync"),
    Binding("v", "toggle_layout", "Stack/side by side", show=False, id="layout"),
    # Notes and corrections (issue 4): saved as you go in the data dir.
    Binding("a", "note", "Note", id="note"),
    Binding("A,shift+a", "notes_list", "All notes", show=False, id="notes-list"),
    Binding("right_square_bracket", "note_jump(1)", "Next note", key_display="]", show=False, id="next-note"),
    Binding("left_square_bracket", "note_jump(-1)", "Previous note", key_display="[", show=False, id="prev-note"),
    Binding("c", "toggle_verdict", "Match/differ", show=False, id="set-verdict"),
    Binding("u", "unlink", "Unlink", show=False, id="unlink"),
    Binding("plus,shift+equals_sign", "link_mark", "Link", key_display="+", show=False, id="link"),
    Binding("greater_than_sign,shift+full_stop", "closest", "Closest in the other text", key_display=">",
            show=False, id="closest"),
    Binding("L,shift+l", "link_closest", "Link with the closest", key_display="L", show=False, id="link-closest"),
    Binding("x", "export('html')", "Export", show=False, id="export"),
    Binding("o", "app.open_saved", "Open saved", show=False, id="open-saved"),
    Binding("question_mark,shift+slash", "help", "Help", key_display="?", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]
