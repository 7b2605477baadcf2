import pytest
from django.urls import reverse

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.feedback.models import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from deliberation.feedback.services import (
    feedback_submit,
    question_add,
    question_edit,
    question_move,
    question_remove,
    questions_add_suggested,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(workshop):
    rating = question_add(
        workshop=workshop,
        kind="rating",
        prompt="How fair was the rule?",
        low_label="Unfair",
        high_label="Fair",
        required=True,
    )
    text = question_add(workshop=workshop, kind="text", prompt="What would you change?")
    return rating, text


# Services: the facilitator's questions -------------------------------------------------------


def test_question_add_numbers_questions_in_order(workshop, form):
    assert [q.position for q in workshop.feedback_questions.all()] == [0, 1]


def test_question_add_refuses_an_empty_prompt(workshop):
    with pytest.raises(ActionRefused, match="Write the question"):
        question_add(workshop=workshop, kind="rating", prompt="   ")


def test_question_add_refuses_an_unknown_kind(workshop):
    with pytest.raises(ActionRefused, match="rating scale or free text"):
        question_add(workshop=workshop, kind="essay", prompt="Why?")


def test_question_add_drops_scale_labels_on_free_text(workshop):
    question = question_add(workshop=workshop, kind="text", prompt="Why?", low_label="Low")
    assert question.low_label == ""


def test_questions_add_suggested_adds_ratings_and_free_text(workshop):
    questions = questions_add_suggested(workshop=workshop)
    assert {q.kind for q in questions} == {"rating", "text"}


def test_question_move_swaps_neighbours(workshop, form):
    rating, text = form
    question_move(question=text, direction="up")
    assert list(workshop.feedback_questions.values_list("prompt", flat=True)) == [
        "What would you change?",
        "How fair was the rule?",
    ]


def test_question_move_past_the_end_changes_nothing(workshop, form):
    rating, _ = form
    question_move(question=rating, direction="up")
    assert workshop.feedback_questions.first() == rating


def test_question_edit_keeps_the_kind_of_an_answered_question(workshop, form, seat):
    rating, text = form
    feedback_submit(participant=seat("Ana", "NATO"), answers={rating.pk: "4", text.pk: ""})
    with pytest.raises(ActionRefused, match="keeps its kind"):
        question_edit(question=rating, kind="text", prompt="How fair was the rule?")
    question_edit(question=rating, kind="rating", prompt="How fair did the rule feel?")
    rating.refresh_from_db()
    assert rating.prompt == "How fair did the rule feel?"


def test_question_remove_removes_its_answers(workshop, form, seat):
    rating, text = form
    feedback_submit(participant=seat("Ana", "NATO"), answers={rating.pk: "4", text.pk: "More"})
    question_remove(question=text)
    assert list(FeedbackAnswer.objects.values_list("question", flat=True)) == [rating.pk]


def test_questions_are_frozen_once_the_workshop_is_archived(workshop, form):
    workshop.is_archived = True
    workshop.save()
    with pytest.raises(ActionRefused, match="archived"):
        question_add(workshop=workshop, kind="text", prompt="Late?")


# Services: the participants' answers ---------------------------------------------------------


def test_feedback_submit_saves_once_and_edits_in_place(form, seat):
    rating, text = form
    ana = seat("Ana", "NATO")
    feedback_submit(participant=ana, answers={rating.pk: "2", text.pk: "Shorter"})
    feedback_submit(participant=ana, answers={rating.pk: "5", text.pk: "Nothing"})
    assert FeedbackResponse.objects.count() == 1
    assert list(FeedbackAnswer.objects.values_list("rating", "text")) == [
        (5, ""),
        (None, "Nothing"),
    ]


def test_feedback_submit_requires_required_questions(form, seat):
    rating, text = form
    with pytest.raises(ActionRefused, match="How fair was the rule"):
        feedback_submit(participant=seat("Ana", "NATO"), answers={text.pk: "x"})


def test_feedback_submit_refuses_a_rating_off_the_scale(form, seat):
    rating, _ = form
    with pytest.raises(ActionRefused, match="from 1 to 5"):
        feedback_submit(participant=seat("Ana", "NATO"), answers={rating.pk: "6"})


def test_feedback_submit_refuses_another_workshops_question(form, seat, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    theirs = question_add(workshop=other, kind="text", prompt="Theirs")
    with pytest.raises(ActionRefused, match="form has changed"):
        feedback_submit(participant=seat("Ana", "NATO"), answers={theirs.pk: "x"})


def test_feedback_submit_refuses_the_facilitator(form, workshop, facilitator):
    with pytest.raises(NotPermitted):
        feedback_submit(participant=workshop.participants.get(user=facilitator), answers={})


def test_feedback_submit_refuses_an_empty_form(workshop, seat):
    with pytest.raises(ActionRefused, match="not written the feedback form"):
        feedback_submit(participant=seat("Ana", "NATO"), answers={})


def test_feedback_submit_refuses_a_blank_answer_sheet(workshop, seat):
    text = question_add(workshop=workshop, kind="text", prompt="What would you change?")
    with pytest.raises(ActionRefused, match="Answer at least one question") as refused:
        feedback_submit(participant=seat("Ana", "NATO"), answers={text.pk: "   "})
    assert refused.value.status_code == 400
    assert not text.answers.exists()


# Views ---------------------------------------------------------------------------------------

ANSWER = [
    ("anonymous", 403),
    ("stranger", 403),
    ("participant", 302),
    ("facilitator", 403),
    ("other_facilitator", 403),
    ("researcher", 403),
]


@pytest.mark.parametrize(("who", "status"), ANSWER)
def test_answer_permissions(client, workshop, form, actor, who, status):
    actor(who)
    rating, text = form
    response = client.post(
        reverse("feedback:form", args=[workshop.code]), {f"q{rating.pk}": "4", f"q{text.pk}": "ok"}
    )
    assert response.status_code == status
    assert FeedbackResponse.objects.exists() == (status == 302)


def test_the_form_shows_previous_answers(client, workshop, form, actor):
    rating, text = form
    ana = actor("participant")
    feedback_submit(participant=ana, answers={rating.pk: "3", text.pk: "Kept <b>text</b>"})
    response = client.get(reverse("feedback:form", args=[workshop.code]))
    html = response.content.decode()
    assert 'value="3" checked' in html
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in html and "Save my changes" in html


def test_a_missing_required_answer_keeps_what_was_typed(client, workshop, form, actor):
    rating, text = form
    actor("participant")
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(
            reverse("feedback:form", args=[workshop.code]),
            {f"q{text.pk}": "My careful thoughts"},
            headers=headers,
        )
        assert response.status_code == 400
        assert b"My careful thoughts" in response.content
        assert b"This field is required" in response.content


def _error_beside_the_button(html: str) -> str:
    """The text of the alert between the last question and the submit button."""
    tail = html[html.rindex("question-card") : html.index('type="submit"')]
    assert 'role="alert"' in tail and "autofocus" in tail
    return tail.split('role="alert"')[1].split("</div>")[0]


def test_an_empty_form_says_why_beside_the_button(client, workshop, actor):
    rating = question_add(workshop=workshop, kind="rating", prompt="Fair?")
    text = question_add(workshop=workshop, kind="text", prompt="What would you change?")
    actor("participant")
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(
            reverse("feedback:form", args=[workshop.code]),
            {f"q{rating.pk}": "", f"q{text.pk}": "  "},
            headers=headers,
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "Answer at least one question before sending." in _error_beside_the_button(html)
        assert html.count("Answer at least one question") == 1  # said once, where it is seen
    assert not FeedbackResponse.objects.exists()


def test_a_missing_required_answer_is_pointed_to_beside_the_button(client, workshop, form, actor):
    rating, text = form
    actor("participant")
    response = client.post(
        reverse("feedback:form", args=[workshop.code]),
        {f"q{text.pk}": "My careful thoughts"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "marked in red above" in _error_beside_the_button(response.content.decode())
    assert b"My careful thoughts" in response.content


def test_a_valid_form_shows_no_error(client, workshop, form, actor):
    actor("participant")
    html = client.get(reverse("feedback:form", args=[workshop.code])).content.decode()
    assert 'role="alert"' not in html and "autofocus" not in html


def test_answering_with_htmx_returns_the_form_with_thanks(client, workshop, form, actor):
    rating, text = form
    actor("participant")
    response = client.post(
        reverse("feedback:form", args=[workshop.code]),
        {f"q{rating.pk}": "5"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert b"Your answers are saved" in response.content
    assert b'id="feedback-form"' in response.content and b"<nav" not in response.content


EDIT = [
    ("anonymous", 302),
    ("stranger", 302),
    ("participant", 302),
    ("facilitator", 200),
    ("other_facilitator", 403),
    ("researcher", 403),
]


@pytest.mark.parametrize(("who", "status"), EDIT)
def test_editor_permissions(client, workshop, actor, who, status):
    actor(who)
    response = client.post(
        reverse("feedback:editor", args=[workshop.code]),
        {"new-prompt": "Was it useful?", "new-kind": "rating"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == status
    assert workshop.feedback_questions.exists() == (status == 200)


@pytest.mark.parametrize(("who", "status"), EDIT)
def test_question_permissions(client, workshop, form, actor, who, status):
    rating, _ = form
    actor(who)
    response = client.post(
        reverse("feedback:question", args=[workshop.code, rating.pk]),
        {"action": "remove"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == status
    assert FeedbackQuestion.objects.filter(pk=rating.pk).exists() == (status != 200)


def test_editor_adds_edits_moves_and_removes(client, workshop, actor):
    actor("facilitator")
    url = reverse("feedback:editor", args=[workshop.code])
    response = client.post(url, {"action": "suggested"})
    assert response.status_code == 302
    first, second = workshop.feedback_questions.all()[:2]
    question_url = reverse("feedback:question", args=[workshop.code, second.pk])
    client.post(question_url, {"action": "up"})
    assert workshop.feedback_questions.first() == second
    client.post(
        question_url,
        {f"q{second.pk}-prompt": "Edited <script>", f"q{second.pk}-kind": "rating"},
    )
    page = client.get(url).content.decode()
    assert "Edited &lt;script&gt;" in page
    client.post(question_url, {"action": "remove"})
    assert not FeedbackQuestion.objects.filter(pk=second.pk).exists()


def test_editor_refuses_an_empty_question_and_keeps_the_labels(client, workshop, actor):
    actor("facilitator")
    response = client.post(
        reverse("feedback:editor", args=[workshop.code]),
        {"new-prompt": "", "new-kind": "rating", "new-low_label": "Kept label"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert b"Kept label" in response.content and b"This field is required" in response.content


def test_editor_refuses_to_change_an_answered_questions_kind(client, workshop, form, actor, seat):
    rating, text = form
    feedback_submit(participant=seat("Ana", "NATO"), answers={rating.pk: "4"})
    actor("facilitator")
    response = client.post(
        reverse("feedback:question", args=[workshop.code, rating.pk]),
        {f"q{rating.pk}-prompt": "Now free text", f"q{rating.pk}-kind": "text"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    assert b"keeps its kind" in response.content and b"Now free text" in response.content


def test_editor_refuses_an_unknown_action(client, workshop, form, actor):
    actor("facilitator")
    response = client.post(
        reverse("feedback:question", args=[workshop.code, form[0].pk]), {"action": "explode"}
    )
    assert response.status_code == 400


def test_another_workshops_question_is_a_404(client, workshop, actor, demo, facilitator):
    from deliberation.workshops.services import workshop_create_from_template

    other = workshop_create_from_template(template=demo, title="Other", user=facilitator)
    theirs = question_add(workshop=other, kind="text", prompt="Theirs")
    actor("facilitator")
    response = client.post(
        reverse("feedback:question", args=[workshop.code, theirs.pk]), {"action": "remove"}
    )
    assert response.status_code == 404


def test_editor_and_form_query_counts_do_not_grow(
    client, workshop, actor, adopt, seat, django_assert_max_num_queries
):
    questions_add_suggested(workshop=workshop)
    ana = seat("Ana", "NATO")
    for n in range(6):
        question_add(workshop=workshop, kind="text", prompt=f"Extra {n}?")
        adopt(f"Article {n}", "Text.")
    extra = workshop.feedback_questions.filter(kind="text").last()
    feedback_submit(participant=ana, answers={extra.pk: "More time."})
    actor("facilitator")
    with django_assert_max_num_queries(12):
        client.get(reverse("feedback:editor", args=[workshop.code]))
    client.logout()
    from deliberation.workshops.access import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {workshop.code: ana.pk}
    session.save()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("feedback:form", args=[workshop.code])).status_code == 200
