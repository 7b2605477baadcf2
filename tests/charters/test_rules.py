"""Decision rules: pure functions, so no database and no Django settings are needed."""

import random
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from deliberation.charters.rules import (
    Ballot,
    Choice,
    Outcome,
    Rule,
    RuleKind,
    decide,
    describe,
)

YES, NO, ABSTAIN = Choice.YES, Choice.NO, Choice.ABSTAIN
DELEGATIONS = {"nato": "NATO", "ru": "Russia", "cn": "China"}


def ballots(*votes: tuple[str | None, Choice] | tuple[str | None, Choice, bool]) -> list[Ballot]:
    """Ballots from (delegation, choice[, is_head]) tuples, voters numbered in order."""
    return [Ballot(f"p{i}", *vote) for i, vote in enumerate(votes)]


def run(
    votes: list[Ballot],
    rule: Rule | None = None,
    *,
    present: int | None = None,
    open_blocks: int = 0,
) -> Outcome:
    return decide(
        ballots=votes,
        rule=rule or Rule(),
        delegations=DELEGATIONS,
        present=len(votes) if present is None else present,
        open_blocks=open_blocks,
    )


# --- participant kinds -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "rule", "adopted", "explanation", "counts"),
    [
        pytest.param(
            ballots(("nato", YES), ("ru", YES), ("cn", NO), (None, ABSTAIN)),
            Rule(),
            True,
            "Adopted: 2 of 4 ballots in favour, 1 against, 1 abstaining",
            (2, 1, 1),
            id="majority-abstentions-not-counted",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", NO)),
            Rule(),
            False,
            "Rejected: 1 of 2 ballots in favour, 1 against; a tie is not a majority",
            (1, 1, 0),
            id="majority-tie",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", NO), ("cn", NO)),
            Rule(),
            False,
            "Rejected: 1 of 3 ballots in favour, 2 against",
            (1, 2, 0),
            id="majority-more-against",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", NO), ("cn", ABSTAIN), (None, YES)),
            Rule(count_abstentions=True),
            False,
            "Rejected: 2 of 4 ballots in favour, 1 against, 1 abstaining; "
            "exactly half is not a majority",
            (2, 1, 1),
            id="majority-counting-abstentions-half",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", NO), ("cn", ABSTAIN), (None, ABSTAIN), ("cn", YES)),
            Rule(count_abstentions=True),
            False,
            "Rejected: 2 of 5 ballots in favour, 1 against, 2 abstaining; a majority needs 3 of 5",
            (2, 1, 2),
            id="majority-counting-abstentions-short",
        ),
        pytest.param(
            ballots(("nato", ABSTAIN), ("ru", ABSTAIN)),
            Rule(),
            False,
            "Rejected: 0 of 2 ballots in favour, 2 abstaining; "
            "only abstentions, which are not counted",
            (0, 0, 2),
            id="majority-only-abstentions",
        ),
        pytest.param(
            [],
            Rule(),
            False,
            "Rejected: no votes cast",
            (0, 0, 0),
            id="majority-no-ballots",
        ),
        pytest.param(
            ballots(("nato", YES), ("nato", YES), ("ru", NO)),
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(2, 3)),
            True,
            "Adopted: 2 of 3 ballots in favour, 1 against; 2 needed (two thirds of 3 votes "
            "for or against)",
            (2, 1, 0),
            id="qualified-two-thirds-exactly",
        ),
        pytest.param(
            ballots(("nato", YES), ("nato", YES), ("ru", NO), ("cn", ABSTAIN)),
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(2, 3), count_abstentions=True),
            False,
            "Rejected: 2 of 4 ballots in favour, 1 against, 1 abstaining; "
            "3 needed (two thirds of 4 ballots)",
            (2, 1, 1),
            id="qualified-abstentions-counted",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", NO)),
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(1, 2)),
            True,
            "Adopted: 1 of 2 ballots in favour, 1 against; 1 needed (half of 2 votes "
            "for or against)",
            (1, 1, 0),
            id="qualified-half-is-inclusive",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", YES), ("cn", YES), ("cn", NO)),
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(1)),
            False,
            "Rejected: 3 of 4 ballots in favour, 1 against; 4 needed (all of 4 votes "
            "for or against)",
            (3, 1, 0),
            id="qualified-unanimity",
        ),
        pytest.param(
            ballots(*[("nato", YES)] * 11, *[("ru", NO)] * 9),
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(11, 20)),
            True,
            "Adopted: 11 of 20 ballots in favour, 9 against; 11 needed (11/20 of 20 votes "
            "for or against)",
            (11, 9, 0),
            id="qualified-unnamed-share",
        ),
    ],
)
def test_decide_counts_ballots_under_participant_kinds(votes, rule, adopted, explanation, counts):
    outcome = run(votes, rule)

    assert outcome.adopted is adopted
    assert outcome.explanation == explanation
    assert (outcome.yes, outcome.no, outcome.abstain) == counts
    assert outcome.delegation_votes == {}
    assert outcome.vetoed_by == ()


def test_decide_adopts_by_simple_majority():
    outcome = run(ballots(("nato", YES), ("ru", YES), ("cn", NO)))

    assert outcome.adopted
    assert outcome.explanation == "Adopted: 2 of 3 ballots in favour, 1 against"


def test_decide_does_not_adopt_a_tie_under_majority():
    outcome = run(ballots(("nato", YES), ("nato", YES), ("ru", NO), ("cn", NO)))

    assert not outcome.adopted
    assert outcome.explanation.endswith("a tie is not a majority")


def test_decide_counts_participants_without_delegation_under_participant_kinds():
    outcome = run(ballots((None, YES), (None, YES), ("ru", NO)))

    assert outcome.adopted
    assert outcome.by_delegation == {
        "nato": {"yes": 0, "no": 0, "abstain": 0},
        "ru": {"yes": 0, "no": 1, "abstain": 0},
        "cn": {"yes": 0, "no": 0, "abstain": 0},
    }


def test_decide_accepts_plain_string_choices():
    outcome = run(
        [Ballot("p1", "nato", "yes"), Ballot("p2", "ru", "no"), Ballot("p3", None, "yes")]
    )

    assert outcome.adopted
    assert (outcome.yes, outcome.no) == (2, 1)


# --- delegation kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "rule", "adopted", "explanation", "delegation_votes"),
    [
        pytest.param(
            ballots(("nato", YES), ("nato", NO), ("nato", YES), ("ru", YES), ("cn", NO)),
            Rule(kind=RuleKind.DELEGATION_MAJORITY),
            True,
            "Adopted: 2 of 3 delegations in favour, 1 against",
            {"nato": YES, "ru": YES, "cn": NO},
            id="majority-of-members",
        ),
        pytest.param(
            ballots(("nato", YES), ("nato", NO), ("ru", YES), ("cn", NO)),
            Rule(kind=RuleKind.DELEGATION_MAJORITY),
            False,
            "Rejected: 1 of 3 delegations in favour, 1 against, 1 abstaining; "
            "a tie is not a majority",
            {"nato": ABSTAIN, "ru": YES, "cn": NO},
            id="members-tied-delegation-abstains",
        ),
        pytest.param(
            ballots(("nato", YES), ("nato", ABSTAIN), ("nato", ABSTAIN), ("ru", YES)),
            Rule(kind=RuleKind.DELEGATION_MAJORITY),
            True,
            "Adopted: 2 of 3 delegations in favour, 1 abstaining",
            {"nato": YES, "ru": YES, "cn": ABSTAIN},
            id="member-abstentions-leave-it-to-the-others",
        ),
        pytest.param(
            ballots(("nato", YES), ("cn", NO)),
            Rule(kind=RuleKind.DELEGATION_MAJORITY, count_abstentions=True),
            False,
            "Rejected: 1 of 3 delegations in favour, 1 against, 1 abstaining; "
            "a majority needs 2 of 3",
            {"nato": YES, "ru": ABSTAIN, "cn": NO},
            id="silent-delegation-counts-as-abstention",
        ),
        pytest.param(
            ballots(
                ("nato", NO, True), ("nato", YES), ("nato", YES), ("ru", YES, True), ("cn", NO)
            ),
            Rule(kind=RuleKind.DELEGATION_MAJORITY, delegation_vote="head"),
            False,
            "Rejected: 1 of 3 delegations in favour, 1 against, 1 abstaining; "
            "a tie is not a majority",
            {"nato": NO, "ru": YES, "cn": ABSTAIN},
            id="head-overrides-members",
        ),
        pytest.param(
            ballots(
                ("nato", NO, True), ("nato", YES), ("nato", YES), ("ru", YES, True), ("cn", NO)
            ),
            Rule(kind=RuleKind.DELEGATION_MAJORITY),
            True,
            "Adopted: 2 of 3 delegations in favour, 1 against",
            {"nato": YES, "ru": YES, "cn": NO},
            id="same-ballots-by-member-majority",
        ),
        pytest.param(
            ballots(("nato", YES, True), ("ru", YES, True), ("cn", ABSTAIN)),
            Rule(kind=RuleKind.CONSENSUS),
            True,
            "Adopted: 2 of 3 delegations in favour, 1 abstaining; no delegation against",
            {"nato": YES, "ru": YES, "cn": ABSTAIN},
            id="consensus-with-abstention",
        ),
        pytest.param(
            ballots(("nato", YES), ("ru", YES), ("cn", NO)),
            Rule(kind=RuleKind.CONSENSUS),
            False,
            "Rejected: 2 of 3 delegations in favour, 1 against; China voted against",
            {"nato": YES, "ru": YES, "cn": NO},
            id="consensus-one-against",
        ),
        pytest.param(
            ballots(("nato", NO), ("ru", YES), ("cn", NO)),
            Rule(kind=RuleKind.CONSENSUS),
            False,
            "Rejected: 1 of 3 delegations in favour, 2 against; NATO and China voted against",
            {"nato": NO, "ru": YES, "cn": NO},
            id="consensus-two-against",
        ),
        pytest.param(
            ballots(("nato", ABSTAIN), ("ru", YES), ("ru", NO)),
            Rule(kind=RuleKind.CONSENSUS),
            False,
            "Rejected: 0 of 3 delegations in favour, 3 abstaining; no delegation in favour",
            {"nato": ABSTAIN, "ru": ABSTAIN, "cn": ABSTAIN},
            id="consensus-nobody-in-favour",
        ),
    ],
)
def test_decide_counts_delegation_votes_under_delegation_kinds(
    votes, rule, adopted, explanation, delegation_votes
):
    outcome = run(votes, rule)

    assert outcome.adopted is adopted
    assert outcome.explanation == explanation
    assert outcome.delegation_votes == delegation_votes
    assert outcome.yes + outcome.no + outcome.abstain == len(DELEGATIONS)


def test_decide_lets_the_head_vote_for_the_delegation():
    votes = ballots(("nato", NO, True), ("nato", YES), ("nato", YES))

    by_head = run(votes, Rule(kind=RuleKind.DELEGATION_MAJORITY, delegation_vote="head"))
    by_members = run(votes, Rule(kind=RuleKind.DELEGATION_MAJORITY))

    assert by_head.delegation_votes["nato"] is NO
    assert by_members.delegation_votes["nato"] is YES
    assert by_head.by_delegation == by_members.by_delegation


def test_decide_abstains_for_a_delegation_whose_head_did_not_vote():
    outcome = run(
        ballots(("nato", YES), ("nato", YES), ("ru", YES, True)),
        Rule(kind=RuleKind.DELEGATION_MAJORITY, delegation_vote="head"),
    )

    assert outcome.delegation_votes == {"nato": ABSTAIN, "ru": YES, "cn": ABSTAIN}
    assert outcome.adopted


def test_decide_ignores_participants_without_delegation_in_delegation_votes():
    outcome = run(
        ballots((None, NO), (None, NO), (None, NO), ("nato", YES)),
        Rule(kind=RuleKind.DELEGATION_MAJORITY),
    )

    assert outcome.adopted
    assert (outcome.yes, outcome.no, outcome.abstain) == (1, 0, 2)


def test_decide_blocks_consensus_while_an_objection_is_open():
    votes = ballots(("nato", YES), ("ru", YES), ("cn", YES))
    rule = Rule(kind=RuleKind.CONSENSUS)

    assert run(votes, rule, open_blocks=0).adopted
    one = run(votes, rule, open_blocks=1)
    two = run(votes, rule, open_blocks=2)

    assert not one.adopted
    assert one.explanation == "Blocked: 1 objection still open"
    assert two.explanation == "Blocked: 2 objections still open"
    assert one.delegation_votes == {"nato": YES, "ru": YES, "cn": YES}


@pytest.mark.parametrize(
    "kind", [RuleKind.MAJORITY, RuleKind.QUALIFIED, RuleKind.DELEGATION_MAJORITY]
)
def test_decide_ignores_open_blocks_outside_consensus(kind):
    outcome = run(ballots(("nato", YES), ("ru", YES), ("cn", YES)), Rule(kind=kind), open_blocks=3)

    assert outcome.adopted


def test_decide_rejects_consensus_with_one_delegation_against():
    outcome = run(
        ballots(("nato", YES), ("nato", YES), ("ru", YES), ("cn", NO), ("cn", ABSTAIN)),
        Rule(kind=RuleKind.CONSENSUS),
    )

    assert not outcome.adopted
    assert outcome.explanation.endswith("China voted against")


# --- quorum and veto -----------------------------------------------------------------------


def test_decide_adopts_when_quorum_is_met():
    outcome = run(
        ballots(("nato", YES), ("nato", YES), ("ru", YES), ("ru", ABSTAIN), ("cn", NO), (None, NO)),
        Rule(kind=RuleKind.DELEGATION_MAJORITY, quorum=6, veto=frozenset({"ru"})),
        present=7,
    )

    assert outcome.adopted
    assert outcome.explanation == (
        "Adopted: 2 of 3 delegations in favour, 1 against; no veto cast; quorum 6 of 7 present"
    )


def test_decide_rejects_when_quorum_is_not_reached():
    outcome = run(ballots(("nato", YES), ("ru", YES), ("cn", ABSTAIN)), Rule(quorum=4), present=5)

    assert not outcome.adopted
    assert outcome.explanation == "Rejected: quorum not reached (3 ballots, 4 required)"
    assert (outcome.yes, outcome.no, outcome.abstain) == (2, 0, 1)


def test_decide_counts_abstentions_and_unaffiliated_ballots_towards_quorum():
    outcome = run(ballots(("nato", YES), ("ru", ABSTAIN), (None, ABSTAIN)), Rule(quorum=3))

    assert outcome.adopted
    assert outcome.explanation.endswith("quorum 3 of 3 present")


def test_decide_never_shows_fewer_present_than_ballots():
    outcome = run(ballots(("nato", YES), ("ru", YES)), Rule(quorum=1), present=0)

    assert outcome.explanation.endswith("quorum 2 of 2 present")


def test_decide_rejects_when_one_ballot_short_of_quorum():
    outcome = run(ballots(("nato", YES)), Rule(quorum=2))

    assert outcome.explanation == "Rejected: quorum not reached (1 ballot, 2 required)"


@pytest.mark.parametrize("kind", list(RuleKind))
def test_decide_rejects_a_vetoed_proposal_under_every_kind(kind):
    votes = ballots(("nato", YES), ("nato", YES), ("ru", NO), ("cn", YES), (None, YES), (None, YES))

    outcome = run(votes, Rule(kind=kind, veto=frozenset({"ru", "cn"})))

    assert not outcome.adopted
    assert outcome.explanation == "Rejected: vetoed by Russia"
    assert outcome.vetoed_by == ("ru",)


def test_decide_names_every_vetoing_delegation_in_delegation_order():
    outcome = run(
        ballots(("cn", NO), ("ru", NO), ("nato", YES)),
        Rule(veto=frozenset({"cn", "ru", "nato"})),
    )

    assert outcome.vetoed_by == ("ru", "cn")
    assert outcome.explanation == "Rejected: vetoed by Russia and China"


def test_decide_takes_the_veto_from_the_delegation_vote():
    votes = ballots(("ru", NO), ("ru", YES), ("ru", YES, True), ("nato", YES))

    by_members = run(votes, Rule(veto=frozenset({"ru"})))
    by_head = run(votes, Rule(veto=frozenset({"ru"}), delegation_vote="head"))
    head_says_no = run(
        ballots(("ru", NO, True), ("ru", YES), ("ru", YES), ("nato", YES)),
        Rule(veto=frozenset({"ru"}), delegation_vote="head"),
    )

    assert by_members.adopted
    assert by_head.adopted
    assert head_says_no.vetoed_by == ("ru",)
    assert not head_says_no.adopted


def test_decide_reports_quorum_before_veto():
    outcome = run(ballots(("ru", NO)), Rule(veto=frozenset({"ru"}), quorum=2))

    assert outcome.explanation.startswith("Rejected: quorum not reached")
    assert outcome.vetoed_by == ("ru",)


def test_decide_reports_veto_before_open_objections():
    outcome = run(
        ballots(("ru", NO)), Rule(kind=RuleKind.CONSENSUS, veto=frozenset({"ru"})), open_blocks=1
    )

    assert outcome.explanation == "Rejected: vetoed by Russia"


def test_decide_fills_by_delegation_for_every_delegation():
    outcome = run(ballots(("nato", YES), ("nato", ABSTAIN), ("ru", NO), (None, YES)))

    assert outcome.by_delegation == {
        "nato": {"yes": 1, "no": 0, "abstain": 1},
        "ru": {"yes": 0, "no": 1, "abstain": 0},
        "cn": {"yes": 0, "no": 0, "abstain": 0},
    }


# --- invalid input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"threshold": Fraction(0)}, "threshold must be more than 0 and at most 1, got 0"),
        ({"threshold": Fraction(3, 2)}, "threshold must be more than 0 and at most 1, got 3/2"),
        ({"threshold": Fraction(-1, 3)}, "threshold must be more than 0"),
        ({"delegation_vote": "chair"}, "delegation_vote must be 'majority' or 'head'"),
        ({"quorum": -1}, "quorum cannot be negative, got -1"),
        ({"kind": "lottery"}, "unknown rule kind 'lottery'"),
        ({"veto": "ru"}, "veto must be a collection of delegation keys"),
    ],
)
def test_rule_rejects_invalid_settings(fields, message):
    with pytest.raises(ValueError, match=message):
        Rule(**fields)


def test_rule_normalises_plain_values():
    rule = Rule(kind="qualified", threshold=0.67, veto=["ru"])

    assert rule.kind is RuleKind.QUALIFIED
    assert rule.threshold == Fraction(67, 100)
    assert rule.veto == frozenset({"ru"})


def test_decide_rejects_veto_for_an_unknown_delegation():
    with pytest.raises(ValueError, match="veto names unknown delegations: uk, us"):
        run([], Rule(veto=frozenset({"us", "uk", "ru"})))


def test_describe_rejects_veto_for_an_unknown_delegation():
    with pytest.raises(ValueError, match="veto names unknown delegations: us"):
        describe(Rule(veto=frozenset({"us"})), DELEGATIONS)


def test_decide_rejects_a_duplicate_voter():
    with pytest.raises(ValueError, match="duplicate ballot for voter 'p1'"):
        run([Ballot("p1", "nato", YES), Ballot("p1", "nato", NO)])


def test_decide_rejects_a_ballot_from_an_unknown_delegation():
    with pytest.raises(ValueError, match="ballot from 'p1' names unknown delegation 'us'"):
        run([Ballot("p1", "us", YES)])


def test_decide_rejects_two_heads_in_one_delegation_when_heads_vote():
    votes = ballots(("nato", YES, True), ("nato", NO, True))

    assert run(votes, Rule(kind=RuleKind.DELEGATION_MAJORITY)).delegation_votes["nato"] is ABSTAIN
    with pytest.raises(ValueError, match=r"delegation NATO has two head ballots \('p0' and 'p1'\)"):
        run(votes, Rule(kind=RuleKind.DELEGATION_MAJORITY, delegation_vote="head"))


@pytest.mark.parametrize(
    ("present", "open_blocks", "message"),
    [(-1, 0, "present cannot be negative"), (0, -1, "open_blocks cannot be negative")],
)
def test_decide_rejects_negative_counts(present, open_blocks, message):
    with pytest.raises(ValueError, match=message):
        run([], present=present, open_blocks=open_blocks)


def test_decide_rejects_an_unknown_choice():
    with pytest.raises(ValueError, match="'maybe' is not a valid Choice"):
        run([Ballot("p1", "nato", "maybe")])


# --- describe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            Rule(veto=frozenset({"cn", "ru"}), quorum=5),
            "Simple majority of votes cast (abstentions not counted). Veto: Russia, China. "
            "Quorum: 5.",
        ),
        (Rule(count_abstentions=True), "Simple majority of votes cast (abstentions counted)."),
        (
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(2, 3)),
            "Qualified majority: at least two thirds of votes cast in favour "
            "(abstentions not counted).",
        ),
        (
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(7, 10), count_abstentions=True),
            "Qualified majority: at least 7/10 of votes cast in favour (abstentions counted).",
        ),
        (
            Rule(kind=RuleKind.QUALIFIED, threshold=Fraction(1)),
            "Qualified majority: every vote cast must be in favour (abstentions not counted).",
        ),
        (
            Rule(kind=RuleKind.DELEGATION_MAJORITY),
            "Simple majority of delegations, one vote each (abstentions not counted). "
            "Each delegation votes as the majority of its members; "
            "a tie or no ballots means it abstains.",
        ),
        (
            Rule(kind=RuleKind.CONSENSUS, delegation_vote="head", veto=frozenset({"nato"})),
            "Consensus of delegations, one vote each: adopted when at least one delegation "
            "votes yes, none votes against and no blocking objection is open. "
            "Each delegation's head casts its vote; without the head's ballot it abstains. "
            "Veto: NATO.",
        ),
    ],
)
def test_describe_says_the_rule_in_plain_words(rule, text):
    assert describe(rule, DELEGATIONS) == text


# --- properties ----------------------------------------------------------------------------

# Every kind is monotone in yes votes, CONSENSUS included, so the properties cover all four.
delegation_keys = st.sampled_from([*DELEGATIONS, None])


@st.composite
def rules(draw):
    return Rule(
        kind=draw(st.sampled_from(RuleKind)),
        threshold=draw(
            st.fractions(min_value=0, max_value=1, max_denominator=12).filter(lambda f: f > 0)
        ),
        count_abstentions=draw(st.booleans()),
        delegation_vote=draw(st.sampled_from(["majority", "head"])),
        veto=draw(st.frozensets(st.sampled_from(list(DELEGATIONS)))),
        quorum=draw(st.integers(min_value=0, max_value=8)),
    )


@st.composite
def ballot_lists(draw, max_size=12):
    """Ballots with unique voters and at most one head per delegation."""
    drawn = draw(
        st.lists(
            st.tuples(delegation_keys, st.sampled_from(Choice), st.booleans()), max_size=max_size
        )
    )
    headed: set[str] = set()
    result = []
    for i, (delegation, choice, is_head) in enumerate(drawn):
        is_head = is_head and delegation is not None and delegation not in headed
        if is_head:
            headed.add(delegation)
        result.append(Ballot(f"p{i}", delegation, choice, is_head))
    return result


def heads_of(votes: list[Ballot]) -> set[str | None]:
    return {ballot.delegation for ballot in votes if ballot.is_head}


@settings(max_examples=300)
@given(
    votes=ballot_lists(),
    rule=rules(),
    delegation=delegation_keys,
    as_head=st.booleans(),
    open_blocks=st.integers(0, 2),
)
def test_adding_a_yes_never_turns_adopted_into_rejected(
    votes, rule, delegation, as_head, open_blocks
):
    # The newcomer is present and becomes head only where the delegation has none.
    is_head = as_head and delegation is not None and delegation not in heads_of(votes)
    before = run(votes, rule, open_blocks=open_blocks)
    after = run(
        [*votes, Ballot("newcomer", delegation, YES, is_head)], rule, open_blocks=open_blocks
    )

    if before.adopted:
        assert after.adopted, (before.explanation, after.explanation)


@settings(max_examples=300)
@given(
    votes=ballot_lists(),
    rule=rules(),
    data=st.data(),
    open_blocks=st.integers(0, 2),
)
def test_turning_a_yes_into_a_no_never_turns_rejected_into_adopted(votes, rule, data, open_blocks):
    yes_positions = [i for i, ballot in enumerate(votes) if ballot.choice is YES]
    assume(yes_positions)
    i = data.draw(st.sampled_from(yes_positions))
    changed = [*votes[:i], Ballot(votes[i].voter, votes[i].delegation, NO, votes[i].is_head)]
    changed += votes[i + 1 :]

    before = run(votes, rule, open_blocks=open_blocks)
    after = run(changed, rule, open_blocks=open_blocks)

    if not before.adopted:
        assert not after.adopted, (before.explanation, after.explanation)


@settings(max_examples=300)
@given(votes=ballot_lists(), rule=rules(), vetoing=st.sampled_from(list(DELEGATIONS)))
def test_a_single_veto_defeats_a_proposal_whatever_the_other_votes(votes, rule, vetoing):
    # Whether the delegation votes by majority or through its head, a lone NO from its head
    # is its vote.
    others = [ballot for ballot in votes if ballot.delegation != vetoing]
    votes = [*others, Ballot("veto-holder", vetoing, NO, is_head=True)]
    rule = replace(rule, veto=rule.veto | {vetoing})

    outcome = run(votes, rule)

    assert not outcome.adopted
    assert vetoing in outcome.vetoed_by
    if len(votes) >= rule.quorum:
        assert outcome.explanation.startswith("Rejected: vetoed by ")
        assert DELEGATIONS[vetoing] in outcome.explanation


@settings(max_examples=200)
@given(votes=ballot_lists(), rule=rules(), seed=st.randoms(use_true_random=False))
def test_the_outcome_does_not_depend_on_ballot_order(votes, rule, seed):
    shuffled = list(votes)
    seed.shuffle(shuffled)

    assert run(shuffled, rule) == run(votes, rule)


@settings(max_examples=300)
@given(votes=ballot_lists(), rule=rules(), open_blocks=st.integers(0, 2))
def test_counts_add_up_to_the_ballots(votes, rule, open_blocks):
    outcome = run(votes, rule, open_blocks=open_blocks)

    by_delegations = rule.kind in {RuleKind.DELEGATION_MAJORITY, RuleKind.CONSENSUS}
    units = len(DELEGATIONS) if by_delegations else len(votes)
    assert outcome.yes + outcome.no + outcome.abstain == units
    affiliated = [ballot for ballot in votes if ballot.delegation is not None]
    assert sum(sum(tally.values()) for tally in outcome.by_delegation.values()) == len(affiliated)
    for choice in Choice:
        assert sum(tally[choice] for tally in outcome.by_delegation.values()) == sum(
            1 for ballot in affiliated if ballot.choice is choice
        )
    assert outcome.explanation.startswith("Adopted: ") is outcome.adopted


def test_random_shuffles_of_a_large_vote_agree():
    # A fixed, larger case alongside the property: 60 ballots across every kind.
    rng = random.Random(7)
    votes = [
        Ballot(f"p{i}", rng.choice([*DELEGATIONS, None]), rng.choice(list(Choice)))
        for i in range(60)
    ]
    for kind in RuleKind:
        rule = Rule(kind=kind, threshold=Fraction(3, 5), quorum=40)
        expected = run(votes, rule)
        for _ in range(5):
            rng.shuffle(votes)
            assert run(votes, rule) == expected
