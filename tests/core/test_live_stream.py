"""The live stream of a workshop: who may open it, what it replays, what it sends next."""

import json

import pytest
from django.urls import reverse

from deliberation.core import live
from deliberation.core.events import publish
from deliberation.core.models import Event
from deliberation.workshops.services import workshop_create_from_template, workshop_set_archived

pytestmark = pytest.mark.django_db


def messages(chunk: bytes) -> list[dict]:
    """The SSE messages in a chunk: [{"id": ..., "kinds": [...], "fragments": {...}}]."""
    found = []
    for block in chunk.decode().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "data" in fields:
            found.append({"id": int(fields["id"]), **json.loads(fields["data"])})
    return found


def open_stream(client, workshop, **headers):
    response = client.get(reverse("live:stream", args=[workshop.code]), **headers)
    return response


def first_chunk(response) -> bytes:
    try:
        return next(iter(response.streaming_content))
    finally:
        response.close()


@pytest.fixture
def other_workshop(demo, facilitator):
    return workshop_create_from_template(template=demo, title="Another room", user=facilitator)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 403),
        ("other workshop's participant", 403),
        ("participant", 200),
        ("delegation head", 200),
        ("observer", 200),
        ("facilitator", 200),
    ],
)
def test_stream_is_open_to_the_workshop_only(
    who, status, client, workshop, other_workshop, seat, as_participant, facilitator
):
    if who == "other workshop's participant":
        as_participant(seat("Olga", "Russia", into=other_workshop))
    elif who == "participant":
        as_participant(seat("Ana", "NATO"))
    elif who == "delegation head":
        head = seat("Hana", "NATO")
        delegation = head.delegation
        delegation.head = head  # the head's seat is what matters here, not how it was chosen
        delegation.save(update_fields=["head"])
        as_participant(head)
    elif who == "observer":
        as_participant(seat("Otto"))
    elif who == "facilitator":
        client.force_login(facilitator)
    response = open_stream(client, workshop)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "text/event-stream"
        assert response["Cache-Control"] == "no-cache, no-store"
        assert first_chunk(response).startswith(b"retry: 2000\n")
    else:
        assert b"Join this workshop" in response.content


def test_stream_of_an_unknown_or_archived_workshop_is_not_found(
    client, workshop, seat, as_participant
):
    as_participant(seat("Ana", "NATO"))
    assert client.get(reverse("live:stream", args=["ZZZ999"])).status_code == 404
    workshop_set_archived(workshop=workshop, archived=True)
    assert open_stream(client, workshop).status_code == 404


def test_stream_rejects_post(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    assert client.post(reverse("live:stream", args=[workshop.code])).status_code == 405


def test_stream_opens_with_the_latest_event_id(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    latest = publish(workshop_id=workshop.pk, kind="proposals-changed")
    [message] = messages(first_chunk(open_stream(client, workshop)))
    assert message == {"id": latest.pk, "kinds": [], "fragments": {}}


def test_stream_replays_what_came_after_last_event_id(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    seen = publish(workshop_id=workshop.pk, kind="proposals-changed")
    publish(
        workshop_id=workshop.pk, kind="tally-changed", fragments=lambda: {"tally-1": "<p>1</p>"}
    )
    last = publish(
        workshop_id=workshop.pk, kind="tally-changed", fragments=lambda: {"tally-1": "<p>2</p>"}
    )
    [message] = messages(
        first_chunk(open_stream(client, workshop, HTTP_LAST_EVENT_ID=str(seen.pk)))
    )
    assert message == {
        "id": last.pk,
        "kinds": ["tally-changed"],
        "fragments": {"tally-1": "<p>2</p>"},
    }


def test_page_url_parameter_replays_like_last_event_id(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    url = live.live_url(workshop)
    publish(workshop_id=workshop.pk, kind="phase-changed")
    [message] = messages(first_chunk(client.get(url)))
    assert message["kinds"] == ["phase-changed"]


def test_stream_never_sends_another_workshops_events(
    client, workshop, other_workshop, seat, as_participant
):
    as_participant(seat("Ana", "NATO"))
    seen = publish(workshop_id=workshop.pk, kind="proposals-changed")
    publish(workshop_id=other_workshop.pk, kind="tally-changed", fragments=lambda: {"x": "secret"})
    [message] = messages(
        first_chunk(open_stream(client, workshop, HTTP_LAST_EVENT_ID=str(seen.pk)))
    )
    assert message == {"id": seen.pk, "kinds": [], "fragments": {}}


@pytest.mark.parametrize("bad", ["abc", "-1", "1e9", "9" * 40, ""])
def test_a_bad_last_event_id_is_treated_as_none(bad, client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    response = open_stream(client, workshop, HTTP_LAST_EVENT_ID=bad)
    assert response.status_code == 200
    assert messages(first_chunk(response))[0]["kinds"] == []


def test_a_client_too_far_behind_is_told_to_resync(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    first = publish(workshop_id=workshop.pk, kind="tally-changed")
    for _ in range(live.REPLAY_LIMIT + 1):
        last = publish(workshop_id=workshop.pk, kind="tally-changed")
    [message] = messages(
        first_chunk(open_stream(client, workshop, HTTP_LAST_EVENT_ID=str(first.pk)))
    )
    assert message == {"id": last.pk, "kinds": ["resync"], "fragments": {}}


def test_a_client_whose_events_were_pruned_is_told_to_resync(
    client, workshop, seat, as_participant
):
    as_participant(seat("Ana", "NATO"))
    old = publish(workshop_id=workshop.pk, kind="tally-changed")
    publish(workshop_id=workshop.pk, kind="tally-changed")
    last = publish(workshop_id=workshop.pk, kind="tally-changed")
    Event.objects.filter(pk__lt=last.pk).delete()
    [message] = messages(first_chunk(open_stream(client, workshop, HTTP_LAST_EVENT_ID=str(old.pk))))
    assert message["kinds"] == ["resync"]


def test_an_id_from_the_future_gets_a_resync(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    last = publish(workshop_id=workshop.pk, kind="tally-changed")
    [message] = messages(
        first_chunk(open_stream(client, workshop, HTTP_LAST_EVENT_ID=str(last.pk + 50)))
    )
    assert message == {"id": last.pk, "kinds": ["resync"], "fragments": {}}


def test_sync_stream_sends_new_events_as_they_are_stored(workshop):
    """Under WSGI (runserver) the stream polls; it ends after its lifetime."""
    stream = live.stream_sync(workshop.pk, None, lifetime=1.2)
    assert messages(next(stream))[0]["kinds"] == []
    event = publish(workshop_id=workshop.pk, kind="proposals-changed")
    assert messages(next(stream)) == [
        {"id": event.pk, "kinds": ["proposals-changed"], "fragments": {}}
    ]
    assert list(stream) == []


def test_encode_merges_a_batch_later_fragments_winning():
    rows = [
        live.Row(id=3, kind="tally-changed", fragments={"tally-1": "old", "badge": "b"}),
        live.Row(id=4, kind="proposals-changed", fragments={}),
        live.Row(id=7, kind="tally-changed", fragments={"tally-1": "new"}),
    ]
    message = live.encode(rows)
    assert message.last_id == 7
    assert messages(message.data) == [
        {
            "id": 7,
            "kinds": ["tally-changed", "proposals-changed"],
            "fragments": {"tally-1": "new", "badge": "b"},
        }
    ]


def test_fragments_with_newlines_and_quotes_stay_on_one_data_line():
    message = live.encode([live.Row(id=1, kind="k", fragments={"a": '<p class="x">\n</p>'})])
    assert message.data.count(b"\n") == 3  # "id:", "data:" and the blank line
    assert messages(message.data)[0]["fragments"] == {"a": '<p class="x">\n</p>'}
