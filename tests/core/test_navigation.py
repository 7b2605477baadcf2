"""The main navigation: one set of links on every participant page, folded into a menu on
phones (a student's Room and Charter stay in the bar), and distinct names for the
facilitator's links."""

import re

import pytest
from django.urls import reverse

from deliberation.charters.services import proposal_create

pytestmark = pytest.mark.django_db

WORKSHOP_LINKS = ["Room", "Charter", "Alignment", "Debrief", "Brief", "Feedback"]
PARTICIPANT_PAGES = [
    ("workshops:room", "Room"),
    ("charters:charter", "Charter"),
    ("sources:charter_alignment", "Alignment"),
    ("sources:debrief", "Debrief"),
    ("workshops:brief", "Brief"),
    ("feedback:form", "Feedback"),
]


def _nav(page: str) -> str:
    return page.split('aria-label="Main">', 1)[1].split("</nav>", 1)[0]


def _menu(nav: str) -> str:
    return nav.split('id="main-nav"', 1)[1]


def _pinned(nav: str) -> str:
    return nav.split("navbar-pinned", 1)[1].split("</ul>", 1)[0]


def _link_texts(html: str) -> list[str]:
    return re.findall(r'class="nav-link"[^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize("url_name, current", PARTICIPANT_PAGES)
def test_every_participant_page_has_the_same_links(
    client, workshop, seat, as_participant, url_name, current
):
    as_participant(seat("Ana", "NATO"))
    page = client.get(reverse(url_name, args=[workshop.code])).content.decode()
    nav = _nav(page)
    assert _link_texts(_menu(nav)) == WORKSHOP_LINKS
    assert _link_texts(_pinned(nav)) == ["Room", "Charter"]
    assert re.search(rf'aria-current="page">{current}</a>', _menu(nav))


def test_the_article_page_has_the_same_links(client, workshop, seat, as_participant):
    ana = seat("Ana", "NATO")
    proposal = proposal_create(participant=ana, title="Neighbours", text="No one is left out.")
    as_participant(ana)
    url = reverse("charters:clause_id", args=[workshop.code, proposal.clause_id])
    assert _link_texts(_menu(_nav(client.get(url).content.decode()))) == WORKSHOP_LINKS


def test_on_a_phone_room_and_charter_stay_out_of_the_menu(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    nav = _nav(client.get(reverse("workshops:room", args=[workshop.code])).content.decode())
    assert 'class="navbar-nav navbar-pinned flex-row ms-auto d-lg-none"' in nav
    # Inside the menu the two show from the lg breakpoint only, so a phone lists them once.
    assert nav.count('<li class="nav-item d-none d-lg-block">') == 2


def test_a_facilitator_finds_every_workshop_link_in_the_menu(client, workshop, facilitator):
    client.force_login(facilitator)
    nav = _nav(client.get(reverse("charters:charter", args=[workshop.code])).content.decode())
    assert "navbar-pinned" not in nav
    assert "d-none" not in nav
    assert _link_texts(_menu(nav))[: len(WORKSHOP_LINKS)] == WORKSHOP_LINKS


def test_the_menu_folds_behind_a_labelled_toggler(client):
    page = client.get(reverse("home")).content.decode()
    assert 'class="navbar navbar-expand-lg' in page
    toggler = re.search(r'<button class="navbar-toggler"[^>]*>', page).group(0)
    for attribute in (
        'data-bs-toggle="collapse"',
        'data-bs-target="#main-nav"',
        'aria-controls="main-nav"',
        'aria-expanded="false"',
        'aria-label="Menu"',
    ):
        assert attribute in toggler
    assert 'class="collapse navbar-collapse" id="main-nav"' in page
    assert "vendor/bootstrap.bundle.min.js" in page
    assert "navbar-pinned" not in page  # a visitor has no workshop links to pin


def test_the_facilitator_menu_names_research_data_apart_from_results(client, workshop, facilitator):
    client.force_login(facilitator)
    page = client.get(reverse("workshops:console", args=[workshop.code])).content.decode()
    links = _link_texts(_menu(_nav(page)))
    assert "Research data" in links
    assert links.count("Results") == 1  # this workshop's results, from the console


def test_a_facilitator_reaches_the_console_pages_from_any_workshop_page(
    client, workshop, facilitator
):
    client.force_login(facilitator)
    for url_name, _ in PARTICIPANT_PAGES:
        nav = _nav(client.get(reverse(url_name, args=[workshop.code])).content.decode())
        links = _link_texts(_menu(nav))
        for name in ("Console", "Projector", "Results", "Exports"):
            assert links.count(name) == 1, (url_name, links)


def test_students_see_no_console_links(client, workshop, seat, as_participant):
    as_participant(seat("Ana", "NATO"))
    nav = _nav(client.get(reverse("workshops:room", args=[workshop.code])).content.decode())
    assert "Console" not in _link_texts(nav)
