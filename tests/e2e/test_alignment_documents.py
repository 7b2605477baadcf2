"""The facilitator adds a document and reviews its candidate principles in a real browser."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import serious_violations
from tests.e2e.people import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NATO = (
    Path(__file__).resolve().parents[2]
    / "deliberation"
    / "sources"
    / "seeds"
    / "inclusive-nato.txt"
).read_text(encoding="utf-8")


def test_paste_an_essay_then_accept_drop_and_merge_candidates(workshop, new_page, axe, tmp_path):
    page = new_page(width=375, height=800)
    sign_in(page)
    page.goto(f"/console/{workshop.code}/documents/")
    assert serious_violations(axe, page) == []
    page.screenshot(path=tmp_path / "documents-phone.png", full_page=True)

    page.get_by_label("Title").fill("A regional collective, pasted")
    page.get_by_label("Paste the text").fill(NATO)
    page.get_by_role("button", name="Add and suggest principles").click()
    expect(page.get_by_role("heading", name="A regional collective, pasted")).to_be_visible()
    cards = page.locator("article.candidate")
    expect(cards.first).to_be_visible()
    # Nothing from the teasers after the photo credit becomes a candidate.
    expect(page.locator("article.candidate", has_text="Netanyahu")).to_have_count(0)
    expect(page.locator("article.candidate", has_text="newsletter")).to_have_count(0)
    assert serious_violations(axe, page) == []
    page.screenshot(path=tmp_path / "review-phone.png", full_page=True)
    cards.first.screenshot(path=tmp_path / "candidate.png")

    page.evaluate("window.__kept = 1")  # lost on a reload
    count = cards.count()
    first = cards.first
    first.get_by_label("Title").fill("Laws keep pace with the mind")
    first.get_by_label("NATO").check()
    first.get_by_role("button", name="Accept").click()
    expect(first.locator(".badge", has_text="Accepted")).to_be_visible()
    expect(first.get_by_role("status")).to_have_text("Saved.")
    cards.nth(1).get_by_role("button", name="Drop").click()
    expect(cards).to_have_count(count - 1)
    assert page.evaluate("window.__kept") == 1

    cards.nth(1).get_by_label("Merge").check()
    cards.nth(2).get_by_label("Merge").check()
    page.get_by_role("button", name="Merge the ticked principles").click()
    expect(page.get_by_role("alert")).to_contain_text("Merged into")
    expect(cards).to_have_count(count - 2)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=tmp_path / "review-desktop.png")
