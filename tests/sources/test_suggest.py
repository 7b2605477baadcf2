"""Segmenting documents and suggesting candidate principles: pure functions, no database."""

from pathlib import Path

from deliberation.sources.segment import Block, blocks, body_blocks, excluded_spans, sentences
from deliberation.sources.suggest import suggest, title_for

SEEDS = Path(__file__).resolve().parents[2] / "deliberation" / "sources" / "seeds"
NATO = (SEEDS / "inclusive-nato.txt").read_text(encoding="utf-8")
EURASIA = (SEEDS / "eurasian-security.txt").read_text(encoding="utf-8")


def test_the_trailing_teasers_of_a_saved_web_page_yield_no_principle():
    credit = NATO.index("Rafal Oklis/Shutterstock")
    candidates = suggest(NATO)
    assert candidates
    assert all(c.end <= credit for c in candidates)


def test_the_page_furniture_is_left_out_of_the_body():
    body = " ".join(b.text for b in body_blocks(NATO))
    for furniture in ("keep readingShow less", "QiOSK", "Subscribe now", "Top image credit"):
        assert furniture not in body
    assert "laws and institutions must go hand in hand" in body
    assert any(NATO[a:b].lstrip().startswith("Rafal Oklis") for a, b in excluded_spans(NATO))


def test_boilerplate_is_found_by_structure_in_a_text_it_has_never_seen():
    essay = "\n\n".join(
        f"Paragraph {n}: member states must share the burden of regional security, and every "
        "decision should rest on the consent of all the states concerned."
        for n in range(6)
    )
    teaser = (
        "\n\nPhoto by someone\nWorld | Politics\nAnother story\n\n"
        "Leaders must meet again next week to decide on the budget, officials said on Monday.\n\n"
        "More\n"
    )
    text = essay + teaser
    assert all(c.end <= len(essay) for c in suggest(text))


def test_every_candidate_quotes_the_document_verbatim_at_its_offsets():
    for text in (NATO, EURASIA):
        for candidate in suggest(text):
            assert text[candidate.start : candidate.end] == candidate.quote
            assert text.count(candidate.quote) == 1


def test_candidates_are_claims_not_narrative():
    quotes = [c.quote for c in suggest(EURASIA)]
    assert any("should be based on cooperation" in q for q in quotes)
    assert not any(q.startswith("The initiative was pursued") for q in quotes)
    assert not any(q.rstrip().endswith("?") for q in quotes)


def test_a_call_to_subscribe_is_never_a_candidate():
    text = (
        "States must settle their disputes by peaceful means and should refrain from force.\n\n"
        "You must subscribe to our newsletter to read the rest of this essay, which you should."
    )
    assert [c.quote for c in suggest(text)] == [
        "States must settle their disputes by peaceful means and should refrain from force."
    ]


def test_one_paragraph_per_line_and_hard_wrapped_paragraphs_both_segment():
    per_line = "First claim is long enough to be prose for sure, members must act.\nSecond one."
    assert [b.text for b in blocks(per_line)][0].startswith("First claim")
    wrapped = (
        "Members of the council must consult one another\n"
        "before any of them deploys forces near a neighbour.\n"
    )
    assert len(blocks(wrapped)) == 1


def test_sentences_keep_offsets_and_respect_abbreviations():
    text = "Intro line.\n\nThe U.S. and Russia must talk. Dr. Smith agrees! Does anyone?"
    block = blocks(text)[1]
    found = sentences(block)
    assert [s.text for s in found] == [
        "The U.S. and Russia must talk.",
        "Dr. Smith agrees!",
        "Does anyone?",
    ]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_sentences_end_after_a_closing_quote():
    text = "He said “we must act.” Then they left the room at once, all of them."
    found = sentences(Block(0, len(text), text))
    assert found[0].text == "He said “we must act.”"


def test_titles_start_from_the_claim():
    assert title_for("Firstly, this new framework should be based on cooperation.") == (
        "This new framework should be based on…"
    )
    assert title_for("States must talk.") == "States must talk"


def test_an_empty_or_short_document_has_no_candidates():
    assert suggest("") == []
    assert suggest("Must.") == []
