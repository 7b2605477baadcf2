"""Load bench: 300 participants with live pages, against gunicorn + uvicorn workers on PostgreSQL.

Run with `make bench` (or `.venv/bin/python bench/load_bench.py`). It needs PostgreSQL on
127.0.0.1:5432 with a role allowed to create databases (`-U postgres`, trust auth) and sends
traffic only to 127.0.0.1. It takes about two to three minutes on 2 cores.

What it does:
1. (Re)creates the database `charter_bench`, migrates it, loads the demo and seats 300
   participants in one workshop (through the services), with one open proposal for the burst
   and CAPACITY_PROPOSALS more for the capacity phase, then opens the voting phase.
2. Starts the production server: gunicorn with WORKERS uvicorn workers serving
   deliberation.asgi, DEBUG=false, static files from whitenoise (after collectstatic).
3. Opens one live stream per participant (300 server-sent-event connections) and behaves like
   each participant's page: it applies the shared fragments of each message, and it re-fetches
   what the page's htmx widgets would re-fetch (`hx-trigger="<kind> from:body"` and
   `every Ns`, read from the participant page itself), so a page that re-fetches on every
   event pays for it here as it would in the room.
4. Vote burst (open loop): every participant votes once, arrivals spread evenly over 10 s.
   Reports p50/p95 vote latency and the p95 delay from a vote being sent to the moment each
   other page shows a tally that includes it. Votes on one proposal commit in order (row
   lock) and events of a workshop are stored in order, so vote number r is shown by any tally
   rendered for the r-th tally event or later.
5. Capacity (closed loop): the same participants vote back to back, no pause, on the other
   proposals; reports votes per second.
6. Checks every acknowledged vote is in the database once (lost / double).
7. Counts SQL queries of the participant page with 5 and with 40 clauses and proposals, and
   the page's weight (HTML + CSS + JS as transferred, compressed where the server compresses).

Ends with one line:
`load: participants=300 burst_vote_p50_ms=… burst_vote_p95_ms=… live_p95_ms=… lost_votes=…
double_votes=… capacity_votes_per_s=… queries_per_page=… page_kb=…`
The details go to bench/out/load.json.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "charter_bench"
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qtA", "-c"]
CAPACITY_PROPOSALS = 3
BURST_SECONDS = 10.0
HARD_LIMIT_SECONDS = 60.0  # no phase runs longer than this, whatever happens


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# 1. Database and data, in this process through Django.


def prepare_database(database_url: str) -> None:
    subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], check=True)
    subprocess.run([*PSQL, f"CREATE DATABASE {DB_NAME}"], check=True)
    os.environ["DATABASE_URL"] = database_url
    # Sessions made here are signed with the key the server will check them with.
    os.environ["SECRET_KEY"] = PRODUCTION_ENV["SECRET_KEY"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deliberation.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("loaddemo", verbosity=0)


@dataclass
class Seat:
    participant_id: int
    cookies: dict[str, str]


@dataclass
class Setup:
    code: str
    workshop_id: int
    burst_proposal: int
    capacity_proposals: list[int]
    seats: list[Seat]


def seat_cookies(participant) -> dict[str, str]:
    from django.contrib.sessions.backends.db import SessionStore

    from deliberation.workshops.access import SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = {participant.workshop.code: participant.pk}
    session.create()
    return {"sessionid": session.session_key, "csrftoken": secrets.token_hex(16)}


def create_workshop(participants: int) -> Setup:
    from django.contrib.auth import get_user_model

    from deliberation.charters.services import proposal_create
    from deliberation.workshops.management.commands.loaddemo import TEMPLATE_TITLE
    from deliberation.workshops.models import Phase, Workshop
    from deliberation.workshops.services import (
        participant_join,
        workshop_create_from_template,
        workshop_set_phase,
    )

    template = Workshop.objects.get(title=TEMPLATE_TITLE, is_template=True)
    facilitator = get_user_model().objects.get(username="facilitator")
    workshop = workshop_create_from_template(
        template=template, title="Load bench", user=facilitator
    )
    Workshop.objects.filter(pk=workshop.pk).update(hide_tally=False)
    delegations = list(workshop.delegations.all())
    people = [
        participant_join(
            workshop=workshop,
            display_name=f"Delegate {i:03d}",
            delegation=delegations[i % len(delegations)],
        )
        for i in range(participants)
    ]
    proposals = [
        proposal_create(
            participant=people[i],
            title=f"Article draft {i + 1}",
            text=f"Members consult one another before any deployment near a border ({i + 1}).",
        ).pk
        for i in range(1 + CAPACITY_PROPOSALS)
    ]
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    seats = [Seat(participant_id=p.pk, cookies=seat_cookies(p)) for p in people]
    return Setup(
        code=workshop.code,
        workshop_id=workshop.pk,
        burst_proposal=proposals[0],
        capacity_proposals=proposals[1:],
        seats=seats,
    )


def tally_event_ids(workshop_id: int, after: int) -> list[int]:
    from deliberation.core.models import Event

    return list(
        Event.objects.filter(workshop_id=workshop_id, kind="tally-changed", id__gt=after)
        .order_by("id")
        .values_list("id", flat=True)
    )


def latest_event_id(workshop_id: int) -> int:
    from django.db.models import Max

    from deliberation.core.models import Event

    return Event.objects.filter(workshop_id=workshop_id).aggregate(m=Max("id"))["m"] or 0


def vote_order(proposal_id: int) -> list[int]:
    """Participants in the order their votes committed (ids are given under the row lock)."""
    from deliberation.charters.models import Vote

    return list(
        Vote.objects.filter(proposal_id=proposal_id)
        .order_by("id")
        .values_list("participant_id", flat=True)
    )


def count_votes(proposal_ids: list[int]) -> tuple[int, int]:
    """(votes stored, distinct (proposal, participant) pairs among them)."""
    from django.db.models import Count

    from deliberation.charters.models import Vote

    votes = Vote.objects.filter(proposal_id__in=proposal_ids)
    total = votes.count()
    distinct = votes.values("proposal_id", "participant_id").annotate(n=Count("id")).count()
    return total, distinct


# 2. The production server.

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",  # the bench speaks plain HTTP to 127.0.0.1
    "LOG_LEVEL": "WARNING",
}


def server_env(database_url: str) -> dict[str, str]:
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": database_url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def start_gunicorn(database_url: str, port: int, workers: int) -> subprocess.Popen:
    env = server_env(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "deliberation.asgi:application",
            "--worker-class",
            "uvicorn_worker.UvicornWorker",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            "--graceful-timeout",
            "3",
            "--keep-alive",
            "20",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    time.sleep(1.0 + 0.3 * workers)  # let every worker boot
    return process


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# 3. The pages: live streams that behave like the participant page.


@dataclass
class PageWidgets:
    """What the participant page re-fetches: {kind: [urls]} and [(seconds, url)] polls."""

    on_kind: dict[str, list[str]] = field(default_factory=dict)
    polls: list[tuple[float, str]] = field(default_factory=list)
    tally_ids: set[str] = field(default_factory=set)


TAG = re.compile(r"<[a-zA-Z][^>]*\bhx-get=\"([^\"]+)\"[^>]*>", re.S)


def read_widgets(html: str) -> PageWidgets:
    widgets = PageWidgets()
    for match in TAG.finditer(html):
        tag, url = match.group(0), match.group(1).replace("&amp;", "&")
        trigger = re.search(r'hx-trigger="([^"]*)"', tag)
        if not trigger:
            continue
        for part in trigger.group(1).split(","):
            part = part.strip()
            every = re.fullmatch(r"every (\d+(?:\.\d+)?)(ms|s)", part)
            if every:
                seconds = float(every.group(1)) / (1000 if every.group(2) == "ms" else 1)
                widgets.polls.append((seconds, url))
            elif part.endswith(" from:body"):
                widgets.on_kind.setdefault(part.split()[0], []).append(url)
    widgets.tally_ids = set(re.findall(r'id="(tally-\d+)"', html))
    return widgets


@dataclass
class Page:
    seat: Seat
    messages: list[tuple[float, int, list[str], bool]] = field(default_factory=list)
    applied: list[tuple[int, float]] = field(default_factory=list)  # (last id, shown at)
    refetches: int = 0
    refetch_errors: int = 0
    reconnects: int = 0
    last_id: int | None = None
    opened: asyncio.Event = field(default_factory=asyncio.Event)


class Pages:
    def __init__(self, base: str, code: str, seats: list[Seat], widgets: PageWidgets, session):
        self.base, self.code, self.widgets, self.session = base, code, widgets, session
        self.pages = [Page(seat) for seat in seats]
        self.tasks: list[asyncio.Task] = []
        self.refetch_limit = asyncio.Semaphore(200)

    def headers(self, seat: Seat, **extra) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in seat.cookies.items())
        return {"Cookie": cookie, **extra}

    async def refetch(self, page: Page, url: str) -> None:
        async with self.refetch_limit:
            try:
                async with self.session.get(
                    self.base + url, headers=self.headers(page.seat, **{"HX-Request": "true"})
                ) as response:
                    await response.read()
                    page.refetches += 1
                    if response.status != 200:
                        page.refetch_errors += 1
            except Exception:
                page.refetch_errors += 1

    async def follow(self, page: Page) -> None:
        """Like EventSource: reconnect after RETRY with Last-Event-ID when the stream ends."""
        while True:
            with contextlib.suppress(TimeoutError, aiohttp.ClientError, RuntimeError):
                await self.follow_once(page)
            page.reconnects += 1
            await asyncio.sleep(2.0)

    async def follow_once(self, page: Page) -> None:
        url = f"{self.base}/live/{self.code}/events"
        headers = self.headers(page.seat, Accept="text/event-stream")
        if page.last_id is not None:
            headers["Last-Event-ID"] = str(page.last_id)
        async with self.session.get(url, headers=headers, timeout=None) as response:
            if response.status != 200:
                raise RuntimeError(f"stream refused: {response.status}")
            fields: dict[str, str] = {}
            async for raw in response.content:
                line = raw.decode().rstrip("\r\n")
                if line:
                    if not line.startswith(":") and ": " in line:
                        name, value = line.split(": ", 1)
                        fields[name] = value
                    continue
                if "data" not in fields:
                    fields = {}
                    continue
                now = time.monotonic()
                data = json.loads(fields["data"])
                last_id = page.last_id = int(fields["id"])
                fields = {}
                if not page.opened.is_set():
                    page.opened.set()
                    continue
                kinds = data["kinds"]
                if self.widgets.tally_ids:
                    has_tally = any(key in self.widgets.tally_ids for key in data["fragments"])
                else:
                    # The page has no tally element to swap (its tally is re-fetched, if at
                    # all): count the moment the page hears of the vote.
                    has_tally = "tally-changed" in kinds
                page.messages.append((now, last_id, kinds, has_tally))
                urls = [u for kind in kinds for u in self.widgets.on_kind.get(kind, [])]
                if has_tally:
                    page.applied.append((last_id, now))
                if urls:
                    asyncio.create_task(self.refetch_then_mark(page, urls, last_id, has_tally))

    async def refetch_then_mark(self, page, urls, last_id, already_shown) -> None:
        await asyncio.gather(*(self.refetch(page, url) for url in dict.fromkeys(urls)))
        if not already_shown:
            page.applied.append((last_id, time.monotonic()))

    async def poll(self, page: Page, seconds: float, url: str) -> None:
        await asyncio.sleep(random.uniform(0, seconds))
        while True:
            await self.refetch(page, url)
            await asyncio.sleep(seconds)

    async def open(self) -> None:
        for page in self.pages:
            self.tasks.append(asyncio.create_task(self.follow(page)))
            for seconds, url in self.widgets.polls:
                self.tasks.append(asyncio.create_task(self.poll(page, seconds, url)))
        await asyncio.wait_for(
            asyncio.gather(*(page.opened.wait() for page in self.pages)), timeout=60
        )

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


# 4-5. Votes.


@dataclass
class VoteResult:
    participant_id: int
    proposal_id: int
    sent: float
    done: float
    status: int


# Votes whose connection failed (status -1), by the client's exception, for the record.
CONNECTION_ERRORS: dict[str, int] = {}


def _statuses(results: list[VoteResult]) -> dict[str, int]:
    """How many answers of each HTTP status (-1: the connection failed), for the record."""
    counts: dict[str, int] = {}
    for r in results:
        counts[str(r.status)] = counts.get(str(r.status), 0) + 1
    return counts


async def cast(session, base: str, code: str, seat: Seat, proposal_id: int) -> VoteResult:
    choice = random.choice(["yes", "yes", "no", "abstain"])
    sent = time.monotonic()
    status = 0
    try:
        async with session.post(
            f"{base}/w/{code}/proposals/{proposal_id}/vote/",
            data=urlencode({"choice": choice}),
            headers={
                "Cookie": "; ".join(f"{k}={v}" for k, v in seat.cookies.items()),
                "X-CSRFToken": seat.cookies["csrftoken"],
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        ) as response:
            await response.read()
            status = response.status
    except Exception as error:  # noqa: BLE001 - counted and reported, never hidden
        status = -1
        CONNECTION_ERRORS[type(error).__name__] = CONNECTION_ERRORS.get(type(error).__name__, 0) + 1
    return VoteResult(seat.participant_id, proposal_id, sent, time.monotonic(), status)


async def bounded(coroutines, results: list) -> int:
    """Run them all for at most HARD_LIMIT_SECONDS; returns how many were cut off."""
    tasks = [asyncio.create_task(c) for c in coroutines]
    _, pending = await asyncio.wait(tasks, timeout=HARD_LIMIT_SECONDS)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return len(pending)


async def burst(session, base, setup: Setup) -> tuple[list[VoteResult], int]:
    seats = list(setup.seats)
    random.shuffle(seats)
    start = time.monotonic() + 0.2
    gap = BURST_SECONDS / len(seats)
    results: list[VoteResult] = []

    async def one(i, seat):
        await asyncio.sleep(max(0.0, start + i * gap - time.monotonic()))
        results.append(await cast(session, base, setup.code, seat, setup.burst_proposal))

    cut = await bounded([one(i, s) for i, s in enumerate(seats)], results)
    return results, cut


async def capacity(session, base, setup: Setup) -> tuple[list[VoteResult], float, int]:
    results: list[VoteResult] = []

    async def voter(seat):
        for proposal in setup.capacity_proposals:
            results.append(await cast(session, base, setup.code, seat, proposal))

    start = time.monotonic()
    cut = await bounded([voter(s) for s in setup.seats], results)
    return results, time.monotonic() - start, cut


def live_delays(
    pages: list[Page], results: list[VoteResult], order: list[int], events: list[int]
) -> tuple[list[float], int]:
    """Delay from each vote being sent to each other page showing a tally that includes it."""
    sent = {r.participant_id: r.sent for r in results if r.status == 200}
    delays, missing = [], 0
    for rank, participant_id in enumerate(order):
        if participant_id not in sent or rank >= len(events):
            continue
        needed = events[rank]
        for page in pages:
            if page.seat.participant_id == participant_id:
                continue
            shown = next((t for last_id, t in page.applied if last_id >= needed), None)
            if shown is None:
                missing += 1
            else:
                delays.append(shown - sent[participant_id])
    return delays, missing


# 7. Queries per page and page weight.


def queries_per_page() -> dict[int, int]:
    """Queries of the participant page with 5 and with 40 articles and proposals."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from deliberation.charters.models import Proposal
    from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
    from deliberation.workshops.management.commands.loaddemo import TEMPLATE_TITLE
    from deliberation.workshops.models import Phase, Workshop
    from deliberation.workshops.services import (
        participant_join,
        workshop_create_from_template,
        workshop_set_phase,
    )

    template = Workshop.objects.get(title=TEMPLATE_TITLE, is_template=True)
    facilitator = get_user_model().objects.get(username="facilitator")
    counts = {}
    for size in (5, 40):
        workshop = workshop_create_from_template(
            template=template, title=f"Pages {size}", user=facilitator
        )
        people = [
            participant_join(workshop=workshop, display_name=d.name + " delegate", delegation=d)
            for d in workshop.delegations.all()
        ]
        drafts = [
            proposal_create(participant=people[i % 3], title=f"Article {i}", text=f"Text {i}.")
            for i in range(2 * size)
        ]
        workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
        for proposal in drafts[:size]:  # these become articles, the rest stay open
            for person in people:
                vote_cast(proposal=proposal, participant=person, choice="yes")
            proposal_close_vote(proposal=Proposal.objects.get(pk=proposal.pk))
        client = Client()
        cookies = seat_cookies(people[0])
        client.cookies["sessionid"] = cookies["sessionid"]
        url = f"/w/{workshop.code}/"
        client.get(url)  # warm caches (content types, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        counts[size] = len(queries)
    return counts


async def page_weight(session, base: str, setup: Setup) -> dict:
    from aiohttp import ClientSession

    seat = setup.seats[0]
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in seat.cookies.items()),
        "Accept-Encoding": "gzip, br",
    }
    async with ClientSession(auto_decompress=False) as raw:
        async with raw.get(f"{base}/w/{setup.code}/", headers=headers) as response:
            html_bytes = await response.read()
        async with session.get(f"{base}/w/{setup.code}/", headers=headers) as response:
            html = await response.text()
        assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(
            r'<script src="([^"]+)"', html
        )
        sizes = {"html": len(html_bytes)}
        for asset in assets:
            async with raw.get(base + asset, headers=headers) as response:
                sizes[asset] = len(await response.read())
    return {"html": html, "bytes": sizes, "kb": sum(sizes.values()) / 1024}


# The run.


async def run_load(base: str, setup: Setup, args) -> dict:
    from asgiref.sync import sync_to_async

    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        weight = await page_weight(session, base, setup)
        widgets = read_widgets(weight["html"])
        if args.static_pages:
            widgets = PageWidgets(tally_ids=widgets.tally_ids)
        log(
            f"participant page: {weight['kb']:.0f} KB; re-fetches on "
            f"{ {k: len(v) for k, v in widgets.on_kind.items()} }, polls "
            f"{[s for s, _ in widgets.polls]}, tally elements {len(widgets.tally_ids)}"
        )
        pages = Pages(base, setup.code, setup.seats, widgets, session)
        log(f"opening {len(setup.seats)} live streams")
        await pages.open()
        await asyncio.sleep(1.0)

        before = await sync_to_async(latest_event_id)(setup.workshop_id)
        refetches_before = sum(p.refetches for p in pages.pages)
        log("vote burst: one vote each, spread over 10 s")
        t0 = time.monotonic()
        burst_results, burst_cut = await burst(session, base, setup)
        await asyncio.sleep(2.0)  # let the last updates arrive
        burst_window = time.monotonic() - t0
        refetches = sum(p.refetches for p in pages.pages) - refetches_before
        events = await sync_to_async(tally_event_ids)(setup.workshop_id, before)
        order = await sync_to_async(vote_order)(setup.burst_proposal)
        delays, missing = live_delays(pages.pages, burst_results, order, events)
        messages = sum(1 for p in pages.pages for m in p.messages if m[1] > before and m[0] >= t0)

        log("capacity: the same participants vote back to back")
        capacity_results, capacity_seconds, capacity_cut = await capacity(session, base, setup)
        await pages.close()

    ok_burst = [r for r in burst_results if r.status == 200]
    ok_capacity = [r for r in capacity_results if r.status == 200]
    latencies = [1000 * (r.done - r.sent) for r in ok_burst]
    return {
        "burst": {
            "votes_ok": len(ok_burst),
            "votes_failed": len(burst_results) - len(ok_burst),
            "statuses": _statuses(burst_results),
            "votes_unfinished": burst_cut,
            "p50_ms": statistics.median(latencies) if latencies else float("nan"),
            "p95_ms": percentile(latencies, 95),
            "live_p50_ms": 1000 * statistics.median(delays) if delays else float("nan"),
            "live_p95_ms": 1000 * percentile(delays, 95),
            "live_samples": len(delays),
            "live_missing": missing,
            "messages_per_page": messages / len(pages.pages),
            "tally_events": len(events),
            "refetches_per_s": refetches / burst_window,
            "reconnects": sum(p.reconnects for p in pages.pages),
        },
        "capacity": {
            "votes_ok": len(ok_capacity),
            "votes_failed": len(capacity_results) - len(ok_capacity),
            "statuses": _statuses(capacity_results),
            "connection_errors": dict(CONNECTION_ERRORS),
            "voters_unfinished": capacity_cut,
            "seconds": capacity_seconds,
            "votes_per_s": len(ok_capacity) / capacity_seconds,
            "p50_ms": statistics.median([1000 * (r.done - r.sent) for r in ok_capacity] or [0]),
        },
        "acknowledged": {
            "burst": [(r.participant_id, r.proposal_id) for r in ok_burst],
            "capacity": [(r.participant_id, r.proposal_id) for r in ok_capacity],
        },
        "page": {"kb": weight["kb"], "bytes": weight["bytes"]},
        "widgets": {"on_kind": widgets.on_kind, "polls": widgets.polls},
    }


def default_database_url() -> str:
    """With psycopg's pool when installed: under ASGI each request runs in its own thread,
    and without a pool a burst opens one connection per request in flight."""
    url = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    try:
        import psycopg_pool  # noqa: F401
    except ImportError:
        return url
    return url + "?pool=true"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", default_database_url()),
        help="ends with /charter_bench; ?pool=true gives each worker a connection pool",
    )
    parser.add_argument(
        "--static-pages",
        action="store_true",
        help="pages apply fragments only and never re-fetch (the cost of the stream alone)",
    )
    args = parser.parse_args()
    if args.database_url.split("?")[0].rsplit("/", 1)[-1] != DB_NAME:
        parser.error(f"the bench recreates its own database: end the URL with /{DB_NAME}")
    random.seed(5)

    started = time.monotonic()
    log(f"preparing {args.database_url}")
    prepare_database(args.database_url)
    setup = create_workshop(args.participants)
    log(f"workshop {setup.code}: {len(setup.seats)} participants seated")
    counts = queries_per_page()
    log(f"queries per participant page: {counts}")

    port = free_port()
    log(f"starting gunicorn with {args.workers} uvicorn workers on 127.0.0.1:{port}")
    from django.db import connections

    connections.close_all()
    server = start_gunicorn(args.database_url, port, args.workers)
    try:
        result = asyncio.run(run_load(f"http://127.0.0.1:{port}", setup, args))
    finally:
        stop_server(server)

    stored, distinct = count_votes([setup.burst_proposal, *setup.capacity_proposals])
    acknowledged = set(map(tuple, result["acknowledged"]["burst"])) | set(
        map(tuple, result["acknowledged"]["capacity"])
    )
    from deliberation.charters.models import Vote

    in_db = set(
        Vote.objects.filter(
            proposal_id__in=[setup.burst_proposal, *setup.capacity_proposals]
        ).values_list("participant_id", "proposal_id")
    )
    lost = len(acknowledged - in_db)
    double = stored - distinct
    result["database"] = {"stored": stored, "acknowledged": len(acknowledged)}
    result["queries_per_page"] = counts
    del result["acknowledged"]

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2, default=str))
    b, c = result["burst"], result["capacity"]
    log(
        f"burst: {b['votes_ok']} ok, {b['votes_failed']} failed, "
        f"{b['votes_unfinished']} unfinished after {HARD_LIMIT_SECONDS:.0f} s; "
        f"{b['tally_events']} tally events; {b['messages_per_page']:.1f} messages per page; "
        f"live p50 "
        f"{b['live_p50_ms']:.0f} ms over {b['live_samples']} samples, {b['live_missing']} never "
        f"shown; page re-fetches {b['refetches_per_s']:.0f}/s; stream reconnects {b['reconnects']}"
    )
    log(
        f"capacity: {c['votes_ok']} ok, {c['votes_failed']} failed, "
        f"{c['voters_unfinished']} voters unfinished, in {c['seconds']:.1f} s "
        f"(p50 {c['p50_ms']:.0f} ms); database holds {stored} votes; "
        f"total {time.monotonic() - started:.0f} s; details in bench/out/load.json"
    )
    queries = counts[40] if counts[40] == counts[5] else f"{counts[5]}->{counts[40]}"
    print(
        f"load: participants={len(setup.seats)} "
        f"burst_vote_p50_ms={b['p50_ms']:.0f} burst_vote_p95_ms={b['p95_ms']:.0f} "
        f"live_p95_ms={b['live_p95_ms']:.0f} lost_votes={lost} double_votes={double} "
        f"capacity_votes_per_s={c['votes_per_s']:.0f} queries_per_page={queries} "
        f"page_kb={result['page']['kb']:.0f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
