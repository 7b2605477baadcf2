"""Votes are never lost or counted twice when many arrive at once."""

import threading

import pytest
from django.db import close_old_connections, connection

from deliberation.charters.models import Vote
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.errors import ActionRefused
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "sqlite" in connection.settings_dict["ENGINE"],
        reason="SQLite's shared in-memory test database locks whole tables under parallel "
        "writers; these run against PostgreSQL in CI",
    ),
]


def _run_at_once(calls):
    barrier = threading.Barrier(len(calls))
    results = []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except ActionRefused as refused:
            results.append(refused)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_the_same_vote_sent_at_once_is_counted_once(workshop, seat):
    ana = seat("Ana", "NATO")
    proposal = proposal_create(participant=ana, title="T", text="Text")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    results = _run_at_once(
        [lambda: vote_cast(proposal=proposal, participant=ana, choice="yes")] * 6
    )
    assert Vote.objects.filter(proposal=proposal).count() == 1
    assert sum(isinstance(r, Vote) for r in results) == 1
    assert all("already voted" in r.message for r in results if isinstance(r, ActionRefused))


def test_votes_from_many_people_at_once_are_all_kept(workshop, seat):
    people = [seat(f"P{i}", ("NATO", "Russia", "China")[i % 3]) for i in range(8)]
    proposal = proposal_create(participant=people[0], title="T", text="Text")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    _run_at_once(
        [(lambda p=p: vote_cast(proposal=proposal, participant=p, choice="yes")) for p in people]
    )
    assert Vote.objects.filter(proposal=proposal).count() == 8


@pytest.mark.skipif(
    "sqlite" in connection.settings_dict["ENGINE"],
    reason="SQLite's shared in-memory test database locks whole tables under parallel writers; "
    "this runs against PostgreSQL in CI",
)
def test_two_conflicting_amendments_adopted_at_once_end_with_one_applied(workshop, seat):
    from deliberation.charters.amendments import amendment_create
    from deliberation.charters.models import Clause, Proposal

    people = [seat(name, name) for name in ("NATO", "Russia", "China")]
    tabled = proposal_create(participant=people[0], title="T", text="Original words.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for person in people:
        vote_cast(proposal=tabled, participant=person, choice="yes")
    proposal_close_vote(proposal=tabled)
    clause = Clause.objects.get(pk=tabled.clause_id)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    rivals = [
        amendment_create(
            participant=people[i], clause=clause, text=f"Words of {i}.", base_version=clause.version
        )
        for i in (1, 2)
    ]
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for rival in rivals:
        for person in people:
            vote_cast(proposal=rival, participant=person, choice="yes")
    results = _run_at_once([(lambda r=r: proposal_close_vote(proposal=r)) for r in rivals])
    refused = [r for r in results if isinstance(r, ActionRefused)]
    assert len(refused) == 1 and "now at version" in refused[0].message
    statuses = sorted(
        Proposal.objects.filter(pk__in=[r.pk for r in rivals]).values_list("status", flat=True)
    )
    assert statuses == ["adopted", "open"]
    clause.refresh_from_db()
    assert clause.text in ("Words of 1.", "Words of 2.")
    assert clause.revisions.filter(kind="amended").count() == 1


def test_adopting_against_a_stale_base_is_refused_in_sequence_too(workshop, seat):
    """The same guarantee without threads, so SQLite runs check it as well."""
    from deliberation.charters.amendments import amendment_create
    from deliberation.charters.models import Clause

    people = [seat(name, name) for name in ("NATO", "Russia", "China")]
    tabled = proposal_create(participant=people[0], title="T", text="Original words.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=tabled, participant=people[0], choice="yes")
    proposal_close_vote(proposal=tabled)
    clause = Clause.objects.get(pk=tabled.clause_id)
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    first, second = (
        amendment_create(
            participant=people[i], clause=clause, text=f"Words of {i}.", base_version=clause.version
        )
        for i in (1, 2)
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    for rival in (first, second):
        vote_cast(proposal=rival, participant=people[0], choice="yes")
    proposal_close_vote(proposal=first)
    with pytest.raises(ActionRefused, match="now at version"):
        proposal_close_vote(proposal=second)
