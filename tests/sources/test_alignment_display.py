"""How alignments read: the engine's reasons in plain words, short document labels, and long
lists folded after three."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from deliberation.sources.templatetags.alignment_display import (
    document_label_text,
    plain_reason_text,
)


def test_a_matched_concept_says_what_each_side_wrote():
    reason = "matches concept: indivisible security (‘Indivisible’ ~ ‘indivisibility’)"
    assert plain_reason_text(reason, source="Ivan Timofeev") == (
        "The text says ‘Indivisible’; Ivan Timofeev says ‘indivisibility’. "
        "Both are about indivisible security."
    )


def test_an_opposing_text_is_named_as_the_opposite():
    assert plain_reason_text("opposes: aimed against outsiders (‘against third countries’)") == (
        "The text says ‘against third countries’ (aimed against outsiders), "
        "the opposite of this principle."
    )
    assert plain_reason_text("opposes: bloc membership goes against it (‘join a bloc’)") == (
        "The text says ‘join a bloc’ (bloc membership), which this principle argues against."
    )


def test_several_parts_become_several_sentences_even_with_a_semicolon_quoted():
    reason = "opposes: dominance of one power (‘lead; dominate’); shares terms: water, river"
    assert plain_reason_text(reason) == (
        "The text says ‘lead; dominate’ (dominance of one power), the opposite of this "
        "principle. Words in common with the principle: water, river."
    )


@pytest.mark.parametrize("note", ["Pinned by the facilitator.", "matches concept: broken", ""])
def test_anything_else_is_shown_as_written(note):
    assert plain_reason_text(note) == note


def test_a_document_is_labelled_by_its_author_else_its_first_words():
    assert document_label_text(title="A long essay", author="Ivan Timofeev (Valdai Club)") == (
        "Ivan Timofeev"
    )
    assert document_label_text(title="Why is a regional security collective hard", author="") == (
        "Why is a regional…"
    )


def _alignment(n: int, *, doc) -> SimpleNamespace:
    return SimpleNamespace(
        principle=SimpleNamespace(pk=n, title=f"Principle {n}", document=doc),
        supports=True,
        percent=90 - n,
        evidence="A quote.",
        reason="matches concept: equal security (‘equal’ ~ ‘equal and integral’)",
    )


def _render(count: int, **extra) -> str:
    doc = SimpleNamespace(
        title="Is neutering NATO the next Russia-China project?",
        author="Ivan Timofeev (Valdai Discussion Club)",
        colour="#9a3412",
    )
    alignments = [_alignment(n, doc=doc) for n in range(1, count + 1)]
    return render_to_string("components/alignment_list.html", {"alignments": alignments, **extra})


def test_a_long_list_shows_three_and_folds_the_rest():
    html = _render(10)
    shown, folded = html.split('<details class="alignment-more')
    assert shown.count('class="alignment"') == 3
    assert folded.count('class="alignment"') == 7
    assert "7 more principles</summary>" in folded
    assert '<details class="alignment-more mb-2">' in html  # closed


def test_a_list_of_four_is_not_folded():
    html = _render(4)
    assert html.count('class="alignment"') == 4
    assert "more principle" not in html


def test_the_fold_opens_on_the_principle_just_judged():
    assert '<details class="alignment-more mb-2" open>' in _render(10, open_principle=8)


def test_an_item_reads_in_plain_words_with_a_short_document_label():
    html = _render(1)
    assert "89% match" in html
    assert 'title="Is neutering NATO the next Russia-China project?">Ivan Timofeev</span>' in html
    assert "Why:</strong> The text says ‘equal’; Ivan Timofeev says ‘equal and integral’." in html
    assert "matches concept" not in html
    # The full title is still there: for screen readers in the badge, and under the quote.
    assert '<span class="visually-hidden">: Is neutering NATO' in html
    assert "<cite>Is neutering NATO the next Russia-China project?</cite>" in html
