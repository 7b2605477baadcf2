"""Feedback in a real browser: the facilitator writes the form, a participant answers it on a
phone and reacts to the articles without a reload, the facilitator reads the results."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from deliberation.charters.models import Clause
from deliberation.feedback.services import question_add
from tests.e2e.conftest import serious_violations
from tests.e2e.people import join, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/feedback-shots")


def contrast_violations(axe, page) -> list[str]:
    results = axe.run(page, options={"runOnly": ["color-contrast"]})
    return [
        f"{node['target']}: {node['failureSummary']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def shot(page, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


@pytest.fixture
def articles(workshop):
    charter = workshop.charter
    return [
        Clause.objects.create(
            charter=charter,
            number=n,
            title=title,
            text=text,
        )
        for n, (title, text) in enumerate(
            [
                ("Neighbours' security", "No member may seek security at its neighbours' cost."),
                ("Notice of exercises", "Members notify each other of large military drills."),
            ],
            start=1,
        )
    ]


def test_facilitator_writes_the_form_a_phone_answers_and_the_results_show_it(
    workshop, articles, new_page, axe, tmp_path
):
    console = new_page()
    sign_in(console)
    console.goto(f"/console/{workshop.code}/feedback/")
    console.get_by_role("button", name="Start from the suggested questions").click()
    expect(console.locator(".question-card")).to_have_count(4)
    # Edit the free-text question, move it to the top, drop the third rating, add our own.
    console.get_by_role("textbox", name="Question").nth(3).fill(
        "What should the next session change?"
    )
    console.get_by_role("button", name="Save question 4").click()
    expect(console.get_by_role("status")).to_have_text("Question 4 saved.")
    for n in (4, 3, 2):
        console.get_by_role("button", name=f"Move question {n} up").click()
        expect(console.get_by_role("textbox", name="Question").nth(n - 2)).to_have_value(
            "What should the next session change?"
        )
    console.get_by_role("button", name="Remove question 4").click()
    expect(console.locator(".question-card")).to_have_count(3)
    add = console.locator("#add-title").locator("xpath=..")
    add.get_by_label("Question").fill("Would you take part again?")
    add.get_by_label("Label for 1").fill("No")
    add.get_by_label("Label for 5").fill("Gladly")
    add.get_by_label("Participants must answer it").check()
    add.get_by_role("button", name="Add the question").click()
    expect(console.locator(".question-card")).to_have_count(4)
    assert serious_violations(axe, console) == []
    shot(console, tmp_path, "editor")

    phone = new_page(width=375, height=800)
    # pytest-django's live_server buffers server-sent events: hold the live stream silent here;
    # the reaction's own response updates the counts (the live fragment is tested in
    # tests/feedback/test_reactions.py).
    phone.route("**/live/**", lambda route: None)
    join(phone, workshop.display_code, "Ana", "NATO")
    phone.goto(f"/w/{workshop.code}/feedback/")
    expect(phone.get_by_role("heading", name="How was the session?")).to_be_visible()
    phone.evaluate("window.notReloaded = true")

    # React to the articles: counts change in place, no reload.
    first = phone.locator(f"#reactions-{articles[0].pk}")
    expect(first).to_contain_text("Agree 0")
    first.get_by_role("button", name="Agree", exact=True).click()
    expect(first).to_contain_text("Agree 1")
    expect(first.get_by_role("button", name="Agree", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    first.get_by_role("button", name="Disagree").click()  # changed my mind
    expect(first).to_contain_text("Agree 0")
    expect(first).to_contain_text("Disagree 1")
    phone.locator(f"#reactions-{articles[1].pk}").get_by_role(
        "button", name="Agree", exact=True
    ).click()
    expect(phone.locator(f"#reactions-{articles[1].pk}")).to_contain_text("Agree 1")

    # Submitting without the required answer keeps what was typed and says why.
    phone.get_by_label("What should the next session change?").fill("More time <b>to caucus</b>")
    phone.get_by_role("button", name="Send my feedback").click()
    expect(phone.locator("#feedback-form")).to_contain_text("This field is required")
    expect(phone.get_by_test_id("form-error")).to_be_in_viewport()
    expect(phone.get_by_label("What should the next session change?")).to_have_value(
        "More time <b>to caucus</b>"
    )
    phone.get_by_text("Would you take part again?: 5").click()
    phone.get_by_text("How well does the charter reflect your delegation's positions?: 2").click()
    phone.get_by_role("button", name="Send my feedback").click()
    expect(phone.locator("#feedback-form").get_by_role("status")).to_contain_text(
        "Your answers are saved"
    )
    assert phone.evaluate("window.notReloaded") is True
    assert serious_violations(axe, phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone, tmp_path, "form-phone")

    console.goto(f"/console/{workshop.code}/results/")
    expect(
        console.get_by_text("1 participant answered").or_(console.locator("body"))
    ).to_be_visible()
    results = console.locator("[data-testid=question-result]")
    expect(results.filter(has_text="Would you take part again?")).to_contain_text("mean 5.0")
    expect(results.filter(has_text="What should the next session change?")).to_contain_text(
        "More time <b>to caucus</b>"
    )
    expect(console.locator(f"#result-clause-{articles[0].pk}")).to_contain_text("1 disagree")
    assert serious_violations(axe, console) == []
    shot(console, tmp_path, "results")
    console.set_viewport_size({"width": 375, "height": 800})
    assert console.evaluate("document.documentElement.scrollWidth") <= 375
    shot(console, tmp_path, "results-phone")
    console.set_viewport_size({"width": 1280, "height": 900})

    # The facilitator's note on the form page: its links read well on the blue box.
    console.goto(f"/w/{workshop.code}/feedback/")
    expect(console.get_by_role("link", name="edit its questions")).to_be_visible()
    assert contrast_violations(axe, console) == []

    console.goto("/research/")
    console.get_by_role("link", name="Exports of Model security council").click()
    assert serious_violations(axe, console) == []
    shot(console, tmp_path, "exports")
    console.get_by_role("link", name="Printable charter").click()
    expect(console.get_by_role("heading", name="Article 1. Neighbours' security")).to_be_visible()
    assert serious_violations(axe, console) == []
    shot(console, tmp_path, "print")
    for name in ("PDF", "Markdown"):  # downloads, not greyed out like a disabled button
        expect(console.get_by_role("link", name=name, exact=True)).to_have_class(
            "btn btn-outline-primary"
        )
    console.emulate_media(media="print")
    expect(console.locator("nav.navbar")).to_be_hidden()
    expect(console.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    shot(console, tmp_path, "print-media")


def test_sending_an_empty_form_on_a_phone_shows_why_where_the_thumb_is(
    workshop, articles, new_page, tmp_path
):
    for kind, prompt in [
        ("rating", "How fair was the session?"),
        ("rating", "How well were you heard?"),
        ("text", "What should change?"),
        ("text", "What worked?"),
        ("text", "Anything else?"),
    ]:
        question_add(workshop=workshop, kind=kind, prompt=prompt)
    phone = new_page(width=375, height=800)
    phone.route("**/live/**", lambda route: None)
    join(phone, workshop.display_code, "Ana", "NATO")
    phone.goto(f"/w/{workshop.code}/feedback/")
    send = phone.get_by_role("button", name="Send my feedback")
    send.scroll_into_view_if_needed()
    expect(phone.get_by_role("heading", name="How was the session?")).not_to_be_in_viewport()
    send.click()
    error = phone.get_by_role("alert")
    expect(error).to_have_text("Answer at least one question before sending.")
    expect(error).to_be_in_viewport()
    expect(error).to_be_focused()
    phone.screenshot(path=tmp_path / "empty-form.png")
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "empty-form.png", SHOTS / "empty-form.png")
    # What was then typed is kept when the form is sent again.
    phone.get_by_label("What should change?").fill("More time")
    send.click()
    expect(phone.locator("#feedback-form").get_by_role("status")).to_contain_text(
        "Your answers are saved"
    )
    expect(phone.get_by_label("What should change?")).to_have_value("More time")
