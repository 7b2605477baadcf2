"""How the results page tells consensus from division: pure functions, no database.

For one clause and one delegation, the *agree share* is the number of the delegation's members
who reacted "agree" divided by the number who reacted at all (agree, disagree or pass: passing
is not agreeing). Observers, who sit in no delegation, are counted on the page but not here.

- **Consensus**: every delegation of the workshop (that has members) reacted to the clause, and
  every delegation's agree share is at least CONSENSUS_SHARE (0.6).
- **Divisive**: at least two delegations reacted, and the spread between the highest and the
  lowest agree share is at least DIVISIVE_SPREAD (0.5).
- Otherwise **mixed** when every delegation reacted, or **too few reactions** when some did not.

The two labels cannot both hold: shares all at or above 0.6 are at most 0.4 apart.
"""

from dataclasses import dataclass
from enum import StrEnum

CONSENSUS_SHARE = 0.6
DIVISIVE_SPREAD = 0.5


class Verdict(StrEnum):
    CONSENSUS = "consensus"
    DIVISIVE = "divisive"
    MIXED = "mixed"
    TOO_FEW = "too_few"

    @property
    def label(self) -> str:
        return {
            "consensus": "Consensus",
            "divisive": "Divisive",
            "mixed": "Mixed",
            "too_few": "Too few reactions",
        }[self.value]


@dataclass(frozen=True)
class Tally:
    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed

    @property
    def agree_share(self) -> float | None:
        return self.agree / self.total if self.total else None

    def percent(self, part: int) -> int:
        return round(100 * part / self.total) if self.total else 0

    @property
    def agree_percent(self) -> int:
        return self.percent(self.agree)

    @property
    def disagree_percent(self) -> int:
        return self.percent(self.disagree)

    @property
    def pass_percent(self) -> int:
        return self.percent(self.passed)


def spread(tallies: list[Tally]) -> float | None:
    shares = [t.agree_share for t in tallies if t.agree_share is not None]
    return max(shares) - min(shares) if len(shares) >= 2 else None


def verdict(
    tallies: list[Tally],
    *,
    consensus_share: float = CONSENSUS_SHARE,
    divisive_spread: float = DIVISIVE_SPREAD,
) -> Verdict:
    """The verdict on one clause from the tallies of *every* delegation of the workshop."""
    shares = [t.agree_share for t in tallies]
    reacted = [s for s in shares if s is not None]
    if len(reacted) >= 2 and max(reacted) - min(reacted) >= divisive_spread:
        return Verdict.DIVISIVE
    if not tallies or len(reacted) < len(shares):
        return Verdict.TOO_FEW
    if all(s >= consensus_share for s in reacted):
        return Verdict.CONSENSUS
    return Verdict.MIXED
