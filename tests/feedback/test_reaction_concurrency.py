"""Reactions sent at once from several tabs leave one reaction, never an error."""

import threading

import pytest
from django.db import close_old_connections, connection

from deliberation.feedback.models import Reaction
from deliberation.feedback.services import reaction_set

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
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - any error is a failure of the test
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_reactions_sent_at_once_by_one_person_leave_one_row(adopt, seat):
    clause, ana = adopt(), seat("Ana", "NATO")
    choices = ["agree", "disagree", "pass"] * 2
    results, errors = _run_at_once(
        [lambda c=c: reaction_set(clause=clause, participant=ana, choice=c) for c in choices]
    )
    assert errors == []
    assert Reaction.objects.filter(clause=clause, participant=ana).count() == 1


def test_reactions_from_many_people_at_once_are_all_kept(adopt, seat):
    clause = adopt()
    people = [seat(f"P{i}", ("NATO", "Russia", "China")[i % 3]) for i in range(8)]
    results, errors = _run_at_once(
        [lambda p=p: reaction_set(clause=clause, participant=p, choice="agree") for p in people]
    )
    assert errors == []
    assert Reaction.objects.filter(clause=clause).count() == 8
