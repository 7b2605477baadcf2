"""The facilitator's document library and the review of candidate principles."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deliberation.sources.models import Principle, SourceDocument
from deliberation.sources.services import document_create

from .conftest import ROLES
from .test_importers import make_docx

pytestmark = pytest.mark.django_db

ESSAY = (
    "A charter for the region\n\n"
    "Every state of the region must have an equal voice in decisions about its security. "
    "No state should seek its own security at the expense of its neighbours.\n\n"
    "Arms control should be based on verification that all the parties accept as fair.\n\n"
    "Photo: Someone/Agency\nMore from World\nSubscribe to our newsletter\n\n"
    "Leaders must meet again next week to settle the budget, officials said on Monday.\n"
)


@pytest.fixture
def document(workshop):
    return document_create(title="Regional charter essay", text=ESSAY, workshop=workshop)


def _expected(who: str, ok: int) -> int:
    # Facilitator pages: strangers without an account are sent to sign in.
    return {"facilitator": ok, "other facilitator": 403}.get(who, 302)


FACILITATOR_ROLES = [*ROLES, "other facilitator"]


@pytest.fixture
def acting(actor, client):
    def act_as(who):
        if who == "other facilitator":
            user = get_user_model().objects.create_user("other", password="pw-long-enough-1")
            client.force_login(user)
            return None
        return actor(who)

    return act_as


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_the_library_is_for_the_workshops_facilitator(client, workshop, acting, who):
    acting(who)
    response = client.get(reverse("sources:documents", args=[workshop.code]))
    assert response.status_code == _expected(who, 200)


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_adding_a_document_is_for_the_facilitator(client, workshop, acting, who):
    acting(who)
    response = client.post(
        reverse("sources:documents", args=[workshop.code]),
        {"title": "Pasted", "text": ESSAY, "colour": "#1e40af"},
    )
    assert response.status_code == _expected(who, 302)
    assert SourceDocument.objects.filter(title="Pasted").exists() == (who == "facilitator")


def test_a_pasted_document_gets_candidates_and_joins_the_workshop(client, workshop, actor):
    actor("facilitator")
    response = client.post(
        reverse("sources:documents", args=[workshop.code]),
        {"title": "Pasted essay", "author": "A. Author", "text": ESSAY, "colour": "#1e40af"},
    )
    document = SourceDocument.objects.get(title="Pasted essay")
    assert response.url == reverse("sources:document", args=[workshop.code, document.pk])
    assert workshop.documents.filter(pk=document.pk).exists()
    quotes = [p.quote for p in document.principles.all()]
    assert any(q.startswith("Every state of the region must") for q in quotes)
    assert not any("budget" in q or "newsletter" in q for q in quotes)
    assert {p.status for p in document.principles.all()} == {"suggested"}
    page = client.get(response.url).content.decode()
    assert "Candidate principles" in page and "Left out as page furniture" in page


def test_an_uploaded_word_document(client, workshop, actor):
    actor("facilitator")
    upload = SimpleUploadedFile("essay.docx", make_docx(*ESSAY.split("\n\n")))
    response = client.post(
        reverse("sources:documents", args=[workshop.code]),
        {"title": "Uploaded", "file": upload, "colour": "#1e40af"},
    )
    assert response.status_code == 302
    assert SourceDocument.objects.get(title="Uploaded").principles.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "T", "colour": "#1e40af"}, "Paste the document"),
        ({"title": "T", "text": ESSAY, "colour": "#fde68a"}, "too light"),
        ({"title": "T", "text": ESSAY, "colour": "blue"}, "#rrggbb"),
        ({"title": "", "text": ESSAY, "colour": "#1e40af"}, "This field is required"),
    ],
)
def test_bad_documents_are_refused_and_the_text_is_kept(client, workshop, actor, data, message):
    actor("facilitator")
    response = client.post(reverse("sources:documents", args=[workshop.code]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if data.get("text"):
        assert "Every state of the region must have an equal voice" in page
    assert not SourceDocument.objects.filter(title="T").exists()


def test_an_unreadable_upload_says_why(client, workshop, actor):
    actor("facilitator")
    upload = SimpleUploadedFile("essay.pdf", b"not a pdf")
    response = client.post(
        reverse("sources:documents", args=[workshop.code]),
        {"title": "Broken", "file": upload, "colour": "#1e40af"},
    )
    assert response.status_code == 400
    assert "could not be read as a PDF" in response.content.decode()


def test_accept_with_an_edited_title_and_a_delegation(client, workshop, actor, document):
    actor("facilitator")
    candidate = document.principles.order_by("start").first()
    nato = workshop.delegations.get(name="NATO")
    p = f"p{candidate.pk}"
    response = client.post(
        reverse("sources:principle", args=[workshop.code, candidate.pk]),
        {
            "action": "accept",
            f"{p}-title": "Equal voice",
            f"{p}-summary": "All states decide together.",
            f"{p}-delegations": [nato.pk],
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Accepted" in response.content.decode()
    candidate.refresh_from_db()
    assert (candidate.status, candidate.title) == ("accepted", "Equal voice")
    assert list(candidate.delegations.all()) == [nato]


def test_an_empty_title_is_refused_in_the_card(client, workshop, actor, document):
    actor("facilitator")
    candidate = document.principles.first()
    p = f"p{candidate.pk}"
    response = client.post(
        reverse("sources:principle", args=[workshop.code, candidate.pk]),
        {"action": "accept", f"{p}-title": "", f"{p}-summary": "<b>kept</b>"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "&lt;b&gt;kept&lt;/b&gt;" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.status == "suggested"


def test_drop_removes_the_card(client, workshop, actor, document):
    actor("facilitator")
    candidate = document.principles.first()
    response = client.post(
        reverse("sources:principle", args=[workshop.code, candidate.pk]),
        {"action": "drop"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and response.content == b""
    assert not Principle.objects.filter(pk=candidate.pk).exists()


def test_merge_spans_the_quotes_verbatim(client, workshop, actor, document):
    actor("facilitator")
    first, second = document.principles.order_by("start")[:2]
    response = client.post(
        reverse("sources:merge", args=[workshop.code, document.pk]),
        {"principle": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    [merged] = Principle.objects.filter(pk__in=[first.pk, second.pk])
    assert merged.quote == document.text[first.start : second.end]
    merged.full_clean()


def test_merge_needs_two(client, workshop, actor, document):
    actor("facilitator")
    response = client.post(
        reverse("sources:merge", args=[workshop.code, document.pk]),
        {"principle": [document.principles.first().pk]},
    )
    assert response.status_code == 400
    assert "at least two" in response.content.decode()


def test_accepted_principles_of_a_used_document_align_the_charter(workshop, document):
    from deliberation.sources.selectors import workshop_principles
    from deliberation.sources.services import principle_update

    candidate = document.principles.first()
    assert candidate not in workshop_principles(workshop)
    principle_update(principle=candidate, title="Equal voice", summary="S.", accept=True)
    assert candidate in workshop_principles(workshop)


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_using_a_document_is_for_the_facilitator(client, workshop, acting, who, document):
    acting(who)
    response = client.post(
        reverse("sources:document_use", args=[workshop.code, document.pk]), {"use": "0"}
    )
    assert response.status_code == _expected(who, 302)
    assert workshop.documents.filter(pk=document.pk).exists() == (who != "facilitator")


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_reviewing_is_for_the_facilitator(client, workshop, acting, who, document):
    acting(who)
    response = client.get(reverse("sources:document", args=[workshop.code, document.pk]))
    assert response.status_code == _expected(who, 200)


def test_the_library_page_queries_stay_flat(
    client, workshop, actor, document, django_assert_max_num_queries
):
    actor("facilitator")
    url = reverse("sources:documents", args=[workshop.code])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(3):
        document_create(title=f"More {n}", text=ESSAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_suggest_again_keeps_accepted_principles(client, workshop, actor, document):
    from deliberation.sources.services import principle_update

    actor("facilitator")
    kept = document.principles.first()
    principle_update(principle=kept, title="Kept", summary="S.", accept=True)
    client.post(reverse("sources:document_suggest", args=[workshop.code, document.pk]))
    assert Principle.objects.filter(pk=kept.pk, status="accepted").exists()
    assert document.principles.filter(start=kept.start).count() == 1


def _candidate_post(document):
    candidate = document.principles.first()
    p = f"p{candidate.pk}"
    return candidate, {"action": "accept", f"{p}-title": "Equal voice", f"{p}-summary": "S."}


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_editing_a_principle_is_for_the_facilitator(client, workshop, acting, who, document):
    candidate, data = _candidate_post(document)
    acting(who)
    response = client.post(reverse("sources:principle", args=[workshop.code, candidate.pk]), data)
    assert response.status_code == _expected(who, 302)
    candidate.refresh_from_db()
    assert (candidate.status == "accepted") == (who == "facilitator")


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_merging_is_for_the_facilitator(client, workshop, acting, who, document):
    ids = list(document.principles.values_list("pk", flat=True)[:2])
    acting(who)
    response = client.post(
        reverse("sources:merge", args=[workshop.code, document.pk]), {"principle": ids}
    )
    assert response.status_code == _expected(who, 302)
    assert Principle.objects.filter(pk__in=ids).count() == (1 if who == "facilitator" else 2)


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_suggesting_again_is_for_the_facilitator(client, workshop, acting, who, document):
    acting(who)
    response = client.post(reverse("sources:document_suggest", args=[workshop.code, document.pk]))
    assert response.status_code == _expected(who, 302)


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_deleting_is_for_the_facilitator(client, workshop, acting, who):
    unused = document_create(title="Unused", text=ESSAY)
    acting(who)
    response = client.post(reverse("sources:document_delete", args=[workshop.code, unused.pk]))
    assert response.status_code == _expected(who, 302)
    assert SourceDocument.objects.filter(pk=unused.pk).exists() == (who != "facilitator")


def test_a_document_in_use_is_not_deleted(client, workshop, actor, document):
    actor("facilitator")
    response = client.post(reverse("sources:document_delete", args=[workshop.code, document.pk]))
    assert response.status_code == 409
    assert "stop using it there first" in response.content.decode()
    assert SourceDocument.objects.filter(pk=document.pk).exists()


def test_an_unknown_action_is_a_400(client, workshop, actor, document):
    actor("facilitator")
    candidate = document.principles.first()
    response = client.post(
        reverse("sources:principle", args=[workshop.code, candidate.pk]), {"action": "explode"}
    )
    assert response.status_code == 400


def test_the_review_page_queries_stay_flat(
    client, workshop, actor, document, django_assert_max_num_queries
):
    from deliberation.sources.services import principles_suggest

    actor("facilitator")
    url = reverse("sources:document", args=[workshop.code, document.pk])
    keep = document.principles.first()
    document.principles.exclude(pk=keep.pk).delete()
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    assert len(principles_suggest(document=document)) >= 2
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_quoted_principle_must_be_verbatim(client, workshop, actor, document):
    actor("facilitator")
    url = reverse("sources:document", args=[workshop.code, document.pk])
    data = {"title": "Fair arms control", "summary": "Verification all accept."}
    response = client.post(url, data | {"quote": "Arms control should be based on trust."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This passage does not occur in the document." in page
    assert "Arms control should be based on trust." in page  # what was typed is kept
    quote = "Arms control should be based on verification"
    response = client.post(url, data | {"quote": f"  {quote} "})
    assert response.status_code == 302
    added = Principle.objects.get(title="Fair arms control")
    assert (added.status, added.quote) == ("accepted", quote)
    assert document.text[added.start : added.end] == quote


def test_a_quote_that_occurs_twice_is_refused(client, workshop, actor, document):
    actor("facilitator")
    response = client.post(
        reverse("sources:document", args=[workshop.code, document.pk]),
        {"title": "T", "summary": "S", "quote": "should"},
    )
    assert response.status_code == 400
    assert "occurs more than once" in response.content.decode()


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_quoting_is_for_the_facilitator(client, workshop, acting, who, document):
    acting(who)
    response = client.post(
        reverse("sources:document", args=[workshop.code, document.pk]),
        {"title": "T", "summary": "S", "quote": "Arms control should be based on verification"},
    )
    assert response.status_code == _expected(who, 302)
    assert Principle.objects.filter(title="T").exists() == (who == "facilitator")


@pytest.mark.parametrize("who", FACILITATOR_ROLES)
def test_editing_details_is_for_the_facilitator(client, workshop, acting, who, document):
    acting(who)
    response = client.post(
        reverse("sources:document_edit", args=[workshop.code, document.pk]),
        {"title": "Renamed", "author": "", "colour": "#9a3412"},
    )
    assert response.status_code == _expected(who, 302)
    document.refresh_from_db()
    assert (document.title == "Renamed") == (who == "facilitator")


def test_a_light_colour_is_refused_with_a_reason(client, workshop, actor, document):
    actor("facilitator")
    response = client.post(
        reverse("sources:document_edit", args=[workshop.code, document.pk]),
        {"title": "Renamed", "colour": "#ffff00"},
    )
    assert response.status_code == 400
    assert "too light" in response.content.decode()
