"""Live events cross processes: a vote handled by one server reaches a page held by another."""

import pytest
from django.db import connection
from django.urls import reverse

from deliberation.charters.services import proposal_create
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase
from tests.core import servers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several server processes need one shared database with LISTEN/NOTIFY: "
        "run with DATABASE_URL=postgres://... (CI does)",
    ),
]


@pytest.fixture
def two_servers():
    env = {"DATABASE_URL": servers.database_url(), "DEBUG": "true"}
    ports = [servers.free_port(), servers.free_port()]
    processes = []
    try:
        for port in ports:
            processes.append(servers.start_uvicorn(port, env=env))
        yield ports
    finally:
        for process in processes:
            servers.stop(process)


def test_a_vote_through_one_process_reaches_a_client_of_the_other(workshop, seat, two_servers):
    first, second = two_servers
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    proposal = proposal_create(participant=ana, title="Neighbours", text="No advantage at a cost.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    ana_cookies, boris_cookies = (
        servers.participant_cookies(ana),
        servers.participant_cookies(boris),
    )

    stream = servers.EventStream(
        first, reverse("live:stream", args=[workshop.code]), cookies=boris_cookies
    )
    try:
        assert stream.status == 200
        opened = stream.next_message()
        status, _ = servers.post(
            second,
            reverse("charters:vote", args=[workshop.code, proposal.pk]),
            {"choice": "yes"},
            cookies=ana_cookies,
        )
        assert status == 200
        message = stream.next_message(timeout=3)
        while "tally-changed" not in message["kinds"]:
            message = stream.next_message(timeout=3)
        assert message["id"] > opened["id"]
    finally:
        stream.close()


def test_each_process_holds_one_listening_connection_whatever_the_number_of_clients(
    workshop, seat, two_servers
):
    first, _ = two_servers
    people = [seat(f"P{i}", "NATO") for i in range(12)]
    path = reverse("live:stream", args=[workshop.code])
    streams = [
        servers.EventStream(first, path, cookies=servers.participant_cookies(p)) for p in people
    ]

    def others() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0]

    # Connections left by earlier tests of this process are not the servers'.
    before = others()
    try:
        for stream in streams:
            stream.next_message()
        # The hub's listener and reader (and at most one request's connection), not one per
        # client: twelve streams would hold twelve.
        assert others() - before <= 3
    finally:
        for stream in streams:
            stream.close()
