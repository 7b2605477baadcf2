"""A class of six plays NATO, Russia and China: an empty charter grows to five articles.

Clause one is adopted by consensus; clause two is blocked by an objection, amended, then
adopted; clause three is vetoed; a second round of drafting adds three more articles. Every
phone stays on its page: nothing is reloaded.
"""

import re
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from deliberation.charters.models import Proposal
from deliberation.workshops.models import Phase
from deliberation.workshops.services import workshop_create_from_template, workshop_set_phase
from tests.e2e.conftest import serious_violations
from tests.e2e.people import join, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Seven pages share one test server taking requests in turn: give updates time to arrive.
expect.set_options(timeout=10_000)

STUDENTS = [
    ("Ana", "NATO"),
    ("Alex", "NATO"),
    ("Boris", "Russia"),
    ("Bella", "Russia"),
    ("Chen", "China"),
    ("Cai", "China"),
]
COMMON = "Security in the region is indivisible: no state strengthens its own at others' expense."
OPEN_DOOR = "Any state of the region may join the arrangement."
AMENDED = "Any state of the region may join the arrangement with the consent of all members."
BLOCS = "Existing alliances may enlarge without consulting their neighbours."
HOTLINE = "The members keep a permanent crisis hotline between their defence ministries."
CONSULT = "Any member may call urgent consultations when it considers its security threatened."
EXERCISES = "Members announce large military exercises near their borders in advance."


# Seven pages poll the server here. Under in-memory SQLite the live server's threads and this
# test share one database connection, and concurrent queries on it return each other's rows
# ("bad parameter or other API misuse"). Requests (and this test's own queries) therefore take
# turns; the browsers still run at once.
ONE_AT_A_TIME = threading.RLock()


class _TakingTurns(ThreadedWSGIServer):
    def set_app(self, application):
        def in_turn(environ, start_response):
            with ONE_AT_A_TIME:
                return list(application(environ, start_response))

        super().set_app(in_turn)


class _TakingTurnsThread(LiveServerThread):
    server_class = _TakingTurns


@pytest.fixture(scope="module")
def live_server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        server.thread = _TakingTurnsThread(
            "localhost",
            static_handler=server.thread.static_handler,
            connections_override=server.thread.connections_override,
        )
        server.thread.daemon = True
        server.start()
        yield server
        server.stop()


@pytest.fixture
def phone(new_page):
    """A page that refreshes by polling only.

    The live stream (/live/) is a separate feature with its own browser tests; under this
    module's turn-taking server a request that streams for minutes would hold everyone's turn.
    """

    def open_page(**size):
        page = new_page(**size)
        page.context.route("**/live/**", lambda route: route.abort())
        return page

    return open_page


def propose(page, title: str, text: str):
    page.get_by_label("Article title").fill(title)
    page.get_by_label("Clause text").fill(text)
    page.get_by_role("button", name="Propose").click()
    expect(page.locator(".proposal-card", has_text=text)).to_be_visible()


def set_phase(workshop, phase):
    with ONE_AT_A_TIME:
        workshop_set_phase(workshop=workshop, phase=phase)


def card(page, proposal: Proposal):
    return page.locator(f"#proposal-{proposal.pk}")


def vote(page, proposal: Proposal, choice: str):
    card(page, proposal).get_by_role("button", name=choice).click()
    expect(card(page, proposal).locator(".my-vote")).to_be_visible()


def test_six_students_adopt_block_amend_and_veto(demo, facilitator, phone, axe, tmp_path):
    workshop = workshop_create_from_template(
        template=demo, title="Regional security council", user=facilitator
    )
    # The rule for this session: consensus of delegations, and Russia holds a veto.
    workshop.rule_kind = "consensus"
    workshop.save()
    workshop.delegations.filter(name="Russia").update(has_veto=True)

    chair = phone()
    sign_in(chair)
    chair.goto(f"/w/{workshop.code}/")
    phones = {}
    for i, (name, delegation) in enumerate(STUDENTS):
        phones[name] = phone(width=375 if i % 2 == 0 else 1024, height=800)
        join(phones[name], workshop.code, name, delegation)
    ana, alex, boris, bella, chen = (phones[n] for n in ("Ana", "Alex", "Boris", "Bella", "Chen"))
    expect(ana.locator(".rule-text")).to_contain_text("Consensus of delegations")
    expect(ana.locator(".rule-text")).to_contain_text("Veto: Russia")

    # Drafting: three clauses are tabled; everyone sees them arrive without reloading.
    propose(ana, "Common security", COMMON)
    propose(alex, "Open door", OPEN_DOOR)
    propose(chen, "Alliances", BLOCS)
    with ONE_AT_A_TIME:
        common, open_door, blocs = (
            Proposal.objects.get(title=t) for t in ("Common security", "Open door", "Alliances")
        )
    expect(card(boris, blocs)).to_be_visible()
    expect(boris.locator("#status-board")).to_contain_text("Draft: Open door")

    # Boris objects to the open door, invoking his side's principle.
    box = card(boris, open_door).locator("details.object-box")
    box.locator("summary").click()
    box.get_by_label("Reason for objecting").fill("Membership must not be imposed on neighbours.")
    box.get_by_role("button", name="Raise the objection").click()
    expect(card(alex, open_door).locator(".objections")).to_contain_text("Membership must not")
    expect(alex.locator("#status-board")).to_contain_text("Russia")

    # Voting: the common clause passes; the open door is blocked by the open objection.
    set_phase(workshop, Phase.VOTING)
    for name in phones:
        vote(phones[name], common, "Vote for")
        vote(phones[name], open_door, "Vote for")
    card(chair, common).get_by_role("button", name=re.compile("Close the vote")).click()
    expect(card(ana, common)).to_contain_text("Adopted: 3 of 3 delegations in favour")
    card(chair, open_door).get_by_role("button", name=re.compile("Close the vote")).click()
    expect(chair.locator("#alerts")).to_contain_text("Blocked: 1 objection still open")
    expect(card(ana, open_door)).to_contain_text("Voting open")  # still open: blocked, not decided

    # Amending: Bella words the consent in; NATO accepts it as friendly; Boris withdraws.
    set_phase(workshop, Phase.AMENDING)
    bella.goto(f"/w/{workshop.code}/clauses/{open_door.clause_id}/")
    bella.get_by_label("Amended text").fill(AMENDED)
    bella.get_by_role("button", name="Submit the amendment").click()
    expect(bella.locator("#clause-proposals .amendment-card")).to_contain_text("inserts words")
    bella.get_by_role("link", name="Room", exact=True).click()
    with ONE_AT_A_TIME:
        amendment = Proposal.objects.get(kind="amendment")
    diff = card(alex, amendment).locator(".diff")
    expect(diff.locator("ins")).to_contain_text("with the consent of all members")
    assert serious_violations(axe, alex) == []
    alex.screenshot(path=tmp_path / "amendment.png", full_page=True)
    card(alex, amendment).get_by_role("button", name="Accept as friendly").click()
    expect(card(ana, amendment)).to_contain_text("Accepted as friendly")
    expect(card(ana, open_door)).to_contain_text("with the consent of all members")
    card(boris, open_door).get_by_role("button", name="Withdraw my objection").click()
    expect(card(alex, open_door).locator(".objections")).to_contain_text("Withdrawn")

    # Voting again, on the amended words: the open door passes; the blocs clause is vetoed.
    set_phase(workshop, Phase.VOTING)
    for name in phones:
        vote(phones[name], open_door, "Vote for")
        vote(phones[name], blocs, "Vote against" if name in ("Boris", "Bella") else "Vote for")
    card(chair, open_door).get_by_role("button", name=re.compile("Close the vote")).click()
    expect(card(ana, open_door)).to_contain_text("Adopted: 3 of 3 delegations in favour")
    card(chair, blocs).get_by_role("button", name=re.compile("Close the vote")).click()
    expect(card(chen, blocs)).to_contain_text("Rejected: vetoed by Russia")
    expect(chen.locator("#status-board")).to_contain_text("Rejected")

    # A second round of drafting: the Propose buttons wake up on every phone without a reload,
    # and three more clauses are adopted by consensus: five articles in all.
    set_phase(workshop, Phase.DRAFTING)
    more = {
        "Boris": ("Hotline", HOTLINE),
        "Cai": ("Consultations", CONSULT),
        "Ana": ("Exercises", EXERCISES),
    }
    for name, (title, text) in more.items():
        propose(phones[name], title, text)
    with ONE_AT_A_TIME:
        round_two = [Proposal.objects.get(title=title) for title, _ in more.values()]
    set_phase(workshop, Phase.VOTING)
    for proposal in round_two:
        for name in phones:
            vote(phones[name], proposal, "Vote for")
        card(chair, proposal).get_by_role("button", name=re.compile("Close the vote")).click()
        expect(card(ana, proposal)).to_contain_text("Adopted: 3 of 3 delegations in favour")

    # The caucus: NATO's two members talk privately and pick a head.
    caucus = ana.locator(".caucus")
    caucus.get_by_label("Message to your delegation").fill("Let Alex lead on article 2.")
    caucus.get_by_role("button", name="Send").click()
    expect(caucus.locator(".caucus-log")).to_contain_text("Let Alex lead on article 2.")
    expect(caucus.get_by_label("Message to your delegation")).to_have_value("")
    expect(alex.locator(".caucus-log")).to_contain_text("Let Alex lead on article 2.")
    expect(boris.locator(".caucus")).not_to_contain_text("Let Alex lead")

    # The open door's history reads as a story, and the charter holds two articles.
    chen.goto(f"/w/{workshop.code}/articles/2/")
    history = chen.locator(".history")
    expect(history).to_contain_text("Tabled by Alex (NATO).")
    expect(history).to_contain_text(
        "Friendly amendment by Bella (Russia), accepted by Alex (NATO)."
    )
    expect(history).to_contain_text("Adopted as Article 2.")
    assert serious_violations(axe, chen) == []
    chen.screenshot(path=tmp_path / "history.png", full_page=True)
    ana.screenshot(path=tmp_path / "room-phone.png", full_page=True)
    chen.goto(f"/w/{workshop.code}/charter/")
    expect(chen.get_by_role("heading", name="Article 1. Common security")).to_be_visible()
    expect(chen.get_by_role("heading", name="Article 2. Open door")).to_be_visible()
    for number, title in enumerate(("Hotline", "Consultations", "Exercises"), start=3):
        expect(chen.get_by_role("heading", name=f"Article {number}. {title}")).to_be_visible()
