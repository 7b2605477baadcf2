"""Reads for the projector and the console's tallies: a vote's ballots by delegation, as bars."""

from dataclasses import dataclass

from django.db.models import Count, Q

from deliberation.charters.models import Proposal
from deliberation.charters.services import proposal_tally

from .models import Participant, Workshop


@dataclass(frozen=True)
class Bar:
    """One delegation's ballots on one proposal, with widths for a CSS bar (percent)."""

    name: str
    colour: str
    seats: int
    yes: int
    no: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    def _percent(self, count: int) -> float:
        return round(100 * count / max(self.seats, self.cast, 1), 1)

    @property
    def yes_percent(self) -> float:
        return self._percent(self.yes)

    @property
    def no_percent(self) -> float:
        return self._percent(self.no)

    @property
    def abstain_percent(self) -> float:
        return self._percent(self.abstain)


@dataclass(frozen=True)
class Tally:
    proposal: Proposal
    bars: list[Bar]
    total: Bar
    # What closing the vote now would decide, in words; empty while the tally is hidden.
    projection: str
    hidden: bool
    secret: bool


def proposal_tally_chart(workshop: Workshop, proposal: Proposal) -> Tally:
    """The live tally of `proposal` by delegation, as the room may see it.

    A hidden tally (until the vote closes) shows only how many ballots are in; a secret
    ballot shows the totals, never a delegation's split, which can name a voter.
    """
    outcome = proposal_tally(proposal)
    delegations = workshop.delegations.annotate(
        seats=Count("members", filter=Q(members__role=Participant.Role.DELEGATE))
    )
    bars = [
        Bar(
            name=delegation.name,
            colour=delegation.colour,
            seats=delegation.seats,
            **outcome.by_delegation.get(str(delegation.pk), {"yes": 0, "no": 0, "abstain": 0}),
        )
        for delegation in delegations
    ]
    total = Bar(
        name="All delegates",
        colour="#374151",
        seats=sum(bar.seats for bar in bars),
        yes=sum(bar.yes for bar in bars),
        no=sum(bar.no for bar in bars),
        abstain=sum(bar.abstain for bar in bars),
    )
    hidden = proposal.is_open and workshop.hide_tally
    return Tally(
        proposal=proposal,
        bars=[] if hidden or workshop.secret_ballot else bars,
        total=total,
        projection="" if hidden or not proposal.is_open else outcome.explanation,
        hidden=hidden,
        secret=workshop.secret_ballot,
    )


def projector_tallies(workshop: Workshop) -> list[Tally]:
    """The spotlighted proposal's tally, or else the tallies of every open proposal."""
    if workshop.spotlight_proposal_id:
        proposals = [workshop.spotlight_proposal]
    elif workshop.spotlight_clause_id:
        proposals = []
    else:
        proposals = list(
            workshop.proposals.filter(status=Proposal.Status.OPEN).select_related("delegation")
        )
    return [proposal_tally_chart(workshop, proposal) for proposal in proposals]


def latest_result(workshop: Workshop) -> Tally | None:
    """The vote decided last, with its final tally and its result in words, so the room sees
    what it just decided; None when nothing is decided yet or it is already spotlighted."""
    proposal = (
        workshop.proposals.filter(
            status__in=[Proposal.Status.ADOPTED, Proposal.Status.REJECTED],
            decided_at__isnull=False,
        )
        .exclude(outcome="")
        .select_related("delegation")
        .order_by("-decided_at")
        .first()
    )
    if proposal is None or proposal.pk == workshop.spotlight_proposal_id:
        return None
    return proposal_tally_chart(workshop, proposal)
