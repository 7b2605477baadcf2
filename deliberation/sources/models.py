from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from deliberation.core.models import TimeStampedModel


class SourceDocument(TimeStampedModel):
    """A text whose positions the charter is measured against (an essay, a treaty, a brief)."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    author = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    colour = models.CharField(
        max_length=7, default="#5b21b6", help_text="Colour of this document's alignment badges."
    )

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        super().save(*args, **kwargs)


class Principle(TimeStampedModel):
    """A position stated in a source document, backed by a verbatim quote of it."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"

    document = models.ForeignKey(
        SourceDocument, on_delete=models.CASCADE, related_name="principles"
    )
    slug = models.SlugField(max_length=120)
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=600)
    quote = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset of the quote's first character.")
    end = models.PositiveIntegerField(help_text="Offset just past the quote's last character.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACCEPTED)

    class Meta:
        ordering = ["document__title", "start"]
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="principle_slug_unique"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="quote_span"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        text = self.document.text if self.document_id else ""
        if self.end is None or self.start is None or text[self.start : self.end] != self.quote:
            raise ValidationError(
                {"quote": "The quote must be a verbatim passage of its document at its offsets."}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:120]
        super().save(*args, **kwargs)

    @classmethod
    def locate(cls, document: SourceDocument, quote: str) -> tuple[int, int]:
        """Offsets of a quote that occurs exactly once in the document, or ValidationError."""
        start = document.text.find(quote)
        if start < 0:
            raise ValidationError({"quote": "This passage does not occur in the document."})
        if document.text.find(quote, start + 1) >= 0:
            raise ValidationError(
                {"quote": "This passage occurs more than once; quote a longer passage."}
            )
        return start, start + len(quote)


class AlignmentJudgement(TimeStampedModel):
    """A person's verdict on one alignment of a clause or a proposal with a principle.

    Participants confirm or dispute; the facilitator pins (always shown) or rejects (hidden
    from the automatic list). Kept apart from the engine's output and exported as is.
    """

    class Verdict(models.TextChoices):
        CONFIRM = "confirm", "Confirmed"
        DISPUTE = "dispute", "Disputed"
        PIN = "pin", "Pinned"
        REJECT = "reject", "Rejected"

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        OPPOSES = "opposes", "Opposes"

    clause = models.ForeignKey(
        "charters.Clause",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alignment_judgements",
    )
    proposal = models.ForeignKey(
        "charters.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alignment_judgements",
    )
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="judgements")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="alignment_judgements"
    )
    verdict = models.CharField(max_length=8, choices=Verdict.choices)
    # The stance of the alignment that was judged, so a pinned one can be shown after the
    # engine stops finding it.
    stance = models.CharField(max_length=8, choices=Stance.choices, default=Stance.SUPPORTS)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clause__isnull=False, proposal__isnull=True)
                | models.Q(clause__isnull=True, proposal__isnull=False),
                name="judgement_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["clause", "principle", "participant"],
                condition=models.Q(clause__isnull=False),
                name="one_judgement_per_clause_principle",
            ),
            models.UniqueConstraint(
                fields=["proposal", "principle", "participant"],
                condition=models.Q(proposal__isnull=False),
                name="one_judgement_per_proposal_principle",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.verdict} {self.principle} on {self.subject}"

    @property
    def subject(self):
        return self.clause or self.proposal

    @property
    def is_human_override(self) -> bool:
        return self.verdict in (self.Verdict.PIN, self.Verdict.REJECT)
