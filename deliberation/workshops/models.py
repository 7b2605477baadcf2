import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from deliberation.core.models import TimeStampedModel

# No 0/O, 1/I/L: a code read aloud or off a projector is typed right the first time.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """What people type ("abc-234 ", "abc 234") turned into the stored form ("ABC234")."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Phase(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    AMENDING = "amending", "Amending"
    VOTING = "voting", "Voting"
    CLOSED = "closed", "Closed"


# The one table that says what participants may do in each phase.
PHASE_ACTIONS: dict[str, frozenset[str]] = {
    Phase.DRAFTING: frozenset(
        {"propose", "amend", "accept_friendly", "object", "comment", "withdraw", "caucus"}
    ),
    Phase.AMENDING: frozenset(
        {"amend", "accept_friendly", "object", "comment", "withdraw", "caucus"}
    ),
    Phase.VOTING: frozenset({"vote", "object", "comment", "withdraw", "caucus"}),
    Phase.CLOSED: frozenset(),
}


# Actions that stay open while the facilitator has locked editing: locking freezes the text
# (proposing, amending, objecting, commenting, withdrawing), not the votes already open.
ACTIONS_OPEN_WHILE_LOCKED: frozenset[str] = frozenset({"vote"})


class RuleKind(models.TextChoices):
    MAJORITY = "majority", "Simple majority of votes cast"
    DELEGATION_MAJORITY = "delegation_majority", "Majority of delegations"
    QUALIFIED = "qualified", "Qualified majority"
    CONSENSUS = "consensus", "Consensus of delegations"


class Workshop(TimeStampedModel):
    title = models.CharField(max_length=200)
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_join_code)
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.DRAFTING)
    is_template = models.BooleanField(
        default=False, help_text="Templates are copied into new workshops; nobody joins them."
    )
    is_archived = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
    )
    documents = models.ManyToManyField("sources.SourceDocument", blank=True, related_name="+")

    # The decision rule, shown to everyone before voting (see charters.rules).
    rule_kind = models.CharField(max_length=24, choices=RuleKind.choices, default=RuleKind.MAJORITY)
    threshold_numerator = models.PositiveSmallIntegerField(default=2)
    threshold_denominator = models.PositiveSmallIntegerField(default=3)
    count_abstentions = models.BooleanField(default=False)
    delegation_vote_by_head = models.BooleanField(default=False)
    quorum = models.PositiveSmallIntegerField(default=0)
    secret_ballot = models.BooleanField(default=False)
    hide_tally = models.BooleanField(
        default=False, help_text="Show the tally only once the vote is closed."
    )

    # The room's shared countdown; None when no timer runs.
    phase_ends_at = models.DateTimeField(null=True, blank=True)
    # While locked, participants can read and vote but not write (ACTIONS_OPEN_WHILE_LOCKED).
    is_locked = models.BooleanField(default=False)
    # What the projector shows in large type: one proposal or one clause, or nothing.
    spotlight_proposal = models.ForeignKey(
        "charters.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    spotlight_clause = models.ForeignKey(
        "charters.Clause", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(spotlight_proposal__isnull=True)
                | models.Q(spotlight_clause__isnull=True),
                name="one_spotlight_at_most",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    def allows(self, action: str) -> bool:
        """Whether participants may do `action` now: the phase decides, then the lock."""
        if self.is_locked and action not in ACTIONS_OPEN_WHILE_LOCKED:
            return False
        return action in PHASE_ACTIONS[self.phase]

    @property
    def phase_steps(self) -> list[tuple[str, str, str]]:
        """(value, label, "done" | "current" | "next") for each phase, in order."""
        here = Phase.values.index(self.phase)
        return [
            (value, label, "done" if i < here else "current" if i == here else "next")
            for i, (value, label) in enumerate(Phase.choices)
        ]

    @property
    def spotlight(self):
        """The proposal or clause on the projector, or None."""
        return self.spotlight_proposal or self.spotlight_clause

    def is_facilitated_by(self, user) -> bool:
        return bool(user.is_authenticated and (user.is_superuser or user.pk == self.created_by_id))

    @property
    def display_code(self) -> str:
        return f"{self.code[:3]}-{self.code[3:]}"


class Delegation(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="delegations")
    name = models.CharField(max_length=80)
    colour = models.CharField(max_length=7, default="#4a6fa5", help_text="A hex colour, #rrggbb.")
    brief = models.TextField(blank=True)
    principles = models.ManyToManyField("sources.Principle", blank=True, related_name="delegations")
    has_veto = models.BooleanField(default=False)
    head = models.ForeignKey(
        "Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                "workshop", Lower("name"), name="delegation_name_unique_in_workshop"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Participant(TimeStampedModel):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", "Facilitator"
        DELEGATE = "delegate", "Delegate"
        OBSERVER = "observer", "Observer"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(max_length=40)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.DELEGATE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    is_present = models.BooleanField(default=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                "workshop", Lower("display_name"), name="participant_name_unique_in_workshop"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR

    @property
    def can_vote(self) -> bool:
        return self.role == self.Role.DELEGATE

    @property
    def is_head(self) -> bool:
        return self.delegation_id is not None and self.delegation.head_id == self.pk

    def speaks_for(self, other: "Participant") -> bool:
        """Oneself, or, for a delegation's head, any member of the delegation."""
        if self.pk == other.pk:
            return True
        return self.delegation_id == other.delegation_id and self.is_head
