"""Writes for reactions and the feedback form. Each checks, then changes, then announces."""

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string

from deliberation.charters.models import Clause
from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.events import publish_on_commit
from deliberation.workshops.models import Participant, Workshop

from .models import (
    MAX_ANSWER,
    MAX_PROMPT,
    RATING_MAX,
    RATING_MIN,
    FeedbackAnswer,
    FeedbackQuestion,
    FeedbackResponse,
    Reaction,
)

SUGGESTED_QUESTIONS = [
    {
        "kind": FeedbackQuestion.Kind.RATING,
        "prompt": "How well does the charter reflect your delegation's positions?",
        "low_label": "Not at all",
        "high_label": "Fully",
    },
    {
        "kind": FeedbackQuestion.Kind.RATING,
        "prompt": "How well did you understand the other delegations' positions by the end?",
        "low_label": "Not at all",
        "high_label": "Very well",
    },
    {
        "kind": FeedbackQuestion.Kind.RATING,
        "prompt": "How fair did the decision rule feel?",
        "low_label": "Unfair",
        "high_label": "Fair",
    },
    {
        "kind": FeedbackQuestion.Kind.TEXT,
        "prompt": "What would you change about the session?",
    },
]


def _require_open(workshop: Workshop) -> None:
    if workshop.is_archived:
        raise ActionRefused("This workshop is archived; its records can no longer change.")


# Reactions ----------------------------------------------------------------------------------


def reaction_set(*, clause: Clause, participant: Participant, choice: str) -> Reaction:
    """Record or change the participant's reaction to a clause (one each, by constraint)."""
    workshop = participant.workshop
    if clause.charter.workshop_id != participant.workshop_id:
        raise NotPermitted("You can only react to clauses of your own workshop.")
    if participant.is_facilitator:
        raise NotPermitted("The facilitator chairs the session and does not react to clauses.")
    if choice not in Reaction.Choice.values:
        raise ActionRefused("Choose agree, disagree or pass.", status_code=400)
    _require_open(workshop)
    with transaction.atomic():
        reaction, _ = Reaction.objects.update_or_create(
            clause=clause, participant=participant, defaults={"choice": choice}
        )
        publish_on_commit(
            workshop_id=workshop.pk,
            kind="reactions-changed",
            fragments=lambda: {f"reaction-counts-{clause.pk}": reaction_counts_html(clause)},
        )
    return reaction


def reaction_counts_html(clause: Clause) -> str:
    """The counts everyone sees (never whose reaction is whose), rendered once for all."""
    from .selectors import reaction_counts

    return render_to_string(
        "feedback/reactions.html#reaction-counts",
        {"clause": clause, "counts": reaction_counts(clause)},
    )


# The feedback form: questions -------------------------------------------------------------


def _clean_question(
    *, kind: str, prompt: str, low_label: str, high_label: str
) -> tuple[str, str, str, str]:
    prompt = " ".join(prompt.split())
    if not prompt:
        raise ActionRefused("Write the question.", status_code=400)
    if len(prompt) > MAX_PROMPT:
        raise ActionRefused(f"Keep the question to {MAX_PROMPT} characters.", status_code=400)
    if kind not in FeedbackQuestion.Kind.values:
        raise ActionRefused("Choose a rating scale or free text.", status_code=400)
    if kind == FeedbackQuestion.Kind.TEXT:
        low_label = high_label = ""
    return kind, prompt, low_label.strip()[:40], high_label.strip()[:40]


@transaction.atomic
def question_add(
    *,
    workshop: Workshop,
    kind: str,
    prompt: str,
    low_label: str = "",
    high_label: str = "",
    required: bool = False,
) -> FeedbackQuestion:
    """Caller has checked that the user facilitates the workshop."""
    _require_open(workshop)
    kind, prompt, low_label, high_label = _clean_question(
        kind=kind, prompt=prompt, low_label=low_label, high_label=high_label
    )
    # Lock the workshop row so two questions added at once get distinct positions.
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    last = workshop.feedback_questions.aggregate(Max("position"))["position__max"]
    return FeedbackQuestion.objects.create(
        workshop=workshop,
        kind=kind,
        prompt=prompt,
        low_label=low_label,
        high_label=high_label,
        required=required,
        position=0 if last is None else last + 1,
    )


def questions_add_suggested(*, workshop: Workshop) -> list[FeedbackQuestion]:
    """Caller has checked that the user facilitates the workshop."""
    with transaction.atomic():
        return [question_add(workshop=workshop, **question) for question in SUGGESTED_QUESTIONS]


@transaction.atomic
def question_edit(
    *,
    question: FeedbackQuestion,
    kind: str,
    prompt: str,
    low_label: str = "",
    high_label: str = "",
    required: bool = False,
) -> FeedbackQuestion:
    """Caller has checked that the user facilitates the question's workshop."""
    _require_open(question.workshop)
    kind, prompt, low_label, high_label = _clean_question(
        kind=kind, prompt=prompt, low_label=low_label, high_label=high_label
    )
    if kind != question.kind and question.answers.exists():
        raise ActionRefused(
            "Participants have answered this question already, so it keeps its kind. "
            "Add a new question instead.",
            status_code=409,
        )
    question.kind, question.prompt = kind, prompt
    question.low_label, question.high_label, question.required = low_label, high_label, required
    question.save()
    return question


@transaction.atomic
def question_move(*, question: FeedbackQuestion, direction: str) -> FeedbackQuestion:
    """Swap the question with its neighbour above ("up") or below ("down")."""
    _require_open(question.workshop)
    if direction not in ("up", "down"):
        raise ActionRefused("Move a question up or down.", status_code=400)
    questions = list(
        FeedbackQuestion.objects.select_for_update().filter(workshop=question.workshop_id)
    )
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        return question
    questions[index], questions[other] = questions[other], questions[index]
    # Renumber all, so positions stay 0..n-1 even after deletions.
    for position, item in enumerate(questions):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "updated_at"])
    return next(q for q in questions if q.pk == question.pk)


@transaction.atomic
def question_remove(*, question: FeedbackQuestion) -> None:
    """Remove the question and the answers given to it. Caller has checked the facilitator."""
    _require_open(question.workshop)
    question.delete()


# The feedback form: answers ---------------------------------------------------------------


def _clean_answer(question: FeedbackQuestion, raw: str) -> tuple[int | None, str]:
    raw = (raw or "").strip()
    if question.is_rating:
        if not raw:
            return None, ""
        if not raw.isdigit() or not RATING_MIN <= int(raw) <= RATING_MAX:
            raise ActionRefused(
                f"Rate “{question.prompt}” from {RATING_MIN} to {RATING_MAX}.", status_code=400
            )
        return int(raw), ""
    if len(raw) > MAX_ANSWER:
        raise ActionRefused(
            f"Your answer to “{question.prompt}” has {len(raw)} characters; "
            f"the limit is {MAX_ANSWER}.",
            status_code=400,
        )
    return None, raw


def feedback_submit(*, participant: Participant, answers: dict[int, str]) -> FeedbackResponse:
    """Save the participant's answers ({question id: raw value}); a second submit edits them."""
    workshop = participant.workshop
    if participant.is_facilitator:
        raise NotPermitted("The facilitator edits this form; participants answer it.")
    _require_open(workshop)
    questions = list(workshop.feedback_questions.all())
    if not questions:
        raise ActionRefused("The facilitator has not written the feedback form yet.")
    if set(answers) - {q.pk for q in questions}:
        raise ActionRefused("The form has changed; reload it and answer again.", status_code=400)
    cleaned = {q.pk: _clean_answer(q, answers.get(q.pk, "")) for q in questions}
    missing = [q.prompt for q in questions if q.required and cleaned[q.pk] == (None, "")]
    if missing:
        raise ActionRefused(f"Please answer “{missing[0]}”.", status_code=400)
    if all(value == (None, "") for value in cleaned.values()):
        raise ActionRefused("Answer at least one question before sending.", status_code=400)
    with transaction.atomic():
        response, _ = FeedbackResponse.objects.get_or_create(
            participant=participant, defaults={"workshop": workshop}
        )
        for question in questions:
            rating, text = cleaned[question.pk]
            FeedbackAnswer.objects.update_or_create(
                response=response, question=question, defaults={"rating": rating, "text": text}
            )
        response.save(update_fields=["updated_at"])
        publish_on_commit(workshop_id=workshop.pk, kind="feedback-changed")
    return response
