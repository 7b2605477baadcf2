"""Rate limit for join-code guessing: a handful of wrong codes per browser, then a pause.

A class behind one school connection shares one address, so the address gets a much larger
allowance than a browser: a student's typos never lock out the room, while a script that drops
its cookies still meets the address limit. Codes have about 10⁹ possible values, so even the
address allowance leaves guessing hopeless. Counts live in the shared cache (Redis or the
database cache), never in one process's memory.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _keys(request: HttpRequest) -> dict[str, str]:
    keys = {"address": f"join-failures:address:{request.META.get('REMOTE_ADDR', 'unknown')}"}
    if request.session.session_key:
        keys["browser"] = f"join-failures:browser:{request.session.session_key}"
    return keys


def _limits() -> dict[str, int]:
    return {
        "browser": settings.JOIN_ATTEMPTS_LIMIT,
        "address": settings.JOIN_ATTEMPTS_PER_ADDRESS,
    }


def join_throttled_by(request: HttpRequest) -> str | None:
    """ "browser" or "address" when that one has used up its wrong codes, else None."""
    limits = _limits()
    for scope, key in _keys(request).items():
        if cache.get(key, 0) >= limits[scope]:
            return scope
    return None


def join_failed(request: HttpRequest) -> None:
    if not request.session.session_key:
        request.session.save()  # a browser of its own to count against
    for key in _keys(request).values():
        if not cache.add(key, 1, timeout=settings.JOIN_ATTEMPTS_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=settings.JOIN_ATTEMPTS_WINDOW)
