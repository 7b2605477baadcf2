"""The whole slice in a real browser: a facilitator and three participants on their own devices."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import serious_violations
from tests.e2e.people import join, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAUSE = "No member may seek an advantage that leaves its neighbours less safe."


def test_facilitator_and_three_delegates_adopt_a_clause(demo, new_page, axe, tmp_path):
    console = new_page()
    sign_in(console)
    console.get_by_label("Workshop title").fill("Model security council")
    console.get_by_role("button", name="Create workshop").click()
    code = console.get_by_test_id("join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{3}-[A-Z2-9]{3}", code)

    phones = {}
    for name, delegation in (("Ana", "NATO"), ("Boris", "Russia"), ("Chen", "China")):
        phones[name] = new_page(width=375, height=800)
        join(phones[name], code.lower(), name, delegation)

    ana = phones["Ana"]
    ana.get_by_label("Article title").fill("Neighbours' security")
    ana.get_by_label("Clause text").fill(CLAUSE)
    ana.get_by_role("button", name="Propose").click()
    expect(ana.locator(".proposal-card")).to_contain_text(CLAUSE)
    expect(phones["Boris"].locator(".proposal-card")).to_contain_text(CLAUSE)  # no reload
    assert serious_violations(axe, ana) == []

    console.get_by_role("button", name="Voting").click()
    expect(console.locator(".phase-badge")).to_contain_text("Voting")

    for name, choice in (("Ana", "Vote for"), ("Chen", "Vote for"), ("Boris", "Vote against")):
        phone = phones[name]
        phone.get_by_role("button", name=choice).click()
        expect(phone.locator(".my-vote")).to_be_visible()

    card = console.locator(".proposal-card").first
    expect(card).to_contain_text("For 2")  # the console's tally updated without a reload
    expect(card).to_contain_text("Against 1")
    console.get_by_role("button", name=re.compile("Close the vote")).click()
    expect(console.locator(".proposal-card").first).to_contain_text("Adopted")

    chen = phones["Chen"]
    chen.goto(f"/w/{code.replace('-', '')}/charter/")
    expect(chen.get_by_role("heading", name="Article 1. Neighbours' security")).to_be_visible()
    chen.get_by_role("link", name="Article 1. Neighbours' security").click()
    expect(chen.locator(".alignment-list")).to_contain_text("Indivisible security")
    assert serious_violations(axe, chen) == []
    chen.screenshot(path=tmp_path / "clause.png", full_page=True)


def test_wrong_code_gets_a_clear_message(demo, new_page):
    page = new_page(width=375, height=800)
    page.goto("/join")
    page.get_by_label("Join code").fill("ZZZ-999")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("No open workshop has this code")).to_be_visible()
    expect(page.get_by_label("Join code")).to_have_value("ZZZ-999")
