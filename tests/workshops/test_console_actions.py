"""Console actions over HTTP: who may use each one, and what bad input gets back."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from deliberation.charters.services import proposal_create
from deliberation.workshops.models import Participant, Phase, Workshop
from deliberation.workshops.services import workshop_create_from_template, workshop_set_phase

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_workshop_participant", "participant", "head", "other_facilitator"]


@pytest.fixture
def room(workshop, seat):
    """A workshop with two delegates (Ana heads NATO) and one open proposal."""
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    nato = workshop.delegations.get(name="NATO")
    nato.head = ana
    nato.save()
    proposal = proposal_create(participant=ana, title="Neighbours", text="Text")
    return {"ana": ana, "boris": boris, "nato": nato, "proposal": proposal}


@pytest.fixture
def other_workshop(demo, facilitator):
    return workshop_create_from_template(template=demo, title="Other", user=facilitator)


@pytest.fixture
def become(client, room, other_workshop, seat, as_participant):
    """become("head") makes this test client act as that role."""

    def act_as(who: str) -> None:
        if who == "other_workshop_participant":
            as_participant(seat("Eve", "NATO", into=other_workshop))
        elif who == "participant":
            as_participant(room["boris"])
        elif who == "head":
            as_participant(room["ana"])
        elif who == "other_facilitator":
            user = get_user_model().objects.create_user("other", password="pw-x-12345")
            client.force_login(user)

    return act_as


def actions(workshop, room):
    nato = room["nato"]
    participant = reverse("workshops:participant", args=[workshop.code, room["boris"].pk])
    return {
        "phase": (reverse("workshops:phase", args=[workshop.code]), {"phase": "voting"}),
        "timer": (reverse("workshops:timer", args=[workshop.code]), {"minutes": "5"}),
        "lock": (reverse("workshops:lock", args=[workshop.code]), {"locked": "1"}),
        "rule": (
            reverse("workshops:rule", args=[workshop.code]),
            {
                "rule_kind": "consensus",
                "threshold_numerator": "2",
                "threshold_denominator": "3",
                "quorum": "2",
            },
        ),
        "delegation": (
            reverse("workshops:delegation", args=[workshop.code, nato.pk]),
            {f"d{nato.pk}-name": "Atlantic", f"d{nato.pk}-colour": "#123456"},
        ),
        "rename": (participant, {"action": "rename", "display_name": "Bo"}),
        "move": (participant, {"action": "move", "delegation": ""}),
        "absent": (participant, {"action": "absent"}),
        "remove": (participant, {"action": "remove"}),
        "spotlight": (
            reverse("workshops:spotlight", args=[workshop.code]),
            {"proposal": room["proposal"].pk},
        ),
        "duplicate": (reverse("workshops:duplicate", args=[workshop.code]), {}),
        "archive": (reverse("workshops:archive", args=[workshop.code]), {"archived": "1"}),
    }


def snapshot(workshop):
    fresh = Workshop.objects.get(pk=workshop.pk)
    return (
        fresh.phase,
        fresh.phase_ends_at,
        fresh.is_locked,
        fresh.rule_kind,
        fresh.spotlight_proposal_id,
        fresh.is_archived,
        list(fresh.delegations.values_list("name", "colour")),
        list(fresh.participants.values_list("display_name", "delegation_id", "is_present")),
        Workshop.objects.count(),
    )


ACTIONS = [
    "phase",
    "timer",
    "lock",
    "rule",
    "delegation",
    "rename",
    "move",
    "absent",
    "remove",
    "spotlight",
    "duplicate",
    "archive",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ROLES)
def test_console_actions_are_refused_to_everyone_but_the_facilitator(
    client, workshop, room, become, who, action
):
    become(who)
    before = snapshot(workshop)
    url, data = actions(workshop, room)[action]
    response = client.post(url, data)
    if who == "other_facilitator":
        assert response.status_code == 403
        assert b"Only this workshop" in response.content
    else:  # participants hold no account: they are sent to sign in
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert snapshot(workshop) == before


@pytest.mark.parametrize("action", ACTIONS)
def test_console_actions_work_for_the_facilitator(
    client, workshop, other_workshop, room, facilitator, action
):
    client.force_login(facilitator)
    before = snapshot(workshop)
    url, data = actions(workshop, room)[action]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot(workshop) != before


@pytest.mark.parametrize("action", ["phase", "timer", "lock", "rule", "rename", "spotlight"])
def test_console_actions_answer_htmx_with_the_section(
    client, workshop, other_workshop, room, facilitator, action
):
    client.force_login(facilitator)
    url, data = actions(workshop, room)[action]
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content and b'id="console-' in response.content


@pytest.mark.parametrize("phase", Phase.values)
def test_the_facilitator_moves_to_any_phase_from_any_phase(client, workshop, facilitator, phase):
    workshop_set_phase(workshop=workshop, phase=Phase.CLOSED)
    client.force_login(facilitator)
    client.post(reverse("workshops:phase", args=[workshop.code]), {"phase": phase})
    assert Workshop.objects.get(pk=workshop.pk).phase == phase


@pytest.mark.parametrize("page", ["workshops:console", "workshops:projector"])
@pytest.mark.parametrize("who", ROLES)
def test_console_pages_are_for_the_facilitator_only(client, workshop, become, who, page):
    become(who)
    response = client.get(reverse(page, args=[workshop.code]))
    assert response.status_code == (403 if who == "other_facilitator" else 302)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 403),
        ("other_workshop_participant", 403),
        ("participant", 200),
        ("head", 200),
        ("other_facilitator", 403),
    ],
)
def test_phase_bar_is_for_the_workshops_people(client, workshop, become, who, status):
    become(who)
    response = client.get(reverse("workshops:phase_bar", args=[workshop.code]))
    assert response.status_code == status


def test_phase_bar_shows_the_phase_lock_and_timer(client, workshop, facilitator):
    client.force_login(facilitator)
    client.post(reverse("workshops:timer", args=[workshop.code]), {"minutes": "5"})
    client.post(reverse("workshops:lock", args=[workshop.code]), {"locked": "1"})
    response = client.get(reverse("workshops:phase_bar", args=[workshop.code]))
    assert b'aria-current="step"' in response.content
    assert b"Editing locked" in response.content
    assert b"data-countdown" in response.content


# Bad input: each gets a clear message and a 4xx, never a 500, and keeps what was typed.


@pytest.fixture
def console(client, facilitator):
    client.force_login(facilitator)
    return client


def test_unknown_phase_is_a_400(console, workshop):
    response = console.post(reverse("workshops:phase", args=[workshop.code]), {"phase": "party"})
    assert response.status_code == 400
    assert b"Unknown phase" in response.content


def test_unknown_phase_over_htmx_is_an_alert(console, workshop):
    response = console.post(
        reverse("workshops:phase", args=[workshop.code]), {"phase": "party"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and response["HX-Retarget"] == "#alerts"


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("-3", b"at least 1 minute"),
        ("0", b"at least 1 minute"),
        ("999", b"at most 180"),
        ("soon", b"whole number"),
        ("", b"How many minutes"),
    ],
)
def test_bad_timer_is_a_400_that_keeps_the_value(console, workshop, minutes, message):
    response = console.post(reverse("workshops:timer", args=[workshop.code]), {"minutes": minutes})
    assert response.status_code == 400
    assert message in response.content
    assert f'value="{minutes}"'.encode() in response.content
    assert Workshop.objects.get(pk=workshop.pk).phase_ends_at is None


def test_stop_timer(console, workshop):
    console.post(reverse("workshops:timer", args=[workshop.code]), {"minutes": "5"})
    console.post(reverse("workshops:timer", args=[workshop.code]), {"stop": "1"})
    assert Workshop.objects.get(pk=workshop.pk).phase_ends_at is None


def test_bad_lock_value_is_a_400(console, workshop):
    response = console.post(reverse("workshops:lock", args=[workshop.code]), {"locked": "maybe"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quorum": "-1"}, b"cannot be negative"),
        ({"quorum": "9999"}, b"from 0 to 500"),
        ({"threshold_numerator": "4", "threshold_denominator": "3"}, b"more than all"),
        ({"threshold_denominator": "0"}, b"greater than or equal to 1"),
        ({"rule_kind": "lottery"}, b"Select a valid choice"),
    ],
)
def test_rule_out_of_range_is_a_400_that_keeps_the_form(console, workshop, change, message):
    data = {
        "rule_kind": "qualified",
        "threshold_numerator": "2",
        "threshold_denominator": "3",
        "quorum": "0",
    } | change
    response = console.post(reverse("workshops:rule", args=[workshop.code]), data)
    assert response.status_code == 400
    assert message in response.content
    for value in change.values():
        assert f'value="{value}"'.encode() in response.content or value == "lottery"
    assert Workshop.objects.get(pk=workshop.pk).rule_kind == "majority"


def test_rule_change_after_ballots_is_a_409_with_the_reason(console, workshop, room):
    from deliberation.charters.services import vote_cast

    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=room["proposal"], participant=room["ana"], choice="yes")
    response = console.post(
        reverse("workshops:rule", args=[workshop.code]),
        {
            "rule_kind": "consensus",
            "threshold_numerator": "2",
            "threshold_denominator": "3",
            "quorum": "0",
        },
    )
    assert response.status_code == 409
    assert b"Close those votes first" in response.content


def test_rule_text_is_shown_in_words(console, workshop):
    console.post(
        reverse("workshops:rule", args=[workshop.code]),
        {
            "rule_kind": "qualified",
            "threshold_numerator": "2",
            "threshold_denominator": "3",
            "quorum": "4",
        },
    )
    response = console.get(reverse("workshops:console", args=[workshop.code]))
    assert b"at least two thirds of votes cast in favour" in response.content
    assert b"Quorum: 4." in response.content


def test_renaming_to_a_taken_name_is_a_409(console, workshop, room):
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "rename", "display_name": "ANA"},
    )
    assert response.status_code == 409
    assert "already called “ANA”".encode() in response.content


def test_renaming_to_an_empty_name_is_a_400(console, workshop, room):
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "rename", "display_name": ""},
    )
    assert response.status_code == 400


def test_moving_to_another_workshops_delegation_is_a_400(console, workshop, room, other_workshop):
    foreign = other_workshop.delegations.get(name="China")
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "move", "delegation": foreign.pk},
    )
    assert response.status_code == 400
    assert b"not part of this workshop" in response.content
    assert Participant.objects.get(pk=room["boris"].pk).delegation.name == "Russia"


def test_acting_on_another_workshops_participant_is_a_404(console, workshop, other_workshop, seat):
    eve = seat("Eve", "NATO", into=other_workshop)
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, eve.pk]), {"action": "absent"}
    )
    assert response.status_code == 404


def test_unknown_participant_action_is_a_400(console, workshop, room):
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "promote"},
    )
    assert response.status_code == 400 and b"Unknown action" in response.content


def test_removing_an_author_is_a_409(console, workshop, room):
    response = console.post(
        reverse("workshops:participant", args=[workshop.code, room["ana"].pk]),
        {"action": "remove"},
    )
    assert response.status_code == 409
    assert Participant.objects.filter(pk=room["ana"].pk).exists()


def test_removed_participant_is_sent_back_to_the_join_page(
    client, console, workshop, room, as_participant
):
    console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "remove"},
    )
    client.logout()
    as_participant(room["boris"])
    response = client.get(reverse("workshops:room", args=[workshop.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:seat", args=[workshop.code])


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({}, 400),
        ({"proposal": "x"}, 400),
        ({"proposal": "1", "clause": "1"}, 400),
        ({"proposal": "999999"}, 404),
        ({"clause": "999999"}, 404),
    ],
)
def test_bad_spotlight_is_a_4xx(console, workshop, data, status):
    response = console.post(reverse("workshops:spotlight", args=[workshop.code]), data)
    assert response.status_code == status


def test_spotlighting_another_workshops_proposal_is_a_404(console, workshop, other_workshop, seat):
    eve = seat("Eve", "NATO", into=other_workshop)
    proposal = proposal_create(participant=eve, title="T", text="Text")
    response = console.post(
        reverse("workshops:spotlight", args=[workshop.code]), {"proposal": proposal.pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, b"This field is required"),
        ({"colour": "red"}, b"#rrggbb"),
        ({"name": "Russia"}, b"already"),
    ],
)
def test_bad_delegation_settings_are_a_4xx_that_keep_the_form(
    console, workshop, room, change, message
):
    nato = room["nato"]
    data = {"name": "NATO", "colour": "#1d4ed8", "brief": "Typed brief"} | change
    response = console.post(
        reverse("workshops:delegation", args=[workshop.code, nato.pk]),
        {f"d{nato.pk}-{key}": value for key, value in data.items()},
    )
    assert response.status_code in (400, 409)
    assert message in response.content
    assert b"Typed brief" in response.content


def test_delegation_head_must_be_a_member(console, workshop, room):
    nato = room["nato"]
    response = console.post(
        reverse("workshops:delegation", args=[workshop.code, nato.pk]),
        {
            f"d{nato.pk}-name": "NATO",
            f"d{nato.pk}-colour": "#1d4ed8",
            f"d{nato.pk}-head": room["boris"].pk,
        },
    )
    assert response.status_code == 400
    assert b"must be a member" in response.content


def test_archived_workshop_leaves_the_list_and_closes_the_room(console, workshop):
    console.post(reverse("workshops:archive", args=[workshop.code]), {"archived": "1"})
    listing = console.get(reverse("workshops:console_list"))
    assert b"Archived (1)" in listing.content
    assert console.get(reverse("workshops:seat", args=[workshop.code])).status_code == 404
    # The console itself stays open, to restore it.
    assert console.get(reverse("workshops:console", args=[workshop.code])).status_code == 200


def test_console_escapes_names(console, workshop, seat):
    seat("<b>Bold</b>", "NATO")
    response = console.get(reverse("workshops:console", args=[workshop.code]))
    assert b"<b>Bold</b>" not in response.content
    assert b"&lt;b&gt;Bold&lt;/b&gt;" in response.content


def test_console_query_count_is_flat(console, workshop, seat, django_assert_max_num_queries):
    for i in range(3):
        proposal_create(participant=seat(f"P{i}", "NATO"), title=f"T{i}", text="Text")
    url = reverse("workshops:console", args=[workshop.code])
    with django_assert_max_num_queries(40) as few:
        console.get(url)
    for i in range(3, 15):
        proposal_create(participant=seat(f"P{i}", "China"), title=f"T{i}", text="Text")
    with django_assert_max_num_queries(len(few.captured_queries)):
        console.get(url)


def test_projector_query_count_is_flat(console, workshop, seat, django_assert_max_num_queries):
    proposal_create(participant=seat("P0", "NATO"), title="T0", text="Text")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    url = reverse("workshops:projector", args=[workshop.code])
    with django_assert_max_num_queries(60) as few:
        console.get(url)
    for i in range(1, 10):
        seat(f"P{i}", "Russia")
    with django_assert_max_num_queries(len(few.captured_queries)):
        console.get(url)


# The projector: what the room sees.


def _adopted_clause(workshop, ana):
    from deliberation.charters.services import proposal_close_vote, vote_cast

    proposal = proposal_create(participant=ana, title="Neighbours", text="No advantage at all.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    proposal_close_vote(proposal=proposal)
    return workshop.charter.clauses.get(number=1)


def test_projector_shows_an_amendment_as_a_diff(console, workshop, seat):
    from deliberation.charters.amendments import amendment_create

    ana = seat("Ana", "NATO")
    clause = _adopted_clause(workshop, ana)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    amendment = amendment_create(
        participant=ana,
        clause=clause,
        text="No advantage at any cost.",
        base_version=clause.version,
    )
    console.post(reverse("workshops:spotlight", args=[workshop.code]), {"proposal": amendment.pk})
    response = console.get(reverse("workshops:projector", args=[workshop.code]))
    assert b'data-testid="projector-diff"' in response.content
    assert b"<del" in response.content and b"<ins" in response.content


def test_projector_shows_a_spotlit_article_and_the_charter(console, workshop, seat):
    clause = _adopted_clause(workshop, seat("Ana", "NATO"))
    console.post(reverse("workshops:spotlight", args=[workshop.code]), {"clause": clause.pk})
    response = console.get(reverse("workshops:projector", args=[workshop.code]))
    assert b"Article 1. Neighbours" in response.content
    assert b'class="is-spotlit"' in response.content


def test_projector_hides_the_tally_until_the_vote_closes(console, workshop, room):
    from deliberation.charters.services import vote_cast

    Workshop.objects.filter(pk=workshop.pk).update(hide_tally=True)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=room["proposal"], participant=room["ana"], choice="yes")
    response = console.get(reverse("workshops:projector", args=[workshop.code]))
    assert b"1 ballot cast. The tally is shown when the vote closes." in response.content
    assert b"For 1" not in response.content


def test_projector_shows_only_totals_under_a_secret_ballot(console, workshop, room):
    from deliberation.charters.services import vote_cast

    Workshop.objects.filter(pk=workshop.pk).update(secret_ballot=True)
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=room["proposal"], participant=room["ana"], choice="yes")
    response = console.get(reverse("workshops:projector", args=[workshop.code]))
    assert b"Secret ballot: totals only." in response.content
    assert b"NATO: " not in response.content and b"All delegates: 1 for" in response.content


def test_projector_fragments_render_alone_for_htmx(console, workshop):
    for fragment in ("spotlight", "charter"):
        response = console.get(
            reverse("workshops:projector", args=[workshop.code]) + f"?fragment={fragment}",
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        assert b"<html" not in response.content
        assert f'id="projector-{fragment}"'.encode() in response.content


def test_console_counts_the_delegates_present(console, workshop, room):
    console.post(
        reverse("workshops:participant", args=[workshop.code, room["boris"].pk]),
        {"action": "absent"},
    )
    response = console.get(reverse("workshops:console", args=[workshop.code]))
    assert b"Delegates present: 1" in response.content


def test_console_list_query_count_is_flat(
    console, demo, facilitator, django_assert_max_num_queries
):
    url = reverse("workshops:console_list")
    workshop_create_from_template(template=demo, title="W0", user=facilitator)
    with django_assert_max_num_queries(20) as few:
        console.get(url)
    for i in range(1, 6):
        archived = workshop_create_from_template(template=demo, title=f"W{i}", user=facilitator)
        if i % 2:
            Workshop.objects.filter(pk=archived.pk).update(is_archived=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = console.get(url)
    assert b"Archived (3)" in response.content


def test_projector_says_voting_is_open_only_in_the_voting_phase(console, workshop, seat):
    proposal = proposal_create(participant=seat("Ana", "NATO"), title="Drills", text="Notify.")
    console.post(reverse("workshops:spotlight", args=[workshop.code]), {"proposal": proposal.pk})
    url = reverse("workshops:projector", args=[workshop.code])
    drafting = console.get(url).content.decode()
    assert "Submitted: votes open in the voting phase" in drafting
    assert "Voting open" not in drafting
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    assert "Voting open" in console.get(url).content.decode()


def test_phase_bar_ticks_off_no_phase_it_skipped(console, workshop):
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)  # straight past amending
    page = console.get(reverse("workshops:projector", args=[workshop.code])).content.decode()
    steps = page[page.index('class="phase-steps"') : page.index("</ol>")]
    assert "Done:" not in steps and "✓" not in steps
    assert '<span class="visually-hidden">Now: </span>Voting' in steps


def test_a_vote_left_open_can_still_be_closed_once_the_session_is_closed(console, workshop, room):
    from deliberation.charters.models import Proposal
    from deliberation.charters.services import vote_cast

    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=room["proposal"], participant=room["ana"], choice="yes")
    workshop_set_phase(workshop=workshop, phase=Phase.CLOSED)
    page = console.get(reverse("workshops:console", args=[workshop.code])).content.decode()
    assert "Close any vote still open to record its result" in page
    button = page[page.index("Close the vote on") - 200 : page.index("Close the vote on")]
    assert "disabled" not in button
    console.post(reverse("charters:close_vote", args=[workshop.code, room["proposal"].pk]))
    assert Proposal.objects.get(pk=room["proposal"].pk).status == "adopted"


def test_closing_a_vote_with_an_open_objection_asks_first_and_the_objection_lapses(
    console, workshop, room
):
    from deliberation.charters.discussion import objection_raise
    from deliberation.charters.models import Objection

    objection = objection_raise(proposal=room["proposal"], participant=room["boris"], reason="No.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    page = console.get(reverse("workshops:console", args=[workshop.code])).content.decode()
    assert "has 1 open objection. Close the vote anyway?" in page
    console.post(reverse("charters:close_vote", args=[workshop.code, room["proposal"].pk]))
    objection.refresh_from_db()
    assert objection.status == Objection.Status.LAPSED and objection.resolved_at
    page = console.get(reverse("workshops:console", args=[workshop.code])).content.decode()
    assert "Objection · Lapsed (vote decided)" in page
    assert "Rule answered" not in page


def test_projector_keeps_the_vote_just_decided_in_view(console, workshop, room):
    from deliberation.charters.services import proposal_close_vote, vote_cast

    url = reverse("workshops:projector", args=[workshop.code])
    drafting = console.get(url).content.decode()
    assert "Open votes" not in drafting and "Tabled: votes open in the voting phase" in drafting
    assert 'data-testid="latest-result"' not in drafting
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=room["proposal"], participant=room["ana"], choice="yes")
    vote_cast(proposal=room["proposal"], participant=room["boris"], choice="abstain")
    proposal_close_vote(proposal=room["proposal"])
    page = console.get(url).content.decode()
    assert "Just decided: Neighbours" in page
    assert "Adopted: " in page.split("Just decided")[1]
    assert "NATO: 1 for, 0 against, 0 abstaining" in page
    assert "In all: 1 for, 0 against, 1 abstaining" in page
    fragment = console.get(url, {"fragment": "spotlight"}, headers={"HX-Request": "true"})
    assert "Just decided: Neighbours" in fragment.content.decode()
