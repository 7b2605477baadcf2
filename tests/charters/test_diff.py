"""Word-level diffs: pure functions, no database."""

import pytest

from deliberation.charters.diff import change_kind, diff_html, word_diff


def _rebuild(segments, keep):
    return "".join(s.text for s in segments if s.op in keep)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("All states may join.", "All states may join freely."),
        ("All states may join.", "States may join."),
        ("All states may join.", "Some nations could join."),
        ("", "New text"),
        ("Old text", ""),
        ("Line one\nline two", "Line one\nline 2"),
    ],
)
def test_word_diff_rebuilds_both_texts(old, new):
    segments = word_diff(old, new)
    # Whitespace between a word and its punctuation may move; the words and signs may not.
    assert "".join(_rebuild(segments, {"equal", "delete"}).split()) == "".join(old.split())
    assert "".join(_rebuild(segments, {"equal", "insert"}).split()) == "".join(new.split())


def test_word_diff_marks_only_the_changed_words():
    html = diff_html("No state may seek advantage.", "No state may seek unilateral advantage.")
    assert html == 'No state may seek <ins class="diff-ins">unilateral </ins>advantage.'


def test_diff_html_escapes_user_text():
    html = diff_html("a <b>", "a <script>")
    assert "<script" not in html and "<b>" not in html and "&lt;" in html


def test_diff_html_shortens_long_unchanged_runs():
    old = " ".join(f"w{i}" for i in range(40)) + " end."
    new = old.replace("end.", "finish.")
    html = diff_html(old, new, context=3)
    assert "…" in html and "w10" not in html
    assert html.endswith('<ins class="diff-ins">finish</ins>.')


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("a b", "a b c", "inserts words"),
        ("a b c", "a c", "deletes words"),
        ("a b c", "a x c", "replaces words"),
        ("a b", "a b", "no change"),
    ],
)
def test_change_kind_names_what_an_amendment_does(old, new, kind):
    assert change_kind(old, new) == kind
