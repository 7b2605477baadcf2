from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from deliberation.core.errors import NotPermitted
from deliberation.workshops import access

from . import live


@require_GET
def events(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """The workshop's live events, as server-sent events, for its participants and facilitator.

    A reconnecting browser sends `Last-Event-ID`; a page opening its first stream passes the
    id it was rendered at as `?last_event_id=`. Either way, what was missed is replayed.
    """
    workshop = access.get_open_workshop(code)
    if not (
        workshop.is_facilitated_by(request.user)
        or access.current_participant(request, workshop) is not None
    ):
        raise NotPermitted("Join this workshop with its code first.")
    last_id = live.parse_last_event_id(
        request.headers.get("Last-Event-ID") or request.GET.get("last_event_id")
    )
    # A stream lasts for hours and Django would keep this request's database connection until
    # it ends: give it back now (the stream reads through the process's shared connections).
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
    if isinstance(request, ASGIRequest):
        content = live.stream_async(workshop.pk, last_id)
    else:
        content = live.stream_sync(workshop.pk, last_id)
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each message on at once
    return response
