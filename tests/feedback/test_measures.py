"""The consensus measure, without a database."""

from deliberation.feedback.measures import Tally, Verdict, spread, verdict


def test_every_delegation_agreeing_enough_is_consensus():
    assert verdict([Tally(agree=3), Tally(agree=2, disagree=1), Tally(agree=3, passed=2)]) == (
        Verdict.CONSENSUS
    )


def test_a_delegation_just_below_the_share_breaks_consensus():
    # Shares 0.67 and 0.5: one is under 0.6, and they are 0.17 apart.
    assert verdict([Tally(agree=2, disagree=1), Tally(agree=1, disagree=1)]) == Verdict.MIXED


def test_exactly_the_consensus_share_counts():
    assert verdict([Tally(agree=3, disagree=2), Tally(agree=3, passed=2)]) == Verdict.CONSENSUS


def test_a_spread_of_half_is_divisive():
    tallies = [Tally(agree=2), Tally(agree=1, disagree=1), Tally(disagree=1)]
    assert spread(tallies) == 1.0
    assert verdict(tallies) == Verdict.DIVISIVE


def test_passing_is_not_agreeing():
    assert Tally(agree=1, passed=1).agree_share == 0.5


def test_a_silent_delegation_means_too_few_reactions():
    assert verdict([Tally(agree=3), Tally(agree=3), Tally()]) == Verdict.TOO_FEW


def test_division_shows_even_when_a_delegation_is_silent():
    assert verdict([Tally(agree=3), Tally(disagree=3), Tally()]) == Verdict.DIVISIVE


def test_no_delegations_means_too_few_reactions():
    assert verdict([]) == Verdict.TOO_FEW
    assert spread([Tally(agree=1)]) is None
