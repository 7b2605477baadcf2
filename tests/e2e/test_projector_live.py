"""The projector follows the room over the live stream: a delegate votes, the chart moves, with
no reload and no polling (a real ASGI server: pytest-django's live_server buffers streams)."""

import re
import time

import pytest
from playwright.sync_api import expect

from deliberation.charters.services import proposal_create
from tests.core.servers import participant_cookies
from tests.e2e.conftest import serious_violations
from tests.e2e.test_live_updates import asgi_server, live_kinds, open_page, sign_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_projector_shows_the_spotlight_and_updates_live_when_a_delegate_votes(
    workshop,
    seat,
    open_page,  # noqa: F811
    axe,
    tmp_path,
):
    ana = seat("Ana", "NATO")
    proposal_create(
        participant=ana,
        title="Neighbours' security",
        text="No member may seek security at its neighbours' cost.",
    )
    console = open_page("/accounts/login/")
    sign_in(console)
    console.goto(f"/console/{workshop.code}/")
    console.get_by_role("button", name="Voting").click()
    expect(console.locator(".phase-badge")).to_contain_text("Voting")
    console.get_by_label("Timer (minutes)").fill("3")
    console.get_by_role("button", name="Start timer").click()
    expect(console.get_by_role("button", name="Stop timer")).to_be_visible()
    console.get_by_role("button", name="Spotlight “Neighbours' security”").click()
    expect(console.locator(".spotlight-badge")).to_be_visible()

    # The projector is a second window of the facilitator's browser, on the room's screen.
    projector = console.context.new_page()
    projector.add_init_script(
        "window.liveMessages = [];"
        "document.addEventListener('live:message', e => window.liveMessages.push(e.detail));"
    )
    projector.set_viewport_size({"width": 1600, "height": 900})
    projector.goto(f"/console/{workshop.code}/projector/")
    expect(projector.locator("body")).to_have_attribute("data-live-state", "open")
    projector.evaluate("window.notReloaded = true")
    expect(projector.get_by_test_id("projector-code")).to_have_text(workshop.display_code)
    expect(projector.locator(".projector-qr svg")).to_be_visible()
    expect(projector.locator("#spotlight-title")).to_have_text("Neighbours' security")
    expect(projector.locator("time[data-countdown]")).to_have_text(re.compile(r"^[23]:\d\d left$"))
    nato = projector.get_by_test_id("tally-row").filter(has_text="NATO")
    expect(nato).to_contain_text("For 0")

    phone = open_page(f"/w/{workshop.code}/", cookies=participant_cookies(ana), width=375)
    expect(phone.locator(".spotlight-note")).to_contain_text("On the projector: Neighbours'")
    clicked = time.monotonic()
    phone.get_by_role("button", name="Vote for").click()
    expect(phone.locator(".my-vote")).to_be_visible()

    expect(nato).to_contain_text("For 1", timeout=4_000)
    assert time.monotonic() - clicked < 4
    expect(nato.locator(".tally-track")).to_have_attribute(
        "aria-label", "NATO: 1 for, 0 against, 0 abstaining; 1 of 1 voted"
    )
    assert "tally-changed" in live_kinds(projector)  # it came over the live stream

    # The facilitator moves the spotlight and stops the timer: the projector follows.
    console.get_by_role("button", name="Stop timer").click()
    expect(projector.locator("time[data-countdown]")).to_have_count(0, timeout=4_000)
    assert serious_violations(axe, projector) == []
    projector.screenshot(path=tmp_path / "projector.png", full_page=True)

    console.get_by_role("button", name=re.compile("Close the vote")).click()
    expect(projector.locator("#projector-charter")).to_contain_text(
        "Neighbours' security", timeout=4_000
    )
    console.get_by_role("button", name="Take off the projector: “Neighbours' security”").click()
    expect(projector.locator("#spotlight-title")).not_to_have_text(
        "Neighbours' security", timeout=4_000
    )
    expect(phone.locator(".spotlight-note")).to_have_count(0, timeout=4_000)  # live, no reload
    # A phase change reaches the projector's phase bar as a shared fragment.
    console.get_by_role("button", name="Closed").click()
    expect(projector.locator(".phase-step.is-current")).to_have_text(
        re.compile("Closed"), timeout=4_000
    )
    assert "phase-changed" in live_kinds(projector)
    assert projector.evaluate("window.notReloaded") is True
    narrow = console.context.new_page()
    narrow.set_viewport_size({"width": 375, "height": 800})
    narrow.goto(f"/console/{workshop.code}/projector/")
    assert serious_violations(axe, narrow) == []
    narrow.screenshot(path=tmp_path / "projector-phone.png", full_page=True)
