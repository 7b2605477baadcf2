"""Quick reactions on clauses and the end-of-session feedback form."""

from django.db import models

from deliberation.core.models import TimeStampedModel

MAX_PROMPT = 300
MAX_ANSWER = 2000
RATING_MIN, RATING_MAX = 1, 5


class Reaction(TimeStampedModel):
    """One participant's quick reaction to one clause (as in Pol.is); changeable, never doubled."""

    class Choice(models.TextChoices):
        AGREE = "agree", "Agree"
        DISAGREE = "disagree", "Disagree"
        PASS = "pass", "Pass"

    clause = models.ForeignKey(
        "charters.Clause", on_delete=models.CASCADE, related_name="reactions"
    )
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="reactions"
    )
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        ordering = ["clause", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["clause", "participant"], name="one_reaction_each"),
            models.CheckConstraint(
                condition=models.Q(choice__in=["agree", "disagree", "pass"]),
                name="reaction_choice_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.choice} on clause {self.clause_id}"


class FeedbackQuestion(TimeStampedModel):
    """A question of a workshop's end-of-session form, edited by its facilitator."""

    class Kind(models.TextChoices):
        RATING = "rating", "Rating from 1 to 5"
        TEXT = "text", "Free text"

    workshop = models.ForeignKey(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="feedback_questions"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.RATING)
    prompt = models.CharField(max_length=MAX_PROMPT)
    low_label = models.CharField(
        max_length=40, blank=True, help_text="What 1 means on a rating scale, e.g. “Not at all”."
    )
    high_label = models.CharField(
        max_length=40, blank=True, help_text="What 5 means on a rating scale, e.g. “Very much”."
    )
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.prompt

    @property
    def is_rating(self) -> bool:
        return self.kind == self.Kind.RATING


class FeedbackResponse(TimeStampedModel):
    """A participant's submitted form: one per participant, edited in place until archiving."""

    workshop = models.ForeignKey(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="feedback_responses"
    )
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="feedback_responses"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["participant"], name="one_feedback_response_each")
        ]

    def __str__(self) -> str:
        return f"Feedback of participant {self.participant_id}"


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=MAX_ANSWER)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_each"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="rating_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
