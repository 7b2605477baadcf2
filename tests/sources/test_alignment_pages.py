"""The alignment views: live draft preview, the charter heatmap and coverage, the debrief."""

import pytest
from django.urls import reverse

from deliberation.charters.services import proposal_create

from .conftest import ROLES

pytestmark = pytest.mark.django_db

NEIGHBOURS = "No member may seek an advantage that leaves its neighbours less safe."
SHARED = "Security is a shared responsibility of all states, and no power may dominate the region."


def _allowed(who: str) -> bool:
    return who in ("participant", "head", "facilitator")


@pytest.mark.parametrize("who", ROLES)
def test_preview_is_for_the_workshops_people(client, workshop, actor, who):
    actor(who)
    response = client.post(
        reverse("sources:preview", args=[workshop.code]),
        {"text": NEIGHBOURS},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == (200 if _allowed(who) else 403)
    if _allowed(who):
        assert b"alignment-list" in response.content


def test_preview_shows_the_principles_of_what_is_typed(client, workshop, actor):
    actor("participant")
    response = client.post(
        reverse("sources:preview", args=[workshop.code]),
        {"title": "Neighbours", "text": NEIGHBOURS},
        HTTP_HX_REQUEST="true",
    )
    assert "Indivisible security" in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment, for htmx


def test_preview_of_nothing_invites_typing(client, workshop, actor):
    actor("participant")
    response = client.post(reverse("sources:preview", args=[workshop.code]), {"text": "  "})
    assert response.status_code == 200
    assert "Start typing" in response.content.decode()


def test_preview_of_a_text_too_long_says_why_with_a_400(client, workshop, actor):
    actor("participant")
    response = client.post(reverse("sources:preview", args=[workshop.code]), {"text": "x" * 4001})
    assert response.status_code == 400
    assert "at most 4000 characters" in response.content.decode()


def test_preview_escapes_what_is_typed(client, workshop, actor):
    actor("participant")
    response = client.post(
        reverse("sources:preview", args=[workshop.code]), {"text": "<script>alert(1)</script>"}
    )
    assert "<script>alert" not in response.content.decode()


def test_preview_rejects_get(client, workshop, actor):
    actor("participant")
    assert client.get(reverse("sources:preview", args=[workshop.code])).status_code == 405


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("name", ["charter_alignment", "debrief"])
def test_charter_pages_are_for_the_workshops_people(client, workshop, actor, who, name):
    actor(who)
    response = client.get(reverse(f"sources:{name}", args=[workshop.code]))
    assert response.status_code == (200 if _allowed(who) else 403)


def test_heatmap_is_a_table_with_the_value_in_text(client, workshop, actor, adopt):
    adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    page = client.get(reverse("sources:charter_alignment", args=[workshop.code])).content.decode()
    assert '<table class="table table-sm heatmap' in page
    assert '<th scope="row" class="heatmap-principle">Indivisible security</th>' in page
    assert 'scope="col"' in page and 'scope="rowgroup"' in page
    assert "Art.&nbsp;1" in page
    assert "supports</span></td>" in page  # the stance in words, not only in colour


def test_coverage_counts_each_delegations_principles(client, workshop, actor, adopt):
    adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    page = client.get(reverse("sources:charter_alignment", args=[workshop.code])).content.decode()
    assert "<strong>Russia</strong>:" in page
    assert "<strong>Supported</strong>: Indivisible security" in page
    assert 'class="seg seg-supports"' in page


def test_charter_alignment_before_any_article(client, workshop, actor, seat):
    proposal_create(participant=seat("Bo", "Russia"), title="Tabled", text=NEIGHBOURS)
    actor("participant")
    page = client.get(reverse("sources:charter_alignment", args=[workshop.code])).content.decode()
    assert "No article has been adopted yet" in page


def test_charter_alignment_queries_stay_flat(
    client, workshop, actor, adopt, django_assert_max_num_queries
):
    actor("participant")
    adopt("Neighbours", NEIGHBOURS)
    url = reverse("sources:charter_alignment", args=[workshop.code])
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for n in range(3):
        adopt(f"Shared {n}", SHARED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_debrief_sets_votes_beside_principles(client, workshop, actor, adopt, seat):
    adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    page = client.get(reverse("sources:debrief", args=[workshop.code])).content.decode()
    assert "Neighbours" in page
    assert "1 for, 0 against, 0 abstain" in page  # Russia's vote (Vera)
    assert "Indivisible security" in page


def test_debrief_queries_stay_flat(
    client, workshop, actor, adopt, seat, django_assert_max_num_queries
):
    actor("participant")
    adopt("Neighbours", NEIGHBOURS)
    url = reverse("sources:debrief", args=[workshop.code])
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    adopt("Shared", SHARED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_preview_of_an_amendment_says_what_it_changes(client, workshop, actor, adopt):
    clause = adopt("Shared", SHARED)
    actor("participant")
    response = client.post(
        reverse("sources:preview", args=[workshop.code]),
        {"clause": clause.pk, "text": NEIGHBOURS},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "What this amendment changes" in page
    assert "Now also supports <em>Indivisible security</em>" in page


def test_preview_of_an_amendment_to_a_missing_article_is_a_400(client, workshop, actor):
    actor("participant")
    response = client.post(
        reverse("sources:preview", args=[workshop.code]), {"clause": 99999, "text": NEIGHBOURS}
    )
    assert response.status_code == 400
    assert "no such clause" in response.content.decode()


def test_the_overview_refreshes_alone_for_htmx(client, workshop, actor, adopt):
    adopt("Neighbours", NEIGHBOURS)
    actor("participant")
    url = reverse("sources:charter_alignment", args=[workshop.code])
    page = client.get(url).content.decode()
    assert "data-live-url=" in page
    assert 'hx-trigger="charter-changed from:body, alignment-judged from:body' in page
    fragment = client.get(url + "?fragment=overview", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="charter-overview"')
    assert "Try a wording" not in fragment


def test_the_draft_include_watches_the_fields_it_is_given(workshop, adopt):
    from django.template.loader import render_to_string

    clause = adopt("Shared", SHARED)
    html = render_to_string(
        "sources/draft_alignment.html",
        {"workshop": workshop, "source": "#id_text", "also": "#id_title", "clause": clause},
    )
    assert f'hx-post="/w/{workshop.code}/align/preview/"' in html
    assert 'hx-trigger="input changed delay:400ms from:#id_text, ' in html
    assert 'hx-include="#id_text, #id_title"' in html
    assert 'hx-target="#draft-alignment-body"' in html
    assert f'hx-vals=\'{{"clause": "{clause.pk}"}}\'' in html
    assert "Start typing" in html


def test_the_debrief_names_a_vote_against_ones_own_principles():
    from deliberation.sources.selectors import VoteLine

    principle = object()
    assert "against a proposal that supports" in VoteLine(None, no=2, supports=[principle]).tension
    assert "for a proposal that opposes" in VoteLine(None, yes=1, opposes=[principle]).tension
    assert VoteLine(None, yes=1, supports=[principle]).tension == ""


def test_the_debrief_reads_a_new_clause_in_the_words_voted_on(workshop, seat):
    """A friendly amendment rewrote the clause after it was tabled: the vote was on new words."""
    from deliberation.charters.amendments import amendment_accept_friendly, amendment_create
    from deliberation.sources.selectors import debrief

    ana, vera = seat("Ana", "NATO"), seat("Vera", "Russia")
    proposal = proposal_create(participant=ana, title="Minutes", text="Minutes are kept.")
    amendment = amendment_create(
        participant=vera, clause=proposal.clause, text=NEIGHBOURS, base_version=1
    )
    amendment_accept_friendly(proposal=amendment, participant=ana)

    russia = next(
        d for d in debrief(workshop)["delegations"] if d.coverage.delegation == vera.delegation
    )
    line = next(line for line in russia.votes if line.proposal.pk == proposal.pk)
    assert "Indivisible security" in [p.title for p in line.supports]
