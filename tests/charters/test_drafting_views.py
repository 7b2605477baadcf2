"""The drafting floor's pages and forms: htmx and plain paths, bad input kept, privacy."""

import pytest
from django.urls import reverse

from deliberation.charters import editing
from deliberation.charters.amendments import amendment_accept_friendly, amendment_create
from deliberation.charters.caucus import caucus_post
from deliberation.charters.discussion import comment_hide, comment_post, objection_raise
from deliberation.charters.models import Section
from deliberation.charters.services import proposal_create, vote_cast
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db

TEXT = "No member may seek an advantage that leaves its neighbours less safe."
HX = {"HX-Request": "true"}


@pytest.fixture
def room(workshop, seat, as_participant):
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    proposal = proposal_create(participant=ana, title="Neighbours", text=TEXT)
    return workshop, ana, boris, proposal


def _amend_url(workshop, proposal):
    return reverse("charters:amend", args=[workshop.code, proposal.clause_id])


def _clause_url(workshop, proposal):
    return reverse("charters:clause_id", args=[workshop.code, proposal.clause_id])


def test_amend_with_htmx_returns_a_fresh_form_and_an_event(client, room, as_participant):
    workshop, ana, boris, proposal = room
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal),
        {"operation": "replace", "text": TEXT + " Ever.", "base_version": 1},
        headers=HX,
    )
    assert response.status_code == 200
    assert "proposals-changed" in response["HX-Trigger"]
    assert b'id="amend-form"' in response.content


def test_amend_with_htmx_says_it_worked_and_links_to_the_new_amendment(
    client, room, as_participant
):
    workshop, ana, boris, proposal = room
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal),
        {"operation": "replace", "text": TEXT + " Ever.", "base_version": 1},
        headers=HX,
    )
    amendment = proposal.clause.proposals.get(kind="amendment")
    page = response.content.decode()
    assert "Amendment submitted — it is listed under Proposals on this clause." in page
    assert f'href="#proposal-{amendment.pk}"' in page
    # The next visit shows the plain form again.
    assert "Amendment submitted" not in client.get(_clause_url(workshop, proposal)).text


def test_amend_without_htmx_redirects_to_the_new_amendment_with_a_message(
    client, room, as_participant
):
    workshop, ana, boris, proposal = room
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal),
        {"operation": "replace", "text": TEXT + " Ever.", "base_version": 1},
    )
    amendment = proposal.clause.proposals.get(kind="amendment")
    assert response.status_code == 302
    assert response.url == _clause_url(workshop, proposal) + f"#proposal-{amendment.pk}"
    page = client.get(response.url).content.decode()
    assert "Amendment submitted: it is listed under Proposals on this clause." in page


def test_a_refused_amendment_does_not_say_it_was_submitted(client, room, as_participant):
    workshop, _, boris, proposal = room
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal),
        {"operation": "replace", "text": "", "base_version": 1},
        headers=HX,
    )
    assert response.status_code == 400
    assert b"Amendment submitted" not in response.content


def test_the_amend_form_shows_the_alignment_live(client, room, as_participant):
    workshop, _, boris, proposal = room
    as_participant(boris)
    page = client.get(_clause_url(workshop, proposal)).content.decode()
    form = page.split('id="amend-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="amend-alignment"' in form
    assert f'hx-post="/w/{workshop.code}/align/preview/"' in form
    assert 'from:closest form"' in form and 'hx-include="closest form"' in form
    assert f'hx-vals=\'{{"clause": "{proposal.clause_id}"}}\'' in form


def test_amend_on_a_stale_base_is_refused_and_keeps_the_text(client, room, as_participant):
    workshop, ana, boris, proposal = room
    first = amendment_create(
        participant=boris, clause=proposal.clause, text="Other.", base_version=1
    )
    amendment_accept_friendly(proposal=first, participant=ana)
    as_participant(boris)
    mine = "My carefully typed amendment."
    for headers in ({}, HX):
        response = client.post(
            _amend_url(workshop, proposal),
            {"operation": "replace", "text": mine, "base_version": 1},
            headers=headers,
        )
        assert response.status_code == 409
        assert b"changed while you were writing" in response.content
        assert mine.encode() in response.content


def test_amend_with_empty_text_is_a_400_with_the_reason(client, room, as_participant):
    workshop, _, boris, proposal = room
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal), {"operation": "replace", "text": "", "base_version": 1}
    )
    assert response.status_code == 400
    assert b"Write the amended text" in response.content


def test_amend_outside_drafting_and_amending_is_refused(client, room, as_participant):
    workshop, _, boris, proposal = room
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    as_participant(boris)
    response = client.post(
        _amend_url(workshop, proposal), {"operation": "replace", "text": "X.", "base_version": 1}
    )
    assert response.status_code == 409
    assert b"voting phase" in response.content and b"X." in response.content


def test_the_room_shows_an_amendment_as_a_word_diff(client, room, as_participant):
    workshop, ana, boris, proposal = room
    amendment_create(
        participant=boris,
        clause=proposal.clause,
        text=TEXT.replace("less safe", "less secure"),
        base_version=1,
    )
    as_participant(ana)
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert b'<del class="diff-del">safe</del><ins class="diff-ins">secure</ins>.' in (
        response.content
    )
    assert b"Accept as friendly" in response.content  # Ana's delegation tabled the clause


@pytest.mark.parametrize("secret", [True, False])
def test_named_ballots_show_names_and_secret_ballots_never(client, room, as_participant, secret):
    workshop, ana, boris, proposal = room
    workshop.secret_ballot = secret
    workshop.save()
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=boris, choice="no")
    as_participant(ana)
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert (b"Boris (Russia): against" in response.content) is not secret


def test_a_hidden_tally_hides_named_ballots_too(client, room, as_participant):
    workshop, ana, boris, proposal = room
    workshop.hide_tally = True
    workshop.save()
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=boris, choice="no")
    as_participant(ana)
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert b"Boris (Russia): against" not in response.content
    assert b"The tally is hidden until the vote closes" in response.content


def test_comment_without_a_stance_is_refused_and_keeps_the_text(client, room, as_participant):
    workshop, _, boris, proposal = room
    as_participant(boris)
    url = reverse("charters:comment", args=[workshop.code, proposal.clause_id])
    for headers in ({}, HX):
        response = client.post(url, {"text": "My considered view."}, headers=headers)
        assert response.status_code == 400
        assert b"Choose your stance" in response.content
        assert b"My considered view." in response.content


def test_the_comment_form_preselects_no_stance(client, room, as_participant):
    workshop, _, boris, proposal = room
    as_participant(boris)
    page = client.get(reverse("charters:clause_id", args=[workshop.code, proposal.clause_id]))
    form = page.content.split(b'id="comment-form"')[1].split(b"</form>")[0]
    assert b'name="stance"' in form and b"checked" not in form


def test_a_hidden_comment_shows_the_reason_not_the_words(client, room, as_participant):
    workshop, ana, boris, proposal = room
    comment = comment_post(
        participant=boris, clause=proposal.clause, text="Insulting words.", stance="against"
    )
    comment_hide(comment=comment, reason="Keep it civil")
    as_participant(ana)
    page = client.get(reverse("charters:clause_id", args=[workshop.code, proposal.clause_id]))
    assert b"Insulting words." not in page.content and b"Keep it civil" in page.content


def test_user_text_is_escaped(client, room, as_participant):
    workshop, ana, boris, proposal = room
    objection_raise(proposal=proposal, participant=boris, reason="<script>alert(1)</script>")
    as_participant(ana)
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_compare_any_two_versions(client, room, as_participant):
    workshop, ana, boris, proposal = room
    amendment = amendment_create(
        participant=boris, clause=proposal.clause, text=TEXT + " Ever.", base_version=1
    )
    amendment_accept_friendly(proposal=amendment, participant=ana)
    as_participant(ana)
    url = reverse("charters:clause_id", args=[workshop.code, proposal.clause_id])
    page = client.get(url + "?a=1&b=2")
    assert b'<ins class="diff-ins">Ever.</ins>' in page.content
    assert b"Friendly amendment by Boris (Russia), accepted by Ana (NATO)." in page.content
    assert client.get(url + "?v=1").status_code == 200
    assert b'aria-label="Compare two versions"' in page.content


def test_a_clause_with_one_version_offers_no_comparison(client, room, as_participant):
    workshop, ana, _, proposal = room
    as_participant(ana)
    page = client.get(_clause_url(workshop, proposal)).content
    assert b"Version 1" in page
    assert b'aria-label="Compare two versions"' not in page


def test_caucus_messages_reach_only_the_delegation(client, room, as_participant):
    workshop, ana, boris, _ = room
    nato = workshop.delegations.get(name="NATO")
    caucus_post(delegation=nato, participant=ana, text="Our red line is article 2.")
    url = reverse("charters:caucus", args=[workshop.code, nato.pk])
    as_participant(boris)
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Let me in", "kind": "chat"}).status_code == 403
    board = client.get(reverse("charters:board", args=[workshop.code]))
    assert b"red line" not in board.content
    as_participant(ana)
    assert b"Our red line is article 2." in client.get(url, headers=HX).content


def test_caucus_oversized_message_is_refused_and_kept(client, room, as_participant):
    workshop, ana, _, _ = room
    nato = workshop.delegations.get(name="NATO")
    as_participant(ana)
    long = "long " * 300
    response = client.post(
        reverse("charters:caucus", args=[workshop.code, nato.pk]),
        {"text": long, "kind": "chat"},
        headers=HX,
    )
    assert response.status_code == 400
    assert long.strip().encode() in response.content


def test_acting_on_another_workshops_objects_is_a_404(
    client, room, demo, facilitator, seat, as_participant
):
    from deliberation.workshops.services import workshop_create_from_template

    workshop, _, _, proposal = room
    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    as_participant(seat("Eve", "NATO", into=other))
    for url, data in (
        (reverse("charters:amend", args=[other.code, proposal.clause_id]), {"text": "X"}),
        (reverse("charters:object", args=[other.code, proposal.pk]), {"reason": "X"}),
        (reverse("charters:withdraw", args=[other.code, proposal.pk]), {}),
    ):
        assert client.post(url, data).status_code == 404, url


def test_room_and_board_query_counts_stay_flat(
    client, room, seat, as_participant, django_assert_max_num_queries
):
    workshop, ana, boris, proposal = room
    for i in range(8):
        p = proposal_create(participant=ana, title=f"T{i}", text=f"{TEXT} {i}")
        amendment_create(participant=boris, clause=p.clause, text=f"Other {i}.", base_version=1)
        objection_raise(proposal=p, participant=boris, reason=f"Because {i}.")
    as_participant(ana)
    with django_assert_max_num_queries(18):
        client.get(reverse("workshops:room", args=[workshop.code]))
    with django_assert_max_num_queries(10):
        client.get(reverse("charters:board", args=[workshop.code]))
    with django_assert_max_num_queries(24):
        client.get(reverse("charters:clause_id", args=[workshop.code, proposal.clause_id]))


def test_the_proposal_list_answers_204_while_nothing_changed(client, room, as_participant):
    workshop, ana, boris, proposal = room
    as_participant(ana)
    url = reverse("charters:proposal_list", args=[workshop.code])
    response = client.get(url, headers=HX)
    assert b"Draft: Neighbours" in response.content  # the status board comes along
    version = response.content.split(b'data-v="')[1].split(b'"')[0].decode()
    assert client.get(f"{url}?v={version}", headers=HX).status_code == 204
    objection_raise(proposal=proposal, participant=boris, reason="Too vague.")
    assert client.get(f"{url}?v={version}", headers=HX).status_code == 200


def test_the_clause_fragment_brings_its_wording_and_history_out_of_band(
    client, room, as_participant
):
    workshop, ana, _, proposal = room
    as_participant(ana)
    response = client.get(
        reverse("charters:clause_id", args=[workshop.code, proposal.clause_id])
        + "?fragment=amendments",
        headers=HX,
    )
    assert b'id="history-list" hx-swap-oob="true"' in response.content
    assert b'id="clause-head" hx-swap-oob="true"' in response.content
    # The cards' tallies stay in their cards: only the head and history go out of band.
    assert f'id="tally-{proposal.pk}"'.encode() in response.content
    assert response.content.count(b"hx-swap-oob") == 2


def test_sections_are_renamed_and_removed_keeping_their_articles(client, room, facilitator):
    workshop, _ana, _boris, proposal = room
    section = editing.section_create(charter=workshop.charter, title="Part I")
    clause = proposal.clause
    editing.clause_set_section(clause=clause, section=section)
    client.force_login(facilitator)
    url = reverse("charters:charter_edit", args=[workshop.code])

    response = client.post(url, {"action": "section_retitle", "section": section.pk, "title": ""})
    assert response.status_code == 400 and b"section title" in response.content
    for bad in ("abc", "", "999999"):
        assert client.post(url, {"action": "section_delete", "section": bad}).status_code == 404

    client.post(url, {"action": "section_retitle", "section": section.pk, "title": "Part I. Aims"})
    page = client.get(reverse("charters:charter", args=[workshop.code]))
    assert b'value="Part I. Aims"' in page.content

    client.post(url, {"action": "section_delete", "section": section.pk})
    assert not Section.objects.filter(pk=section.pk).exists()
    clause.refresh_from_db()
    assert clause.section_id is None


def test_the_status_board_is_a_whole_page_or_a_fragment(client, room, as_participant):
    workshop, ana, _boris, _proposal = room
    as_participant(ana)
    url = reverse("charters:board", args=[workshop.code])
    page = client.get(url)
    assert page.status_code == 200
    assert b"<html" in page.content and b"Status board" in page.content
    fragment = client.get(url, headers=HX)
    assert b"<html" not in fragment.content and b'id="status-board"' in fragment.content
