"""alignment_delta: what an amendment changes in alignment (pure, no database)."""

from dataclasses import dataclass

from deliberation.sources.delta import alignment_delta


@dataclass(frozen=True)
class P:
    pk: int
    title: str


@dataclass(frozen=True)
class A:
    principle: P
    stance: str


INDIVISIBLE, INCLUSIVE, HEGEMONY = (
    P(1, "indivisible security"),
    P(2, "inclusive membership"),
    P(3, "Non-hegemony"),
)


def test_gains_and_losses_are_named():
    before = [A(INCLUSIVE, "opposes"), A(HEGEMONY, "supports")]
    after = [A(HEGEMONY, "supports"), A(INDIVISIBLE, "supports")]
    delta = alignment_delta(before, after)
    assert delta.now_supports == [INDIVISIBLE]
    assert delta.no_longer_opposes == [INCLUSIVE]
    assert not delta.now_opposes and not delta.no_longer_supports
    assert delta.sentence() == (
        "Now also supports indivisible security; no longer opposes inclusive membership."
    )


def test_a_flip_is_both_a_loss_and_a_gain():
    delta = alignment_delta([A(HEGEMONY, "supports")], [A(HEGEMONY, "opposes")])
    assert delta.now_opposes == [HEGEMONY] and delta.no_longer_supports == [HEGEMONY]


def test_no_change_is_falsy_and_says_so():
    same = [A(HEGEMONY, "supports")]
    delta = alignment_delta(same, list(same))
    assert not delta
    assert delta.sentence() == "No change in alignment."


def test_names_are_joined_in_english():
    delta = alignment_delta([], [A(INDIVISIBLE, "supports"), A(HEGEMONY, "supports")])
    assert delta.sentence() == "Now also supports indivisible security and Non-hegemony."
