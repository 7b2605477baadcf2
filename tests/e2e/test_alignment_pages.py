"""Alignment in a real browser: the heatmap and coverage, a wording tried as it is typed,
confirming and pinning alignments without a reload."""

import pytest
from playwright.sync_api import expect

from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_set_phase
from tests.e2e.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAUSES = {
    "Neighbours' security": "No member may seek an advantage that leaves its neighbours less safe.",
    "Shared responsibility": (
        "Security in the region is the shared responsibility of all its states, and no single "
        "power may dominate it."
    ),
}


def _charter(workshop, seat):
    voters = [seat("Vera", "Russia"), seat("Noor", "NATO"), seat("Chen", "China")]
    for title, text in CLAUSES.items():
        workshop_set_phase(workshop=workshop, phase=Phase.DRAFTING)
        proposal = proposal_create(participant=voters[0], title=title, text=text)
        workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
        for voter in voters:
            vote_cast(proposal=proposal, participant=voter, choice="yes")
        proposal_close_vote(proposal=proposal)
    return voters


@pytest.fixture
def session_for(live_server, client, as_participant):
    """A browser cookie carrying the session of a participant who joined."""
    from django.conf import settings

    def cookie(participant):
        as_participant(participant)
        return {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }

    return cookie


def test_a_delegate_reads_the_heatmap_tries_a_wording_and_confirms(
    workshop, seat, new_page, session_for, axe, tmp_path
):
    voters = _charter(workshop, seat)
    page = new_page(width=375, height=800)
    page.context.add_cookies([session_for(voters[1])])
    page.goto(f"/w/{workshop.code}/charter/alignment/")
    expect(page.get_by_role("heading", name="The charter and the principles")).to_be_visible()
    table = page.locator("table.heatmap")
    expect(table.get_by_role("rowheader", name="Indivisible security")).to_be_visible()
    expect(page.locator(".coverage").filter(has_text="Russia")).to_contain_text("supported")
    assert serious_violations(axe, page) == []
    page.screenshot(path=tmp_path / "alignment-phone.png", full_page=True)
    page.locator("#coverage-title").locator("..").screenshot(path=tmp_path / "coverage.png")

    # A wording tried out: the principles appear as it is typed, with no reload.
    page.evaluate("window.__kept = 1")  # lost if the page reloads
    page.get_by_label("A clause or an amendment you are thinking of").press_sequentially(
        "Each state shares responsibility for security; no power may dominate.", delay=5
    )
    expect(page.locator("#draft-alignment .alignment-list")).to_contain_text(
        "Shared responsibility"
    )
    # Compared with article 1, the same wording is an amendment: what would it change?
    page.get_by_label("Compare with").select_option(label="Article 1. Neighbours' security")
    expect(page.locator("#draft-alignment")).to_contain_text(
        "No longer supports Indivisible security"
    )
    page.locator("#draft-alignment").screenshot(path=tmp_path / "delta.png")
    assert page.evaluate("window.__kept") == 1

    # Confirming an alignment updates the list in place.
    review = page.locator("#review-1")
    review.locator("summary").first.click()
    review.get_by_role("button", name="Confirm").first.click()
    expect(review).to_contain_text("People: 1 confirm")
    expect(review.get_by_role("button", name="Confirm").first).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("window.__kept") == 1
    review.screenshot(path=tmp_path / "review-judged.png")
    page.locator("#draft-alignment").screenshot(path=tmp_path / "draft.png")


def test_the_facilitator_rejects_and_pins(workshop, seat, new_page, axe, tmp_path):
    _charter(workshop, seat)
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill("charter-room-demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/w/{workshop.code}/charter/alignment/")
    page.evaluate("window.__kept = 1")
    review = page.locator("#review-2")
    first = review.locator("details.alignment").first
    title = first.locator(".alignment-badge").inner_text().split("·", 1)[1].strip()
    first.locator("summary").click()
    first.get_by_role("button", name="Reject").click()
    expect(review.locator(".alignment-hidden")).to_contain_text(title)
    review.locator("details.alignment").first.locator("summary").click()
    review.get_by_role("button", name="Pin").first.click()
    expect(review).to_contain_text("Pinned by the facilitator")
    # A link the engine missed: pinned by hand, with its stance.
    first_article = page.locator("#review-1")
    first_article.get_by_text("Pin a principle the engine missed").click()
    option = first_article.locator("option", has_text="Non-hegemony")
    first_article.get_by_label("Principle").select_option(option.get_attribute("value"))
    first_article.get_by_label("The text").select_option("opposes")
    first_article.locator(".pin-missing").get_by_role("button", name="Pin").click()
    expect(first_article.locator(".alignment-badge.opposes")).to_contain_text("Non-hegemony")
    assert page.evaluate("window.__kept") == 1
    assert serious_violations(axe, page) == []
    page.screenshot(path=tmp_path / "alignment-facilitator.png", full_page=True)


def test_the_debrief_reads_on_a_phone(workshop, seat, new_page, session_for, axe, tmp_path):
    voters = _charter(workshop, seat)
    page = new_page(width=375, height=800)
    page.context.add_cookies([session_for(voters[0])])
    page.goto(f"/w/{workshop.code}/debrief/")
    expect(page.get_by_role("heading", name="Russia")).to_be_visible()
    assert serious_violations(axe, page) == []
    page.screenshot(path=tmp_path / "debrief-phone.png", full_page=True)
