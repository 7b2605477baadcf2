import io
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from deliberation.charters.models import Proposal
from deliberation.charters.services import proposal_create
from deliberation.feedback.exports import charter_record
from deliberation.feedback.pdf import MISSING_GLYPH, CharterDocument, charter_pdf
from deliberation.sources.models import Principle

from .conftest import READ_CHARTER

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The document's text with runs of whitespace (line and page breaks too) as one space."""
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def adopted(workshop, voted_article):
    """An article adopted by a vote of three delegations, with a reaction."""
    clause = voted_article("Adopted: 2 of 3 for (Boris Zed against)")["clause"]
    workshop.refresh_from_db()
    return clause


@pytest.mark.parametrize(("who", "status"), READ_CHARTER)
def test_charter_pdf_permissions_mirror_the_markdown_export(client, workshop, actor, who, status):
    actor(who)
    pdf = client.get(reverse("feedback:charter_pdf", args=[workshop.code]))
    markdown = client.get(reverse("feedback:charter_markdown", args=[workshop.code]))
    assert pdf.status_code == markdown.status_code == status
    if status == 200:
        assert pdf.content.startswith(b"%PDF")


def test_charter_pdf_is_a_download_named_like_the_markdown(client, workshop, adopted, actor):
    actor("participant")
    response = client.get(reverse("feedback:charter_pdf", args=[workshop.code]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="charter-{workshop.code}.pdf"'
    markdown = client.get(reverse("feedback:charter_markdown", args=[workshop.code]))
    assert markdown["Content-Disposition"].endswith(f'"charter-{workshop.code}.md"')


def test_charter_pdf_has_articles_vote_records_and_principles(workshop, adopted):
    text = pdf_text(charter_pdf(workshop))
    assert workshop.charter.title in text
    assert f"Workshop {workshop.display_code} · " in text
    assert "Article 1. Neighbours' security" in text
    assert "No member may leave its neighbours less safe." in text
    assert "Vote: new clause “Drills”, adopted." in text
    assert "Delegation For Against Abstain" in text
    assert "NATO 1 0 0" in text and "Russia 0 1 0" in text and "China 1 0 0" in text
    assert "Reactions: 0 agree · 1 disagree · 0 pass" in text
    assert "Principles this article reflects" in text
    alignment = charter_record(workshop)[0].alignments[0]
    assert " ".join(alignment.principle.title.split()) in text
    assert alignment.principle.document.title.split()[0] in text
    assert ("Supports" if alignment.supports else "Opposes") in text
    assert "Page 1 of" in text
    assert MISSING_GLYPH not in text


def test_charter_pdf_carries_no_participant_names(workshop, adopted):
    text = pdf_text(charter_pdf(workshop))
    assert "Adopted: 2 of 3 for (P-" in text
    for person in ["Anastasia Quill", "Boris Zed", "Chen Wobble"]:
        assert person not in text


def test_charter_pdf_draws_cyrillic_and_quotes_and_marks_chinese(workshop, adopt, caplog):
    charter = workshop.charter
    charter.preamble = "Мы, делегации региона, – «вместе» и “честно”."
    charter.save()
    adopt()  # the default text reflects a principle of the demo documents
    adopt("Неделимость безопасности 安全", "Никто не укрепляет свою безопасность: 不可分割的安全。")
    principle = charter_record(workshop)[0].alignments[0].principle
    Principle.objects.filter(pk=principle.pk).update(title="共同安全 — Общая безопасность")
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        text = pdf_text(charter_pdf(workshop))
    assert "Мы, делегации региона, – «вместе» и “честно”." in text
    assert "Article 2. Неделимость безопасности □□ " in text
    assert "Никто не укрепляет свою безопасность: □□□□□□□□ " in text
    assert " □□□□ — Общая безопасность (" in text
    assert "appear as □. The Markdown export of the charter has the full text." in text
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_text_is_cleaned_to_what_the_font_can_draw():
    document = CharterDocument()
    cleaned = document.clean("a\tb\u3000c\u2028d\r\ne\x07f 安全 «ё» – “x”")
    assert cleaned == "a b c\nd\nef □□ «ё» – “x”"
    assert document.missing == 2


def test_charter_pdf_wraps_long_words_and_long_texts(workshop, adopt, seat):
    clause = adopt("A" * 200, ("Unbreakable" * 60 + " and then some words. ") * 40)
    proposal = proposal_create(participant=seat("Ana", "NATO"), title="B" * 200, text="C")
    Proposal.objects.filter(pk=proposal.pk).update(
        clause=clause, status="adopted", outcome="D" * 300, decided_at=timezone.now()
    )
    text = pdf_text(charter_pdf(workshop))
    assert "Article 1. AAAA" in text
    assert "and then some words." in text
    assert "Vote: new clause “BBBB" in text
    assert "Page 2 of" in text  # the footer counts every page


def test_charter_pdf_says_the_title_once(workshop, adopted):
    text = pdf_text(charter_pdf(workshop))
    assert text.count(workshop.title) == 1  # the charter is named after the workshop


def test_an_empty_charter_gives_a_pdf_saying_nothing_is_adopted(workshop):
    text = pdf_text(charter_pdf(workshop))
    assert workshop.charter.title in text
    assert "No article has been adopted yet." in text
    assert "Article" not in text.replace("No article", "")


def test_the_exports_page_and_the_printable_charter_offer_the_pdf(client, workshop, actor):
    actor("facilitator")
    url = reverse("feedback:charter_pdf", args=[workshop.code])
    exports_page = client.get(reverse("feedback:exports", args=[workshop.code])).content.decode()
    assert f'href="{url}" download' in exports_page
    assert "Save as PDF" not in exports_page
    printable = client.get(reverse("feedback:charter_print", args=[workshop.code])).content
    assert f'href="{url}" download' in printable.decode()
