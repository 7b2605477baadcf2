"""The facilitator runs a session from the console while a delegate follows on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import serious_violations
from tests.e2e.people import join, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def create_workshop(page, title: str = "Model security council") -> str:
    sign_in(page)
    page.get_by_label("Workshop title").fill(title)
    page.get_by_role("button", name="Create workshop").click()
    return page.get_by_test_id("join-code").inner_text()


def test_facilitator_sets_phase_timer_rule_and_manages_a_participant(demo, new_page, axe, tmp_path):
    console = new_page()
    code = create_workshop(console)
    phone = new_page(width=375, height=800)
    join(phone, code, "Ana", "NATO")

    # The participants list updates when someone joins (live event, or on the next action).
    console.reload()
    person = console.locator(".person", has_text="Ana")
    expect(person).to_contain_text("NATO")

    # Phase and timer: the phase bar shows the current step and a countdown.
    console.get_by_role("button", name="Amending").click()
    expect(console.locator(".phase-step.is-current")).to_have_text(re.compile("Amending"))
    console.get_by_label("Timer (minutes)").fill("5")
    console.get_by_role("button", name="Start timer").click()
    expect(console.locator("time[data-countdown]")).to_have_text(re.compile(r"^[45]:\d\d left$"))

    # A negative timer is refused with a clear message; what was typed stays.
    console.get_by_label("Timer (minutes)").fill("-3")
    console.get_by_role("button", name="Start timer").click()
    expect(console.get_by_text("The timer needs at least 1 minute.")).to_be_visible()
    expect(console.get_by_label("Timer (minutes)")).to_have_value("-3")

    # The decision rule, in words, before voting.
    console.get_by_text("Change the rule").click()
    expect(console.get_by_label("Threshold: at least")).to_be_hidden()  # simple majority
    console.get_by_label("Kind of majority").select_option("qualified")
    console.get_by_label("Threshold: at least").fill("3")
    console.get_by_label("out of").fill("4")
    console.get_by_role("button", name="Save the rule").click()
    expect(console.get_by_test_id("rule-text")).to_contain_text(
        "at least three quarters of votes cast in favour"
    )

    # Participants: rename, move, mark absent.
    console.locator(".person summary", has_text="Ana").click()
    console.locator(".person", has_text="Ana").get_by_label("Name").fill("Ana Lima")
    console.get_by_role("button", name="Rename Ana").click()
    person = console.locator(".person", has_text="Ana Lima")
    expect(person.locator("summary")).to_contain_text("Ana Lima")
    person.locator("summary").click()
    person.get_by_label("Delegation").select_option(label="China")
    person.get_by_role("button", name="Move Ana Lima", exact=True).click()
    expect(console.locator(".person", has_text="Ana Lima").locator("summary")).to_contain_text(
        "China"
    )
    console.locator(".person summary", has_text="Ana Lima").click()
    console.get_by_role("button", name="Mark Ana Lima absent").click()
    expect(console.locator(".person", has_text="Ana Lima")).to_contain_text("Absent")

    # The delegate's phone shows the phase bar with the same countdown.
    phone.goto(f"/w/{code.replace('-', '')}/phase-bar/")
    expect(phone.locator(".phase-step.is-current")).to_have_text(re.compile("Amending"))

    assert serious_violations(axe, console) == []
    console.screenshot(path=tmp_path / "console.png", full_page=True)
    narrow = new_page(width=375, height=800)
    sign_in(narrow)
    narrow.goto(f"/console/{code.replace('-', '')}/")
    assert serious_violations(axe, narrow) == []
    narrow.screenshot(path=tmp_path / "console-phone.png", full_page=True)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_live_refresh_does_not_close_the_participant_the_facilitator_opened(demo, new_page):
    console = new_page()
    code = create_workshop(console)
    join(new_page(), code, "Ana", "NATO")
    console.reload()
    expect(console.locator(".person", has_text="Ana")).to_be_visible()

    # Someone joins: the list asks for a refresh, and the answer is slow to come back...
    held = []
    console.route("**/*fragment=participants*", lambda route: held.append(route))
    console.evaluate("htmx.trigger(document.body, 'participants-changed')")
    while not held:
        console.wait_for_timeout(50)
    # ...meanwhile the facilitator opens Ana's row to rename her.
    console.locator(".person summary", has_text="Ana").click()
    console.evaluate(
        "window.refreshed = false; document.body.addEventListener('htmx:afterRequest', "
        "() => { window.refreshed = true; })"
    )
    held[0].continue_()
    console.wait_for_function("window.refreshed")
    expect(console.locator(".person details", has_text="Ana")).to_have_attribute("open", "")
    expect(console.locator(".person", has_text="Ana").get_by_label("Name")).to_be_visible()


def test_facilitator_duplicates_then_archives_a_workshop(demo, new_page):
    console = new_page()
    create_workshop(console, "Class 4B")
    console.get_by_role("button", name="Duplicate for another group").click()
    expect(console.get_by_role("heading", name="Class 4B (copy)")).to_be_visible()
    console.get_by_role("button", name="Archive").click()
    expect(console.get_by_role("heading", name="Your workshops")).to_be_visible()
    console.get_by_text("Archived (1)").click()
    console.get_by_role("button", name="Restore “Class 4B (copy)”").click()
    expect(console.get_by_role("heading", name="Class 4B (copy)")).to_be_visible()
