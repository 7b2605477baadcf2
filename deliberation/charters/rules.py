"""Decision rules: who wins a vote on a proposal, and why, in words.

A pure core (no Django, no database): services read the workshop's rule and the ballots
from the models, call `decide(...)`, and store or show the `Outcome`. Keeping it pure lets us
test every rule exhaustively, including property tests, in milliseconds.

Vocabulary:
- a *ballot* is one participant's vote;
- a *delegation vote* is the one vote a delegation casts under the delegation kinds (and for
  its veto), set by the majority of its members' ballots or by its head's ballot;
- the *deciding units* are the ballots (MAJORITY, QUALIFIED) or the delegation votes
  (DELEGATION_MAJORITY, CONSENSUS); the outcome's yes/no/abstain count them.

Checks run in a fixed order, and the explanation gives the first one that fails: quorum, then
veto, then open objections (CONSENSUS only), then the count itself.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class RuleKind(StrEnum):
    # More than half of the ballots counted: yes > no, or yes > half of all ballots when
    # abstentions count.
    MAJORITY = "majority"
    # One vote per delegation; then a simple majority of those votes.
    DELEGATION_MAJORITY = "delegation_majority"
    # Yes share >= threshold of the ballots counted.
    QUALIFIED = "qualified"
    # Delegation votes: no delegation against, no open block, at least one delegation for.
    CONSENSUS = "consensus"


DELEGATION_KINDS = frozenset({RuleKind.DELEGATION_MAJORITY, RuleKind.CONSENSUS})
DELEGATION_VOTE_MODES = ("majority", "head")

# Shares that people say in words; any other threshold is shown as a fraction.
_SHARE_NAMES = {
    Fraction(1, 3): "one third",
    Fraction(1, 2): "half",
    Fraction(3, 5): "three fifths",
    Fraction(2, 3): "two thirds",
    Fraction(3, 4): "three quarters",
    Fraction(4, 5): "four fifths",
    Fraction(1): "all",
}


@dataclass(frozen=True)
class Ballot:
    voter: str
    # None for participants outside any delegation (observers, the chair): they count under
    # MAJORITY and QUALIFIED and towards the quorum, but not in any delegation vote.
    delegation: str | None
    choice: Choice
    is_head: bool = False


@dataclass(frozen=True)
class Rule:
    """A workshop's decision rule.

    Construction normalises and checks everything that does not need the delegations
    (kind, threshold, delegation_vote, quorum), so an invalid rule cannot exist; the veto
    keys are checked against the delegations by `decide` and `describe`.
    """

    kind: RuleKind = RuleKind.MAJORITY
    # QUALIFIED only: yes share must be >= threshold. MAJORITY is always strictly > 1/2.
    threshold: Fraction = Fraction(1, 2)
    # Abstentions count in the denominator (of ballots, or of delegation votes).
    count_abstentions: bool = False
    # How a delegation's one vote is set: "majority" of its members or its "head"'s ballot.
    delegation_vote: str = "majority"
    # Delegations whose NO defeats the proposal under any kind (as in the UN Security Council).
    veto: frozenset[str] = frozenset()
    # Minimum number of ballots (abstentions included) for the vote to count.
    quorum: int = 0

    def __post_init__(self) -> None:
        # Values often arrive from forms or model fields as plain strings, lists or Decimals;
        # accept those rather than make every caller convert.
        try:
            kind = RuleKind(self.kind)
        except ValueError:
            options = ", ".join(k.value for k in RuleKind)
            raise ValueError(f"unknown rule kind {self.kind!r}; use one of {options}") from None
        object.__setattr__(self, "kind", kind)

        threshold = self.threshold
        if isinstance(threshold, bool):
            raise ValueError(f"threshold must be a fraction, got {threshold!r}")
        if isinstance(threshold, float):
            # 0.67 means 67/100, not the nearest binary fraction.
            threshold = Fraction(threshold).limit_denominator(1000)
        threshold = Fraction(threshold)
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must be more than 0 and at most 1, got {threshold}")
        object.__setattr__(self, "threshold", threshold)

        if self.delegation_vote not in DELEGATION_VOTE_MODES:
            raise ValueError(
                f"delegation_vote must be 'majority' or 'head', got {self.delegation_vote!r}"
            )
        if isinstance(self.veto, str):
            # frozenset("ru") would silently become {"r", "u"}.
            raise ValueError(f"veto must be a collection of delegation keys, got {self.veto!r}")
        object.__setattr__(self, "veto", frozenset(self.veto))
        if self.quorum < 0:
            raise ValueError(f"quorum cannot be negative, got {self.quorum}")


@dataclass(frozen=True)
class Outcome:
    adopted: bool
    explanation: str
    # Counts of the deciding units: ballots, or delegation votes for the delegation kinds.
    yes: int
    no: int
    abstain: int
    # Participant ballots per delegation, every delegation listed (zeros included), for charts.
    by_delegation: dict[str, dict[str, int]]
    # The one vote each delegation cast; empty for MAJORITY and QUALIFIED.
    delegation_votes: dict[str, Choice]
    # Veto holders whose delegation vote was NO, in the order of `delegations`.
    vetoed_by: tuple[str, ...]


def decide(
    *,
    ballots: Sequence[Ballot],
    rule: Rule,
    delegations: Mapping[str, str],
    present: int,
    open_blocks: int = 0,
) -> Outcome:
    """Decide a vote on a proposal under `rule` and explain the result in one line.

    `delegations` maps every delegation key of the workshop to its display name, including
    delegations that cast no ballot (they abstain). `present` is the number of participants
    marked present, used only in the quorum text. `open_blocks` is the number of open
    objections that block under consent; only CONSENSUS looks at it.

    Raises ValueError on a veto key outside `delegations`, a ballot naming an unknown
    delegation, two ballots from one voter, two head ballots in one delegation (when the
    head votes for it), or a negative `present` or `open_blocks`.
    """
    _check_veto(rule, delegations)
    if present < 0:
        raise ValueError(f"present cannot be negative, got {present}")
    if open_blocks < 0:
        raise ValueError(f"open_blocks cannot be negative, got {open_blocks}")

    by_delegation = {key: {choice.value: 0 for choice in Choice} for key in delegations}
    heads: dict[str, Ballot] = {}
    seen: set[str] = set()
    choices: list[Choice] = []
    for ballot in ballots:
        if ballot.voter in seen:
            raise ValueError(f"duplicate ballot for voter {ballot.voter!r}")
        seen.add(ballot.voter)
        choice = Choice(ballot.choice)
        choices.append(choice)
        if ballot.delegation is None:
            continue
        if ballot.delegation not in delegations:
            raise ValueError(
                f"ballot from {ballot.voter!r} names unknown delegation {ballot.delegation!r}"
            )
        by_delegation[ballot.delegation][choice.value] += 1
        if ballot.is_head and rule.delegation_vote == "head":
            if ballot.delegation in heads:
                other = heads[ballot.delegation].voter
                raise ValueError(
                    f"delegation {delegations[ballot.delegation]} has two head ballots "
                    f"({other!r} and {ballot.voter!r})"
                )
            heads[ballot.delegation] = ballot

    # Every delegation's vote is needed for the veto even under the participant kinds.
    votes = {key: _delegation_vote(rule, by_delegation[key], heads.get(key)) for key in delegations}
    vetoed_by = tuple(key for key in delegations if key in rule.veto and votes[key] is Choice.NO)
    units = list(votes.values()) if rule.kind in DELEGATION_KINDS else choices
    yes, no, abstain = (units.count(choice) for choice in Choice)

    ballot_count = len(ballots)
    adopted = False
    if ballot_count < rule.quorum:
        explanation = (
            f"Rejected: quorum not reached ({_plural(ballot_count, 'ballot')}, "
            f"{rule.quorum} required)"
        )
    elif vetoed_by:
        explanation = f"Rejected: vetoed by {_names(vetoed_by, delegations)}"
    elif rule.kind is RuleKind.CONSENSUS and open_blocks:
        explanation = f"Blocked: {_plural(open_blocks, 'objection')} still open"
    else:
        adopted, detail = _count(rule, votes, delegations, yes=yes, no=no, abstain=abstain)
        if adopted:
            parts = [detail]
            if rule.veto:
                parts.append("no veto cast")
            if rule.quorum:
                # Someone who cast a ballot was there, even if nobody ticked them present.
                parts.append(f"quorum {ballot_count} of {max(present, ballot_count)} present")
            explanation = "Adopted: " + "; ".join(parts)
        else:
            explanation = f"Rejected: {detail}"

    return Outcome(
        adopted=adopted,
        explanation=explanation,
        yes=yes,
        no=no,
        abstain=abstain,
        by_delegation=by_delegation,
        delegation_votes=votes if rule.kind in DELEGATION_KINDS else {},
        vetoed_by=vetoed_by,
    )


def describe(rule: Rule, delegations: Mapping[str, str]) -> str:
    """The rule in plain words, shown to everyone before voting so nobody is surprised."""
    _check_veto(rule, delegations)
    counted = "abstentions counted" if rule.count_abstentions else "abstentions not counted"
    if rule.delegation_vote == "head":
        how = "Each delegation's head casts its vote; without the head's ballot it abstains."
    else:
        how = (
            "Each delegation votes as the majority of its members; "
            "a tie or no ballots means it abstains."
        )

    if rule.kind is RuleKind.MAJORITY:
        sentences = [f"Simple majority of votes cast ({counted})."]
    elif rule.kind is RuleKind.QUALIFIED:
        if rule.threshold == 1:
            sentences = [f"Qualified majority: every vote cast must be in favour ({counted})."]
        else:
            share = _share(rule.threshold)
            sentences = [
                f"Qualified majority: at least {share} of votes cast in favour ({counted})."
            ]
    elif rule.kind is RuleKind.DELEGATION_MAJORITY:
        sentences = [f"Simple majority of delegations, one vote each ({counted}).", how]
    else:
        sentences = [
            "Consensus of delegations, one vote each: adopted when at least one delegation "
            "votes yes, none votes against and no blocking objection is open.",
            how,
        ]
    if rule.veto:
        sentences.append(f"Veto: {', '.join(_veto_names(rule, delegations))}.")
    if rule.quorum:
        sentences.append(f"Quorum: {rule.quorum}.")
    return " ".join(sentences)


def _check_veto(rule: Rule, delegations: Mapping[str, str]) -> None:
    unknown = sorted(rule.veto - set(delegations))
    if unknown:
        raise ValueError(f"veto names unknown delegations: {', '.join(unknown)}")


def _delegation_vote(rule: Rule, tally: Mapping[str, int], head: Ballot | None) -> Choice:
    """One delegation's vote.

    Under "majority" a member's abstention leaves the decision to the other members, so
    only yes against no matters; a tie or no ballots at all means the delegation abstains.
    """
    if rule.delegation_vote == "head":
        return Choice(head.choice) if head is not None else Choice.ABSTAIN
    if tally[Choice.YES] > tally[Choice.NO]:
        return Choice.YES
    if tally[Choice.NO] > tally[Choice.YES]:
        return Choice.NO
    return Choice.ABSTAIN


def _count(
    rule: Rule,
    votes: Mapping[str, Choice],
    delegations: Mapping[str, str],
    *,
    yes: int,
    no: int,
    abstain: int,
) -> tuple[bool, str]:
    """Apply the kind's arithmetic to the deciding units; return (adopted, detail)."""
    total = yes + no + abstain
    if total == 0:
        return False, "no votes cast"
    unit = "delegations" if rule.kind in DELEGATION_KINDS else "ballots"
    tally = f"{yes} of {total} {unit} in favour"
    if no:
        tally += f", {no} against"
    if abstain:
        tally += f", {abstain} abstaining"

    if rule.kind is RuleKind.CONSENSUS:
        against = [key for key, vote in votes.items() if vote is Choice.NO]
        if against:
            return False, f"{tally}; {_names(against, delegations)} voted against"
        if not yes:
            return False, f"{tally}; no delegation in favour"
        return True, f"{tally}; no delegation against"

    denominator = total if rule.count_abstentions else yes + no
    if denominator == 0:
        return False, f"{tally}; only abstentions, which are not counted"

    if rule.kind is RuleKind.QUALIFIED:
        needed = math.ceil(rule.threshold * denominator)
        basis = "ballots" if rule.count_abstentions else "votes for or against"
        share = _share(rule.threshold)
        return yes >= needed, f"{tally}; {needed} needed ({share} of {denominator} {basis})"

    # MAJORITY and DELEGATION_MAJORITY: strictly more than half.
    if 2 * yes > denominator:
        return True, tally
    if 2 * yes == denominator:
        reason = "exactly half is not a majority" if no != yes else "a tie is not a majority"
        return False, f"{tally}; {reason}"
    if rule.count_abstentions:
        return False, f"{tally}; a majority needs {denominator // 2 + 1} of {denominator}"
    return False, tally


def _share(threshold: Fraction) -> str:
    return _SHARE_NAMES.get(threshold, f"{threshold.numerator}/{threshold.denominator}")


def _veto_names(rule: Rule, delegations: Mapping[str, str]) -> list[str]:
    # Follow the delegations' order: a frozenset has none, and text must not flicker.
    return [name for key, name in delegations.items() if key in rule.veto]


def _names(keys: Sequence[str], delegations: Mapping[str, str]) -> str:
    names = [delegations[key] for key in keys]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
