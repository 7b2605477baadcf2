"""The per-process hub: one listener fans each batch of events out to every open stream."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from django.db import connection

from deliberation.core import live
from deliberation.core.events import publish
from deliberation.workshops.services import workshop_create_from_template


def run(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API may already run a loop here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


pytestmark = pytest.mark.django_db(transaction=True)


def payload(chunk: bytes) -> dict:
    lines = dict(line.split(": ", 1) for line in chunk.decode().splitlines() if ": " in line)
    return {"id": int(lines["id"]), **json.loads(lines["data"])}


@sync_to_async(thread_sensitive=False)
def publish_elsewhere(workshop_id, kind, fragments=None):
    """Publish from another thread with its own connection, as another request would."""
    try:
        return publish(workshop_id=workshop_id, kind=kind, fragments=fragments)
    finally:
        if connection.vendor != "sqlite":
            connection.close()


@sync_to_async(thread_sensitive=False)
def publish_many(workshop_id, count):
    """Votes arriving faster than THROTTLE: For 1 ... For `count`."""
    try:
        for n in range(1, count + 1):
            publish(
                workshop_id=workshop_id,
                kind="tally-changed",
                fragments=lambda n=n: {"tally-1": f"For {n}"},
            )
    finally:
        if connection.vendor != "sqlite":
            connection.close()


async def next_chunk(stream, timeout=5.0) -> bytes:
    return await asyncio.wait_for(anext(stream), timeout)


def test_every_open_stream_of_the_workshop_gets_the_event(workshop, demo, facilitator):
    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)

    async def scenario():
        ana, boris = live.stream_async(workshop.pk, None), live.stream_async(workshop.pk, None)
        stranger = live.stream_async(other.pk, None)
        for stream in (ana, boris, stranger):
            assert payload(await next_chunk(stream))["kinds"] == []
        event = await publish_elsewhere(
            workshop.pk, "tally-changed", lambda: {"tally-9": "<p id='tally-9'>For 1</p>"}
        )
        for stream in (ana, boris):
            assert payload(await next_chunk(stream)) == {
                "id": event.pk,
                "kinds": ["tally-changed"],
                "fragments": {"tally-9": "<p id='tally-9'>For 1</p>"},
            }
        with pytest.raises(TimeoutError):
            await next_chunk(stranger, timeout=live.POLL_INTERVAL * 3)
        hub = live.Hub.current()
        for stream in (ana, boris, stranger):
            await stream.aclose()
        assert hub.streams == {} and hub.task is None  # connections given back

    run(scenario())


def test_a_burst_of_votes_reaches_a_stream_as_few_merged_messages(workshop):
    async def scenario():
        stream = live.stream_async(workshop.pk, None)
        await next_chunk(stream)
        await publish_many(workshop.pk, 10)
        received = []
        while not received or received[-1]["fragments"] != {"tally-1": "For 10"}:
            received.append(payload(await next_chunk(stream)))
        await stream.aclose()
        return received

    received = run(scenario())
    assert 1 <= len(received) <= 5  # merged, not one message per vote
    assert [m["id"] for m in received] == sorted(m["id"] for m in received)


def test_a_stream_that_reconnects_gets_exactly_what_it_missed(workshop):
    async def scenario():
        stream = live.stream_async(workshop.pk, None)
        seen = payload(await next_chunk(stream))["id"]
        await stream.aclose()  # the connection drops
        await publish_elsewhere(workshop.pk, "tally-changed", lambda: {"tally-1": "For 1"})
        await publish_elsewhere(workshop.pk, "proposals-changed")
        again = live.stream_async(workshop.pk, seen)  # the browser sends Last-Event-ID
        replay = payload(await next_chunk(again))
        later = await publish_elsewhere(workshop.pk, "tally-changed", lambda: {"tally-1": "For 2"})
        after = payload(await next_chunk(again))
        await again.aclose()
        return replay, later, after

    replay, later, after = run(scenario())
    assert replay["kinds"] == ["tally-changed", "proposals-changed"]
    assert replay["fragments"] == {"tally-1": "For 1"}
    assert after == {"id": later.pk, "kinds": ["tally-changed"], "fragments": {"tally-1": "For 2"}}


def test_a_client_too_slow_to_read_is_disconnected_not_buffered_forever(workshop):
    async def scenario():
        hub = live.Hub.current()
        stream = await hub.subscribe(workshop.pk)
        message = live.encode([live.Row(id=1, kind="k", fragments={})])
        for _ in range(live.QUEUE_LIMIT + 5):
            stream.put(message)
        items = [stream.queue.get_nowait() for _ in range(stream.queue.qsize())]
        hub.unsubscribe(stream)
        return items

    items = run(scenario())
    assert items[live.QUEUE_LIMIT] is None  # the stream's generator ends there
