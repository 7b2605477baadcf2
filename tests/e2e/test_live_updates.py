"""Live updates in a real browser over a real ASGI server (pytest-django's live_server is WSGI
and buffers streams): a vote appears on the facilitator's console with no reload, and a page
whose connection drops says so, reconnects and catches up."""

import threading
import time

import pytest
import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.asgi import get_asgi_application
from playwright.sync_api import expect

from deliberation.charters.services import proposal_create, vote_cast
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase
from tests.core.servers import free_port, participant_cookies, wait_for_port
from tests.e2e.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class AsgiServer:
    """uvicorn in a thread, restartable on the same port to drop every open stream."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = ASGIStaticFilesHandler(get_asgi_application())
        self.server = self.thread = None

    def start(self) -> None:
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_for_port(self.port)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def asgi_server():
    server = AsgiServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def open_page(browser, asgi_server):
    contexts = []

    def open_page(path: str, *, cookies=None, width=1280, height=900):
        context = browser.new_context(
            base_url=asgi_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if cookies:
            context.add_cookies(
                [{"name": k, "value": v, "url": asgi_server.url} for k, v in cookies.items()]
            )
        page = context.new_page()
        # Every live message the page receives, to tell a live update from a poll or a reload.
        page.add_init_script(
            "window.liveMessages = [];"
            "document.addEventListener('live:message', e => window.liveMessages.push(e.detail));"
        )
        page.goto(path)
        page.evaluate("window.notReloaded = true")
        if page.locator("body[data-live-url]").count():
            expect(page.locator("body")).to_have_attribute("data-live-state", "open")
        return page

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill("charter-room-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workshops")).to_be_visible()


def live_kinds(page) -> list[str]:
    return page.evaluate("window.liveMessages.flatMap(m => m.kinds)")


@pytest.fixture
def voting(workshop, seat):
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    proposal = proposal_create(
        participant=ana, title="Neighbours' security", text="No advantage at a neighbour's cost."
    )
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    return workshop, proposal, ana, boris


def test_a_delegates_vote_shows_on_the_console_without_a_reload(voting, open_page, axe):
    workshop, proposal, ana, _boris = voting
    console = open_page("/accounts/login/")
    sign_in(console)
    console.goto(f"/console/{workshop.code}/")
    console.evaluate("window.notReloaded = true")
    expect(console.locator("body")).to_have_attribute("data-live-state", "open")
    tally = console.get_by_test_id(f"tally-{proposal.pk}")
    expect(tally).to_contain_text("For 0")

    phone = open_page(f"/w/{workshop.code}/", cookies=participant_cookies(ana), width=375)
    clicked = time.monotonic()
    phone.get_by_role("button", name="Vote for").click()
    expect(phone.locator(".my-vote")).to_be_visible()

    expect(tally).to_contain_text("For 1", timeout=3_000)
    assert time.monotonic() - clicked < 3
    assert "tally-changed" in live_kinds(console)  # it came over the live stream
    assert console.evaluate("window.notReloaded") is True
    assert serious_violations(axe, console) == []


def test_a_dropped_stream_reconnects_and_catches_up(voting, open_page, asgi_server, tmp_path, axe):
    workshop, proposal, ana, boris = voting
    console = open_page("/accounts/login/")
    sign_in(console)
    console.goto(f"/console/{workshop.code}/")
    console.evaluate("window.notReloaded = true")
    expect(console.locator("body")).to_have_attribute("data-live-state", "open")
    tally = console.get_by_test_id(f"tally-{proposal.pk}")
    expect(tally).to_contain_text("For 0")

    asgi_server.stop()  # every stream drops
    status = console.get_by_role("status").filter(has_text="Reconnecting")
    expect(status).to_be_visible(timeout=5_000)
    expect(console.locator("body")).to_have_attribute("data-live-state", "reconnecting")
    console.screenshot(path=tmp_path / "reconnecting.png")
    assert serious_violations(axe, console) == []

    # While the page is away, two votes are cast.
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    vote_cast(proposal=proposal, participant=boris, choice="no")
    before = len(console.evaluate("window.liveMessages"))

    asgi_server.start()
    expect(console.locator("body")).to_have_attribute("data-live-state", "open", timeout=15_000)
    expect(status).to_be_hidden()
    expect(tally).to_contain_text("For 1")
    expect(tally).to_contain_text("Against 1")
    replayed = console.evaluate("window.liveMessages")[before:]
    assert any("tally-changed" in m["kinds"] for m in replayed)  # replayed from Last-Event-ID
    assert console.evaluate("window.notReloaded") is True


def test_the_propose_form_follows_the_phase_and_keeps_the_draft(workshop, seat, open_page):
    ana = seat("Ana", "NATO")
    workshop_set_phase(workshop=workshop, phase=Phase.AMENDING)
    phone = open_page(f"/w/{workshop.code}/", cookies=participant_cookies(ana), width=375)
    propose = phone.get_by_role("button", name="Propose", exact=True)
    expect(propose).to_be_disabled()
    expect(phone.get_by_test_id("propose-closed")).to_contain_text("the room is amending")

    # A student drafts ahead; the facilitator opens drafting; the button wakes up, the draft stays.
    phone.get_by_label("Article title").fill("Open seats")
    phone.get_by_label("Clause text").fill("Any state of the region may take its seat.")
    workshop_set_phase(workshop=workshop, phase=Phase.DRAFTING)
    expect(propose).to_be_enabled(timeout=3_000)
    expect(phone.get_by_label("Clause text")).to_have_value(
        "Any state of the region may take its seat."
    )
    propose.click()
    expect(phone.locator("#proposal-list")).to_contain_text("Open seats")

    # Drafting closes: the button goes quiet again, nothing reloads.
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    expect(propose).to_be_disabled(timeout=3_000)
    assert "phase-changed" in live_kinds(phone)
    assert phone.evaluate("window.notReloaded") is True
