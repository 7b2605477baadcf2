"""Who may do what on the drafting floor, in every phase: a matrix of role × phase per action.

One test per action and role; the phases are tried in turn inside savepoints that are rolled
back, so each phase starts from the same room. Roles: anonymous, another workshop's
participant (posting to this workshop), observer, delegate, delegation head, facilitator.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse

from deliberation.charters import amendments, caucus, discussion, editing
from deliberation.charters.models import Comment, Objection, Proposal, Section
from deliberation.charters.services import proposal_create
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_create_from_template, workshop_set_phase

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "observer", "delegate", "head", "facilitator"]
OPEN = {"drafting", "amending", "voting"}
DRAFT_AMEND = {"drafting", "amending"}


@dataclass
class Floor:
    workshop: object
    people: dict
    objects: dict


@pytest.fixture
def floor(workshop, seat, facilitator):
    """NATO (Tom, Nia, head Hal) and Russia (head Boris) with clauses, amendments, objections."""
    people = {
        name: seat(name, deleg)
        for name, deleg in [("Tom", "NATO"), ("Nia", "NATO"), ("Hal", "NATO"), ("Boris", "Russia")]
    }
    people["Obi"] = seat("Obi")
    nato, russia = workshop.delegations.get(name="NATO"), workshop.delegations.get(name="Russia")
    caucus.delegation_set_head(delegation=nato, head=people["Hal"], by=people["Tom"])
    caucus.delegation_set_head(delegation=russia, head=people["Boris"], by=people["Boris"])
    p_nato = proposal_create(participant=people["Tom"], title="Open door", text="All may join.")
    p_ru = proposal_create(participant=people["Boris"], title="No blocs", text="No bloc rules.")
    a_nato = amendments.amendment_create(
        participant=people["Boris"],
        clause=p_nato.clause,
        text="All may join freely.",
        base_version=1,
    )
    a_stale = amendments.amendment_create(
        participant=people["Nia"],
        clause=p_ru.clause,
        text="No bloc rules alone.",
        base_version=1,
    )
    friendly = amendments.amendment_create(
        participant=people["Boris"],
        clause=p_ru.clause,
        text="No bloc shall rule.",
        base_version=1,
    )
    amendments.amendment_accept_friendly(proposal=friendly, participant=people["Boris"])
    obj_by_boris = discussion.objection_raise(
        proposal=p_nato, participant=people["Boris"], reason="Joining must be agreed."
    )
    obj_by_nia = discussion.objection_raise(
        proposal=p_ru, participant=people["Nia"], reason="Too vague."
    )
    comment = discussion.comment_post(
        participant=people["Tom"], clause=p_nato.clause, text="Good.", stance="for"
    )
    objects = {
        "p_nato": p_nato,
        "p_ru": p_ru,
        "a_nato": a_nato,
        "a_stale": a_stale,
        "obj_by_boris": obj_by_boris,
        "obj_by_nia": obj_by_nia,
        "comment": comment,
        "nato": nato,
        "section": editing.section_create(charter=workshop.charter, title="Part I"),
    }
    return Floor(workshop=workshop, people=people, objects=objects)


def _act_as(client, who, floor, demo, facilitator, seat, as_participant):
    if who == "anonymous":
        return
    if who == "facilitator":
        client.force_login(facilitator)
        return
    if who == "stranger":
        other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
        as_participant(seat("Eve", "NATO", into=other))
        return
    name = {"observer": "Obi", "delegate": "Nia", "head": "Hal"}[who]
    as_participant(floor.people[name])


# action: (method, url(floor), data(floor), roles that succeed, phases that allow it,
#          check(floor) -> bool that the change happened, facilitator-only console view?)
def _o(floor, key):
    return floor.objects[key]


ACTIONS = {
    "amend": dict(
        url=lambda f: reverse("charters:amend", args=[f.workshop.code, _o(f, "p_nato").clause_id]),
        data=lambda f: {"operation": "replace", "text": "All may join at once.", "base_version": 1},
        roles={"delegate", "head", "facilitator"},
        phases=DRAFT_AMEND,
        changed=lambda f: Proposal.objects.filter(text="All may join at once.").exists(),
    ),
    "accept_friendly": dict(
        url=lambda f: reverse("charters:friendly", args=[f.workshop.code, _o(f, "a_nato").pk]),
        data=lambda f: {},
        roles={"delegate", "head"},
        phases=DRAFT_AMEND,
        changed=lambda f: Proposal.objects.get(pk=_o(f, "a_nato").pk).status == "friendly",
    ),
    "withdraw": dict(
        url=lambda f: reverse("charters:withdraw", args=[f.workshop.code, _o(f, "p_nato").pk]),
        data=lambda f: {},
        roles={"delegate", "head"},
        phases=OPEN,
        changed=lambda f: Proposal.objects.get(pk=_o(f, "p_nato").pk).status == "withdrawn",
    ),
    "rebase": dict(
        url=lambda f: reverse("charters:rebase", args=[f.workshop.code, _o(f, "a_stale").pk]),
        data=lambda f: {"text": "No bloc shall rule alone."},
        roles={"delegate", "head"},
        phases=DRAFT_AMEND,
        changed=lambda f: not Proposal.objects.get(pk=_o(f, "a_stale").pk).is_stale,
    ),
    "object": dict(
        url=lambda f: reverse("charters:object", args=[f.workshop.code, _o(f, "a_nato").pk]),
        data=lambda f: {"reason": "It changes the meaning.", "principle": ""},
        roles={"delegate", "head", "facilitator"},
        phases=OPEN,
        changed=lambda f: Objection.objects.filter(reason="It changes the meaning.").exists(),
    ),
    "answer_objection": dict(
        url=lambda f: reverse(
            "charters:objection", args=[f.workshop.code, _o(f, "obj_by_boris").pk]
        ),
        data=lambda f: {"action": "answer", "answer": "Joining stays voluntary."},
        roles={"delegate", "head"},
        phases=OPEN,
        changed=lambda f: Objection.objects.get(pk=_o(f, "obj_by_boris").pk).answer != "",
    ),
    "withdraw_objection": dict(
        url=lambda f: reverse("charters:objection", args=[f.workshop.code, _o(f, "obj_by_nia").pk]),
        data=lambda f: {"action": "withdraw"},
        roles={"delegate", "head"},  # Nia raised it; Hal heads her delegation
        phases=OPEN,
        changed=lambda f: Objection.objects.get(pk=_o(f, "obj_by_nia").pk).status == "withdrawn",
    ),
    "comment": dict(
        url=lambda f: reverse(
            "charters:comment", args=[f.workshop.code, _o(f, "p_nato").clause_id]
        ),
        data=lambda f: {"stance": "against", "text": "Not yet."},
        roles={"delegate", "head", "facilitator"},
        phases=OPEN,
        changed=lambda f: Comment.objects.filter(text="Not yet.").exists(),
    ),
    "caucus": dict(
        url=lambda f: reverse("charters:caucus", args=[f.workshop.code, _o(f, "nato").pk]),
        data=lambda f: {"text": "Hold firm on article 1.", "kind": "chat"},
        roles={"delegate", "head", "facilitator"},
        phases=OPEN,
        changed=lambda f: f.objects["nato"].caucus_messages.exists(),
    ),
    "set_head": dict(
        url=lambda f: reverse("charters:head", args=[f.workshop.code, _o(f, "nato").pk]),
        data=lambda f: {"head": f.people["Nia"].pk},
        roles={"delegate", "head", "facilitator"},
        phases=OPEN,
        changed=lambda f: (
            type(f.objects["nato"]).objects.get(pk=f.objects["nato"].pk).head_id
            == f.people["Nia"].pk
        ),
    ),
    "rule_objection": dict(
        url=lambda f: reverse(
            "charters:objection_rule", args=[f.workshop.code, _o(f, "obj_by_boris").pk]
        ),
        data=lambda f: {"status": "answered"},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: Objection.objects.get(pk=_o(f, "obj_by_boris").pk).status == "answered",
        console=True,
    ),
    "hide_comment": dict(
        url=lambda f: reverse("charters:comment_hide", args=[f.workshop.code, _o(f, "comment").pk]),
        data=lambda f: {"reason": "Off topic."},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: Comment.objects.get(pk=_o(f, "comment").pk).is_hidden,
        console=True,
    ),
    "refuse_amendment": dict(
        url=lambda f: reverse("charters:refuse", args=[f.workshop.code, _o(f, "a_stale").pk]),
        data=lambda f: {"reason": "The clause moved on."},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: Proposal.objects.get(pk=_o(f, "a_stale").pk).status == "rejected",
        console=True,
    ),
    "retitle_clause": dict(
        url=lambda f: reverse(
            "charters:clause_edit", args=[f.workshop.code, _o(f, "p_nato").clause_id]
        ),
        data=lambda f: {"action": "retitle", "title": "Open doors"},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: Proposal.objects.get(pk=_o(f, "p_nato").pk).clause.title == "Open doors",
        console=True,
    ),
    "rename_section": dict(
        url=lambda f: reverse("charters:charter_edit", args=[f.workshop.code]),
        data=lambda f: {
            "action": "section_retitle",
            "section": _o(f, "section").pk,
            "title": "Part I. Principles",
        },
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: Section.objects.get(pk=_o(f, "section").pk).title != "Part I",
        console=True,
    ),
    "remove_section": dict(
        url=lambda f: reverse("charters:charter_edit", args=[f.workshop.code]),
        data=lambda f: {"action": "section_delete", "section": _o(f, "section").pk},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: not Section.objects.filter(pk=_o(f, "section").pk).exists(),
        console=True,
    ),
    "edit_preamble": dict(
        url=lambda f: reverse("charters:charter_edit", args=[f.workshop.code]),
        data=lambda f: {"title": "Charter", "preamble": "We, the delegations,"},
        roles={"facilitator"},
        phases=OPEN | {"closed"},
        changed=lambda f: (
            type(f.workshop.charter).objects.get(pk=f.workshop.charter.pk).preamble != ""
        ),
        console=True,
    ),
}


def _expected(action: dict, who: str, phase: str) -> set[int]:
    if action.get("console"):
        if who != "facilitator":
            return {302}  # to the sign-in page: participants have no account
        return {302, 200, 204}
    if who in ("anonymous", "stranger"):
        return {403}
    if who not in action["roles"]:
        return {403}
    if phase not in action["phases"]:
        return {409}
    return {302, 200}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("name", list(ACTIONS))
def test_permission_matrix(client, floor, demo, facilitator, seat, as_participant, name, who):
    action = ACTIONS[name]
    _act_as(client, who, floor, demo, facilitator, seat, as_participant)
    for phase in Phase.values:
        with transaction.atomic():
            workshop_set_phase(workshop=floor.workshop, phase=phase)
            response = client.post(action["url"](floor), action["data"](floor))
            expected = _expected(action, who, phase)
            assert response.status_code in expected, (
                f"{name} by {who} in {phase}: {response.status_code}, expected {expected}: "
                f"{response.content[:300]!r}"
            )
            succeeded = response.status_code in (200, 204) or (
                response.status_code == 302 and "/accounts/login" not in response["Location"]
            )
            assert action["changed"](floor) == succeeded, f"{name} by {who} in {phase}"
            transaction.set_rollback(True)


@pytest.mark.parametrize("who", ROLES)
def test_reading_pages(client, floor, demo, facilitator, seat, as_participant, who):
    """Every page of the floor is open to the workshop's people and closed to others."""
    _act_as(client, who, floor, demo, facilitator, seat, as_participant)
    code = floor.workshop.code
    clause = floor.objects["p_nato"].clause
    pages = [
        reverse("charters:board", args=[code]),
        reverse("charters:clause_id", args=[code, clause.pk]),
        reverse("charters:charter", args=[code]),
    ]
    for url in pages:
        status = client.get(url).status_code
        assert status == (403 if who in ("anonymous", "stranger") else 200), url
    caucus_status = client.get(
        reverse("charters:caucus", args=[code, floor.objects["nato"].pk])
    ).status_code
    assert caucus_status == (200 if who in ("delegate", "head", "facilitator") else 403)
