"""Server-sent events for a workshop: one hub per process fans stored events out to open pages.

See events.py for how events are published and what they contain. This module is the
receiving end:

- `Hub` (one per event loop, so one per server process) keeps ONE PostgreSQL connection
  LISTENing on `events.CHANNEL` plus one for reading rows; on other databases it polls the
  event table every `POLL_INTERVAL` seconds. When a workshop has news it reads the new rows
  once, merges what arrived within `THROTTLE` seconds into one message, encodes it once and
  puts the same bytes on the queue of every open stream of that workshop.
- `stream_async` is what an ASGI server streams to one client; `stream_sync` does the same by
  polling under WSGI (`manage.py runserver`), ending after `SYNC_STREAM_SECONDS` so a thread
  is not held forever (the browser reconnects with Last-Event-ID and misses nothing).

Wire format, one SSE message per batch: `id: <last event id>` and
`data: {"kinds": [...], "fragments": {element id: html}}`. The first message of every stream
carries the id the client is up to (and replays what it missed after `Last-Event-ID`); when
a replay is impossible (too old, pruned, unknown id) it carries the kind "resync".
"""

import asyncio
import json
import logging
import time
import weakref
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.db import connection, connections
from django.db.models import Max
from django.urls import reverse

from .events import CHANNEL
from .models import Event

logger = logging.getLogger(__name__)

THROTTLE = 0.2  # seconds between two messages to one stream; updates in between are merged
POLL_INTERVAL = 0.5  # seconds, when the database cannot LISTEN
HEARTBEAT = 15  # seconds of silence before a comment line keeps proxies from closing the stream
RETRY_MS = 2000  # how long the browser waits before reconnecting
REPLAY_LIMIT = 200  # more missed events than this: the client re-fetches instead
QUEUE_LIMIT = 100  # messages waiting for a slow client; past that its stream is closed
SYNC_STREAM_SECONDS = 55
FETCH_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Row:
    id: int
    kind: str
    fragments: dict


@dataclass(frozen=True, slots=True)
class Message:
    last_id: int
    data: bytes


def encode(rows: list[Row], *, last_id: int | None = None, extra_kinds=()) -> Message:
    """One SSE message for a batch of events: kinds in order, later fragments win."""
    kinds = list(dict.fromkeys([*extra_kinds, *(row.kind for row in rows)]))
    fragments: dict[str, str] = {}
    for row in rows:
        fragments.update(row.fragments or {})
    if last_id is None:
        last_id = rows[-1].id
    payload = json.dumps({"kinds": kinds, "fragments": fragments}, separators=(",", ":"))
    return Message(last_id=last_id, data=f"id: {last_id}\ndata: {payload}\n\n".encode())


OPENING = f"retry: {RETRY_MS}\n".encode()
KEEP_ALIVE = b": keep-alive\n\n"


def live_url(workshop) -> str:
    """The stream for a page of this workshop. Call it before reading what the page shows,
    so that anything committed after the page's reads is replayed when the stream opens."""
    latest = Event.objects.filter(workshop_id=workshop.pk).aggregate(m=Max("id"))["m"] or 0
    return f"{reverse('live:stream', args=[workshop.code])}?last_event_id={latest}"


def parse_last_event_id(value: str | None) -> int | None:
    if value is None:
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 18:
        return None
    return int(value)


# Reading rows through Django (threads) for SQLite, WSGI and replays off PostgreSQL.


def _orm_rows(workshop_id: int, after: int, limit: int) -> list[Row]:
    return [
        Row(id=pk, kind=kind, fragments=fragments)
        for pk, kind, fragments in Event.objects.filter(workshop_id=workshop_id, id__gt=after)
        .order_by("id")
        .values_list("id", "kind", "fragments")[:limit]
    ]


def _orm_bounds(workshop_id: int, last_id: int | None) -> tuple[bool, int]:
    """(whether the client's last event is still kept, newest event id of this workshop)."""
    kept = not last_id or Event.objects.filter(pk=last_id, workshop_id=workshop_id).exists()
    newest = Event.objects.filter(workshop_id=workshop_id).aggregate(m=Max("id"))["m"] or 0
    return kept, newest


def _orm_newest(workshop_ids: list[int]) -> dict[int, int]:
    return dict(
        Event.objects.filter(workshop_id__in=workshop_ids)
        .values_list("workshop_id")
        .annotate(m=Max("id"))
        .values_list("workshop_id", "m")
    )


def _release_connection() -> None:
    """Give this thread's connection back between reads of a long-lived stream."""
    if not connection.in_atomic_block:
        connection.close()


def _in_own_thread(function):
    """Run an ORM read in a worker thread and give its connection back afterwards."""

    def run(*args):
        try:
            return function(*args)
        finally:
            _release_connection()

    return sync_to_async(run, thread_sensitive=False)


def first_message(
    last_id: int | None, rows: list[Row], bounds: tuple[bool, int]
) -> tuple[Message, int]:
    """What a stream opens with, and the id the client is then up to.

    `rows` are the events after `last_id` (at most REPLAY_LIMIT + 1 of them). Events are
    pruned oldest first, so if the client's last event is still kept, so is all that followed.
    """
    kept, newest = bounds
    if last_id is None:
        return encode([], last_id=newest), newest
    if not kept or last_id > newest or len(rows) > REPLAY_LIMIT:
        return encode([], last_id=newest, extra_kinds=["resync"]), newest
    if not rows:
        return encode([], last_id=last_id), last_id
    return encode(rows), rows[-1].id


class _PostgresReader:
    """Reads events through the hub's own async connection (no thread hand-off)."""

    def __init__(self, conn, table: str) -> None:
        self.conn = conn
        self.table = table

    async def rows(self, workshop_id: int, after: int, limit: int) -> list[Row]:
        cursor = await self.conn.execute(
            f"SELECT id, kind, fragments FROM {self.table} "  # noqa: S608 - our own table name
            "WHERE workshop_id = %s AND id > %s ORDER BY id LIMIT %s",
            [workshop_id, after, limit],
        )
        return [Row(id=pk, kind=kind, fragments=frag) for pk, kind, frag in await cursor.fetchall()]

    async def bounds(self, workshop_id: int, last_id: int | None) -> tuple[bool, int]:
        cursor = await self.conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM {self.table} "  # noqa: S608
            "WHERE id = %s AND workshop_id = %s), "
            f"(SELECT max(id) FROM {self.table} WHERE workshop_id = %s)",
            [last_id or 0, workshop_id, workshop_id],
        )
        exists, newest = await cursor.fetchone()
        return bool(exists or not last_id), newest or 0


class _OrmReader:
    rows = staticmethod(_in_own_thread(_orm_rows))
    bounds = staticmethod(_in_own_thread(_orm_bounds))
    newest = staticmethod(_in_own_thread(_orm_newest))


def _postgres_params() -> dict:
    settings_dict = connections["default"].settings_dict
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict.get("PORT") or "") or None,
    }
    django_only = {"isolation_level", "pool", "server_side_binding", "assume_role", "context"}
    params |= {
        key: value
        for key, value in (settings_dict.get("OPTIONS") or {}).items()
        if key not in django_only
    }
    return {key: value for key, value in params.items() if value is not None}


class Stream:
    """One open page: its queue of encoded messages."""

    __slots__ = ("workshop_id", "queue")

    def __init__(self, workshop_id: int) -> None:
        self.workshop_id = workshop_id
        self.queue: asyncio.Queue[Message | None] = asyncio.Queue()

    def put(self, message: Message) -> None:
        if self.queue.qsize() >= QUEUE_LIMIT:
            # Too slow to keep up: end the stream; the browser reconnects and catches up.
            self.queue.put_nowait(None)
        else:
            self.queue.put_nowait(message)


class Hub:
    """Fans events out to the open streams of one process (one event loop)."""

    _hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()

    @classmethod
    def current(cls) -> "Hub":
        loop = asyncio.get_running_loop()
        hub = cls._hubs.get(loop)
        if hub is None:
            hub = cls._hubs[loop] = cls(loop)
        return hub

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.streams: dict[int, set[Stream]] = {}
        self.cursor: dict[int, int] = {}  # workshop id -> last event id fanned out
        self.last_flush: dict[int, float] = {}
        self.scheduled: set[int] = set()
        self.locks: dict[int, asyncio.Lock] = {}
        self.reader = None
        self.task: asyncio.Task | None = None
        self.ready = asyncio.Event()

    # Streams come and go.

    async def subscribe(self, workshop_id: int) -> Stream:
        stream = Stream(workshop_id)
        self.streams.setdefault(workshop_id, set()).add(stream)
        if self.task is None or self.task.done():
            self.ready.clear()
            self.task = self.loop.create_task(self._run(), name="live-hub")
        try:
            await asyncio.wait_for(self.ready.wait(), timeout=10)
        except BaseException:
            self.unsubscribe(stream)
            raise
        return stream

    def start_from(self, workshop_id: int, event_id: int) -> None:
        """The first stream of a workshop has read up to `event_id`: fan out what follows."""
        if workshop_id in self.streams and workshop_id not in self.cursor:
            self.cursor[workshop_id] = event_id
            self.mark(workshop_id)  # anything announced while the stream was replaying

    def unsubscribe(self, stream: Stream) -> None:
        streams = self.streams.get(stream.workshop_id)
        if streams is not None:
            streams.discard(stream)
            if not streams:
                del self.streams[stream.workshop_id]
                self.cursor.pop(stream.workshop_id, None)
                self.last_flush.pop(stream.workshop_id, None)
        if not self.streams and self.task is not None:
            # Nobody listens: give the database connections back.
            self.task.cancel()
            self.task = None
            self.reader = None

    # News arrives.

    def mark(self, workshop_id: int) -> None:
        """Workshop has new events: flush now, or THROTTLE after the previous flush."""
        if workshop_id not in self.streams or workshop_id in self.scheduled:
            return
        self.scheduled.add(workshop_id)
        delay = self.last_flush.get(workshop_id, 0.0) + THROTTLE - time.monotonic()
        self.loop.call_later(max(0.0, delay), self._start_flush, workshop_id)

    def _start_flush(self, workshop_id: int) -> None:
        self.scheduled.discard(workshop_id)
        self.loop.create_task(self._flush(workshop_id))

    async def _flush(self, workshop_id: int) -> None:
        lock = self.locks.setdefault(workshop_id, asyncio.Lock())
        async with lock:
            after = self.cursor.get(workshop_id)
            reader = self.reader
            if after is None or reader is None or workshop_id not in self.streams:
                return
            self.last_flush[workshop_id] = time.monotonic()
            try:
                rows = await reader.rows(workshop_id, after, FETCH_LIMIT)
            except Exception:
                logger.exception("Could not read live events of workshop %s", workshop_id)
                self.loop.call_later(1.0, self.mark, workshop_id)
                return
            if not rows or workshop_id not in self.streams:
                return
            self.cursor[workshop_id] = rows[-1].id
            message = encode(rows)
            for stream in list(self.streams.get(workshop_id, ())):
                stream.put(message)
            if len(rows) == FETCH_LIMIT:
                self.mark(workshop_id)
        if not self.streams.get(workshop_id):
            self.locks.pop(workshop_id, None)

    async def _run(self) -> None:
        if connections["default"].vendor == "postgresql":
            await self._listen()
        else:
            await self._poll()

    async def _listen(self) -> None:
        import psycopg

        backoff = 0.5
        params = _postgres_params()
        table = Event._meta.db_table
        while True:
            try:
                async with (
                    await psycopg.AsyncConnection.connect(**params, autocommit=True) as listener,
                    await psycopg.AsyncConnection.connect(**params, autocommit=True) as reader,
                ):
                    await listener.execute(f"LISTEN {CHANNEL}")
                    self.reader = _PostgresReader(reader, table)
                    self.ready.set()
                    backoff = 0.5
                    for workshop_id in list(self.cursor):
                        self.mark(workshop_id)  # catch up on what a lost connection missed
                    async for notice in listener.notifies():
                        workshop_id, _, _ = notice.payload.partition(":")
                        if workshop_id.isdigit():
                            self.mark(int(workshop_id))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Live events: lost the PostgreSQL connection; reconnecting")
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)

    async def _poll(self) -> None:
        self.reader = _OrmReader
        self.ready.set()
        while True:
            await asyncio.sleep(POLL_INTERVAL)
            watched = [w for w in self.streams if w in self.cursor]
            if not watched:
                continue
            try:
                newest = await _OrmReader.newest(watched)
            except Exception:
                logger.exception("Live events: could not poll the event table")
                continue
            for workshop_id, latest in newest.items():
                if latest > self.cursor.get(workshop_id, latest):
                    self.mark(workshop_id)


async def stream_async(workshop_id: int, last_id: int | None) -> AsyncIterator[bytes]:
    """The event stream of one page under ASGI. Ends when the client goes away."""
    hub = Hub.current()
    stream = await hub.subscribe(workshop_id)
    try:
        reader = hub.reader
        rows = [] if last_id is None else await reader.rows(workshop_id, last_id, REPLAY_LIMIT + 1)
        message, sent = first_message(last_id, rows, await reader.bounds(workshop_id, last_id))
        hub.start_from(workshop_id, sent)
        yield OPENING + message.data
        while True:
            try:
                message = await asyncio.wait_for(stream.queue.get(), timeout=HEARTBEAT)
            except TimeoutError:
                yield KEEP_ALIVE
                continue
            if message is None:
                return
            if message.last_id > sent:
                sent = message.last_id
                yield message.data
    finally:
        hub.unsubscribe(stream)


def stream_sync(
    workshop_id: int, last_id: int | None, *, lifetime: float = SYNC_STREAM_SECONDS
) -> Iterator[bytes]:
    """The same stream under WSGI (runserver): polls, and ends after `lifetime` seconds."""
    try:
        rows = [] if last_id is None else _orm_rows(workshop_id, last_id, REPLAY_LIMIT + 1)
        message, sent = first_message(last_id, rows, _orm_bounds(workshop_id, last_id))
    finally:
        _release_connection()
    yield OPENING + message.data
    deadline = time.monotonic() + lifetime
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL)
        try:
            rows = _orm_rows(workshop_id, sent, FETCH_LIMIT)
        finally:
            _release_connection()
        if rows:
            sent = rows[-1].id
            quiet_since = time.monotonic()
            yield encode(rows).data
        elif time.monotonic() - quiet_since > HEARTBEAT:
            quiet_since = time.monotonic()
            yield KEEP_ALIVE
