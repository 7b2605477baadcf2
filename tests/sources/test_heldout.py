"""Quality gate on clauses the engine was not written against.

``heldout_dev.json`` and ``heldout_sealed.json`` were labelled blind, from the principles and the
two source essays only, before the engine or its lexicon were read: real treaty wording (UN
Charter, Helsinki Final Act, Paris Charter, Istanbul Charter, SCO and CSTO charters, the draft
treaties of December 2021 ...) and everyday student wording, a quarter of them opposing a
principle and a few procedural. The dev set is what the lexicon is tuned against, so it is
gated here; the sealed set is only measured (``bench/heldout_eval.py --sealed``), never gated,
so that tuning against it stays visible as cheating.

``heldout_treaties.json`` (third round) holds 104 clauses of real instruments the earlier sets
used little (Final Act beyond the Decalogue, Paris, Vienna Document, Istanbul, Astana, the
NATO-Russia Founding Act, the 2008 and 2021 Russian drafts, CSTO, SCO, CICA, ASEAN, ARF, GSI,
TEU, AU, Arab League, OAS, NPT, INF, CFE, Open Skies, Pelindaba ...), a fifth of them final
clauses, labelled blind before the engine was read. Even indices are its dev half (gated here),
odd indices its test half (measured once at the end of a round, never gated).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from deliberation.sources.align import Aligner, PrincipleText, get_aligner

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests/sources"

sys.path.insert(0, str(ROOT / "bench"))
from align_bench import evaluate, load_principles  # noqa: E402


@pytest.fixture(scope="module")
def principles() -> list[PrincipleText]:
    return load_principles()


@pytest.fixture(scope="module")
def aligner(principles: list[PrincipleText]) -> Aligner:
    return get_aligner(principles)


def load(name: str) -> list[dict]:
    return json.loads((HELDOUT / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["heldout_dev.json", "heldout_sealed.json"])
def test_heldout_sets_are_well_formed(principles: list[PrincipleText], name: str) -> None:
    keys = {p.key for p in principles}
    items = load(name)

    assert len(items) >= 60
    assert len({i["text"] for i in items}) == len(items)
    for item in items:
        assert set(item) == {"text", "source", "expected", "kind"}, item
        assert item["kind"] in {"treaty", "student", "procedural"}
        assert (item["kind"] == "procedural") == (not item["expected"]), item
        for expected in item["expected"]:
            assert expected["principle"] in keys, expected
            assert expected["stance"] in {"supports", "opposes"}
    opposing = [i for i in items if i["expected"] and i["expected"][0]["stance"] == "opposes"]
    assert len(opposing) >= len(items) // 5
    assert sum(1 for i in items if i["kind"] == "procedural") >= len(items) // 10


def treaties_half(half: str) -> list[dict]:
    items = load("heldout_treaties.json")
    return items[0::2] if half == "dev" else items[1::2]


def test_heldout_treaties_set_is_well_formed(principles: list[PrincipleText]) -> None:
    keys = {p.key for p in principles}
    items = load("heldout_treaties.json")

    assert len(items) >= 80
    assert len({i["text"] for i in items}) == len(items)
    for item in items:
        assert set(item) == {"text", "source", "expected", "kind"}, item
        assert item["kind"] in {"treaty", "procedural"}
        assert item["source"]
        assert (item["kind"] == "procedural") == (not item["expected"]), item
        for expected in item["expected"]:
            assert expected["principle"] in keys, expected
            assert expected["stance"] in {"supports", "opposes"}
    for half in ("dev", "test"):
        procedural = [i for i in treaties_half(half) if i["kind"] == "procedural"]
        assert len(procedural) >= len(treaties_half(half)) // 6


def test_heldout_treaties_dev_half_meets_the_targets(aligner: Aligner) -> None:
    """Quality gate on real treaty wording, a little below what the engine reaches on the dev
    half (hit@1 0.93, hit@3 0.98, stance 1.00, false 0.00): lowering it needs a reason in the
    commit."""
    metrics = evaluate(aligner, treaties_half("dev"))

    assert metrics.hit3 >= 0.92, metrics.failures
    assert metrics.hit1 >= 0.85, metrics.failures
    assert metrics.stance >= 0.94, metrics.failures
    assert metrics.false <= 0.10, metrics.failures


def test_dev_and_sealed_sets_do_not_share_clauses() -> None:
    dev = {i["text"] for i in load("heldout_dev.json")}
    sealed = {i["text"] for i in load("heldout_sealed.json")}

    assert not dev & sealed


def test_heldout_dev_metrics_meet_the_targets(aligner: Aligner) -> None:
    """Quality gate on unseen wording, a little below what the engine reaches (hit@1 0.88,
    hit@3 0.99, stance 0.99, false 0.00): lowering it needs a reason in the commit."""
    metrics = evaluate(aligner, load("heldout_dev.json"))

    assert metrics.hit3 >= 0.93, metrics.failures
    assert metrics.hit1 >= 0.80, metrics.failures
    assert metrics.stance >= 0.92, metrics.failures
    assert metrics.false <= 0.10, metrics.failures


def test_heldout_evidence_is_a_verbatim_piece_of_the_quote(
    aligner: Aligner, principles: list[PrincipleText]
) -> None:
    quotes = {p.key: p.quote for p in principles}
    for name in ("heldout_dev.json", "heldout_sealed.json", "heldout_treaties.json"):
        for item in load(name):
            for match in aligner.align(item["text"]):
                assert match.evidence and match.evidence in quotes[match.key], match
                assert match.reason, match


def test_heldout_blind4_is_well_formed(
    principles: list[PrincipleText],
) -> None:
    """Fourth round: written blind by someone who never read the engine (see bench/heldout_eval.py);
    even indices are tuned against, odd indices measured once per round. Real instruments repeat
    themselves: 11 of its treaty clauses are word for word in the earlier sets too."""
    keys = {p.key for p in principles}
    items = load("heldout_blind4.json")

    assert len(items) >= 100
    assert len({i["text"] for i in items}) == len(items)
    for item in items:
        assert set(item) == {"text", "source", "expected", "kind"}, item
        assert item["kind"] in {"treaty", "student", "procedural"}
        assert (item["kind"] == "procedural") == (not item["expected"]), item
        assert 0 <= len(item["expected"]) <= 3
        for expected in item["expected"]:
            assert expected["principle"] in keys, expected
            assert expected["stance"] in {"supports", "opposes"}
    firsts = {i["expected"][0]["principle"] for i in items if i["expected"]}
    assert firsts == keys  # every principle is the best answer somewhere
