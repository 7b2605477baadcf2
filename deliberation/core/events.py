"""The one place that announces live events. Nothing is announced before its change commits.

How a change reaches every open page of a workshop
--------------------------------------------------
1. A service checks, changes, then calls `publish_on_commit(workshop_id=..., kind=...,
   fragments=...)`. Nothing happens until the surrounding transaction commits; a rolled-back
   change is never announced.
2. After the commit, `publish()` takes a per-workshop lock (a PostgreSQL advisory lock; SQLite
   serialises writers anyway), renders the fragments, stores an `Event` row and, on PostgreSQL,
   sends `NOTIFY charter_events, '<workshop id>:<event id>'`. Holding the lock while rendering
   means events of one workshop get ids in the order they were rendered and committed, so a
   later event always carries newer HTML than an earlier one and "every event after id N" is a
   complete answer for a reconnecting client.
3. Each server process keeps ONE listening connection (`deliberation.core.live.Hub`), fetches
   new rows once per process, coalesces what arrived in the last `live.THROTTLE` seconds into
   one message and hands the same bytes to every open stream of that workshop
   (`live/<code>/events`, server-sent events). On SQLite the hub polls the table instead.
4. `static/js/live.js` (on pages whose <body> has `data-live-url`) replaces each element whose
   id is a key of `fragments` by the shared HTML, then fires each kind as an htmx event on
   <body>.

Conventions
-----------
- `kind` names what changed, in the plural-noun-changed form. Widgets that must re-fetch
  per-person HTML listen with `hx-trigger="<kind> from:body, resync from:body"`.
    "proposals-changed"      a proposal was made, withdrawn, amended or decided
    "tally-changed"          a vote was cast (send the tally as a fragment, see below)
    "objections-changed"     an objection was raised or resolved
    "phase-changed"          the facilitator moved the session to another phase
    "charter-changed"        an article was adopted or revised
    "caucus-<delegation id>" something only that delegation's members should re-fetch
    "resync"                 sent by the server (and fired by live.js after a reconnect) when
                             the client may have missed events: re-fetch everything
- `fragments` is `{element id: HTML}` with the element's own id on the root of the HTML,
  rendered ONCE for everyone: never per-person content (no "you voted", no forms with a
  person's choices), never anything hidden from some viewers. It is what keeps an update cheap:
  300 open pages get the same bytes instead of sending 300 requests. Put the tally in a
  fragment; let per-person widgets re-fetch only on rare kinds (proposals, phase).
- Keep fragments small (a tally, a badge, one card). A fragment must not contain ids that a
  later fragment of another event would also replace.
"""

import zlib
from collections.abc import Callable
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import Event

CHANNEL = "charter_events"
# Events older than this are pruned; a client that was away longer simply re-fetches.
KEEP_EVENTS_FOR = timedelta(hours=6)
PRUNE_EVERY = 1000  # event ids

Fragments = Callable[[], dict[str, str]]

_LOCK_NAMESPACE = zlib.crc32(CHANNEL.encode()) & 0x7FFFFFFF


def publish_on_commit(*, workshop_id: int, kind: str, fragments: Fragments | None = None) -> None:
    """Announce `kind` to every open page of the workshop once the current transaction commits.

    `fragments`, if given, is called after the commit to render HTML shared by all clients
    ({element id: html}), so an update is rendered once and sent to all. Outside a transaction
    the event is published at once.
    """
    transaction.on_commit(lambda: publish(workshop_id=workshop_id, kind=kind, fragments=fragments))


def publish(*, workshop_id: int, kind: str, fragments: Fragments | None = None) -> Event:
    """Render, store and announce one event. Call it after the change has committed."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Released at commit: events of one workshop commit in id order.
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, %s)",
                    [_LOCK_NAMESPACE, workshop_id % 2**31],
                )
        event = Event.objects.create(
            workshop_id=workshop_id, kind=kind, fragments=fragments() if fragments else {}
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # NOTIFY is delivered at commit, in commit order.
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{workshop_id}:{event.pk}"])
    if event.pk % PRUNE_EVERY == 0:
        events_prune()
    return event


def events_prune(*, older_than: timedelta = KEEP_EVENTS_FOR) -> int:
    """Delete old events; a client asking for events before them is told to re-fetch."""
    deleted, _ = Event.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
