from django.db import models

from deliberation.core.models import TimeStampedModel

MAX_TEXT = 4000  # a clause or comment longer than this is not a clause; it is an essay.


class Charter(TimeStampedModel):
    workshop = models.OneToOneField(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="charter"
    )
    title = models.CharField(max_length=200)
    preamble = models.TextField(blank=True, max_length=MAX_TEXT)

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A heading that groups articles (e.g. "Part I. Principles"). Optional."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Clause(TimeStampedModel):
    """A clause of the charter, from the moment it is tabled.

    A tabled clause is a *draft* without a number; it becomes a numbered article when the
    room adopts it. `version` is the number of its latest revision: an amendment records the
    version it was written against, and is refused if the clause has moved on since.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        UNDER_AMENDMENT = "under_amendment", "Under amendment"
        BRACKETED = "bracketed", "Bracketed"
        AGREED = "agreed", "Agreed"
        ADOPTED = "adopted", "Adopted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="clauses")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="clauses"
    )
    # None until adopted: drafts are not articles yet.
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=MAX_TEXT)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ADOPTED)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        "workshops.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    delegation = models.ForeignKey(
        "workshops.Delegation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["number", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="clause_number_unique")
        ]

    def __str__(self) -> str:
        if self.number is None:
            return f"Draft: {self.title}"
        return f"Article {self.number}. {self.title}"

    @property
    def label(self) -> str:
        return str(self)

    @property
    def is_bracketed(self) -> bool:
        return "[" in self.text and "]" in self.text

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.REJECTED, self.Status.WITHDRAWN)

    def shown_status(self, open_amendments: int = 0) -> str:
        """The status the room reads: stored status, refined by open amendments and brackets."""
        if self.is_closed:
            return self.status
        if open_amendments:
            return self.Status.UNDER_AMENDMENT
        if self.is_bracketed and self.status in (self.Status.DRAFT, self.Status.AGREED):
            return self.Status.BRACKETED
        return self.status


class Proposal(TimeStampedModel):
    """A new clause, or an amendment to an existing one, put to the room."""

    class Kind(models.TextChoices):
        NEW_CLAUSE = "new_clause", "New clause"
        AMENDMENT = "amendment", "Amendment"

    class Status(models.TextChoices):
        OPEN = "open", "Submitted"
        FRIENDLY = "friendly", "Accepted as friendly"
        ADOPTED = "adopted", "Adopted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Operation(models.TextChoices):
        REPLACE = "replace", "Change the wording"
        MOVE = "move", "Move the article"

    workshop = models.ForeignKey(
        "workshops.Workshop", on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NEW_CLAUSE)
    # A new clause's own draft clause, or the clause an amendment changes.
    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals"
    )
    title = models.CharField(max_length=200)
    text = models.TextField(max_length=MAX_TEXT)
    author = models.ForeignKey(
        "workshops.Participant", on_delete=models.PROTECT, related_name="proposals"
    )
    delegation = models.ForeignKey(
        "workshops.Delegation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The words the room voted on, kept when the vote closes: a new clause's article may be
    # amended afterwards, but its card and the debrief must show what was decided.
    voted_text = models.TextField(blank=True)
    # Amendments only: what they do, and the clause version and text they were written on.
    operation = models.CharField(
        max_length=8, choices=Operation.choices, default=Operation.REPLACE, blank=True
    )
    base_version = models.PositiveIntegerField(null=True, blank=True)
    base_text = models.TextField(blank=True)
    move_to = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="new_clause")
                | models.Q(kind="amendment", clause__isnull=False, base_version__isnull=False),
                name="amendment_has_clause",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_amendment(self) -> bool:
        return self.kind == self.Kind.AMENDMENT

    def state_in(self, phase: str) -> tuple[str, str]:
        """(status key, label) as every screen shows it in `phase`: an open proposal is
        "Voting open" while the room votes, "Vote not closed yet" once the session is closed,
        and "Submitted" before; a decided one shows its status."""
        if self.is_open and phase == "voting":
            return "voting", "Voting open"
        if self.is_open and phase == "closed":
            return self.status, "Vote not closed yet"
        return self.status, self.get_status_display()

    @property
    def shown_text(self) -> str:
        """What the card shows: the words voted on once decided; until then a new clause's
        draft as it stands (a friendly amendment may change it), or the amendment's text."""
        if self.voted_text:
            return self.voted_text
        if self.kind == self.Kind.NEW_CLAUSE and self.clause_id:
            return self.clause.text
        return self.text

    @property
    def amended_since(self) -> bool:
        """A decided new clause whose article has been amended after the vote."""
        return bool(
            self.voted_text
            and self.kind == self.Kind.NEW_CLAUSE
            and self.clause_id
            and self.clause.text != self.voted_text
        )

    @property
    def is_stale(self) -> bool:
        """An open amendment whose clause changed after it was written: rebase or refuse."""
        return bool(
            self.is_open
            and self.is_amendment
            and self.clause_id
            and self.base_version != self.clause.version
        )


class Revision(models.Model):
    """An immutable version of a clause: who changed it, through which proposal, with what vote."""

    class Kind(models.TextChoices):
        TABLED = "tabled", "Tabled"
        AMENDED = "amended", "Amended by vote"
        FRIENDLY = "friendly", "Friendly amendment"
        ADOPTED = "adopted", "Adopted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EDITED = "edited", "Edited by the facilitator"

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TABLED)
    title = models.CharField(max_length=200)
    text = models.TextField()
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        "workshops.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # One line of the clause's story: what happened and why, including the vote's explanation.
    outcome = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clause", "number"]
        constraints = [
            models.UniqueConstraint(fields=["clause", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.clause} (version {self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A revision is history: it is never changed once written.")
        super().save(*args, **kwargs)


class Vote(TimeStampedModel):
    class Choice(models.TextChoices):
        YES = "yes", "For"
        NO = "no", "Against"
        ABSTAIN = "abstain", "Abstain"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(max_length=8, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "participant"], name="one_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.choice} on {self.proposal}"


class Objection(TimeStampedModel):
    """A reasoned objection to a proposal. Under consensus an open one blocks adoption."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        WITHDRAWN = "withdrawn", "Withdrawn"
        UPHELD = "upheld", "Upheld"
        # Still open when its proposal was decided or withdrawn: nothing left to block.
        LAPSED = "lapsed", "Lapsed (vote decided)"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="objections")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="objections"
    )
    reason = models.TextField(max_length=MAX_TEXT)
    principle = models.ForeignKey(
        "sources.Principle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True, max_length=MAX_TEXT)
    answered_by = models.ForeignKey(
        "workshops.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Objection by {self.participant} to {self.proposal}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Comment(TimeStampedModel):
    class Stance(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        NEUTRAL = "neutral", "Neutral"

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(max_length=MAX_TEXT)
    stance = models.CharField(max_length=8, choices=Stance.choices)
    # Moderation: a hidden comment stays in the database with the reason, shown to nobody.
    hidden_reason = models.CharField(max_length=300, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False) | models.Q(clause__isnull=False),
                name="comment_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.text[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CaucusMessage(TimeStampedModel):
    """A delegation's private chat line or note: only its members and the facilitator see it."""

    class Kind(models.TextChoices):
        CHAT = "chat", "Chat"
        NOTE = "note", "Note"

    delegation = models.ForeignKey(
        "workshops.Delegation", on_delete=models.CASCADE, related_name="caucus_messages"
    )
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices, default=Kind.CHAT)
    text = models.TextField(max_length=MAX_TEXT)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.delegation} caucus: {self.text[:40]}"
