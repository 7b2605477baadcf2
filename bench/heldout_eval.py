"""Measure the alignment engine on the held-out sets, written blind before the engine was read.

Run from the repository root, without Django:

    .venv/bin/python bench/heldout_eval.py [--verbose] [--sealed] [--set NAME ...]

``--set`` picks sets by name (repeatable, or comma-separated): ``dev``, ``sealed``,
``treaties-dev`` and ``treaties-test``. ``heldout_treaties.json`` holds clauses of real
instruments (Final Act beyond the Decalogue, Paris, Vienna Document, Istanbul, Astana, the
NATO-Russia Founding Act, the 2008 and 2021 Russian drafts, CSTO, SCO, CICA, ASEAN, ARF, GSI,
TEU, AU, Arab League, OAS, NPT, INF, CFE, Open Skies ...), a fifth of them procedural, labelled
blind before the engine was read. It is split deterministically: even indices are the dev half
(tuned against), odd indices the test half (measured once, at the end, figures only).

``heldout_dev.json`` is the set to tune against; ``heldout_sealed.json`` is measured only with
``--sealed``, once, at the end of a round of changes, so that it stays an honest estimate of how
the engine does on clauses it has never seen.

Record (both sets labelled blind, before the engine was read; the lexicon was then widened
against dev only; sealed measured once, at the end):

    engine of 4397657   dev    hit@1=0.50 hit@3=0.58 stance=0.86 false=0.09
                        sealed hit@1=0.44 hit@3=0.55 stance=0.98 false=0.18
    widened lexicon     dev    hit@1=0.88 hit@3=0.99 stance=0.99 false=0.00
                        sealed hit@1=0.79 hit@3=0.91 stance=0.97 false=0.18

Caveat: the same person wrote the sets and the new cues, and several everyday idioms of the
sealed student clauses ("team effort", "run the show") found their way into the lexicon from
memory. Without the 28 cues that look like that, sealed scores hit@1=0.60 hit@3=0.71; its
treaty clauses alone (less exposed) went from hit@3 0.68 to 0.84. Treat sealed as an upper
bound, and write the next held-out set with someone who has not seen the lexicon.

Third round, ``heldout_treaties.json`` (104 clauses of real instruments, 21 of them final
clauses; labelled blind from the principles and essays before the engine was read; split into
dev = even indices and test = odd indices; tuned on dev, test measured once at the end):

    engine of c9b7300   treaties-dev  hit@1=0.64 hit@3=0.76 stance=0.97 false=0.20
                        treaties-test hit@1=0.51 hit@3=0.68 stance=1.00 false=0.18
    treaty register     treaties-dev  hit@1=0.93 hit@3=0.98 stance=1.00 false=0.00
                        treaties-test hit@1=0.80 hit@3=0.93 stance=1.00 false=0.09

What changed: final clauses recognised by structure (final-clause vocabulary weighed against
security vocabulary) instead of by phrase; negated obligations reach their whole clause;
diminishing verbs cancel a negation ("nothing shall impair the right of ..."); threats listed
as dangers assert the contrary of their concept; topics in legal asides ("in accordance with
the UN Charter") weigh less; and ``TREATY_CUES`` in ``concepts.py``, the treaty register of
each concept (inviolability of frontiers, right to choose alliances, collective self-defence,
CSBMs, no first use, standby forces, consensus decisions, evolutionary stages ...).

Caveats: the same person wrote this set and the new cues, and brainstormed the treaty notions
for both at the same time, so the test half is an optimistic estimate. 26 of the 104 clauses
come close (similarity > 0.75) to clauses of the earlier sets, since real instruments repeat;
on the 41 test clauses that do not, the figures went from hit@1 0.47 / hit@3 0.59 to 0.81 /
0.91. The next held-out set should come from someone who has not seen ``concepts.py``.

Fourth round, ``heldout_blind4.json`` (123 clauses: student wording, real treaty clauses and
procedural ones, written blind by someone who never saw the engine; ``--set blind4-dev`` =
even indices, tuned against, ``--set blind4-test`` = odd indices, figures only, measured once
at the end):

    engine of ea7ab5a   blind4-dev   hit@1=0.73 hit@3=0.80 stance=0.90 false=0.15
                        blind4-test  hit@1=0.71 hit@3=0.78 stance=0.97 false=0.08
    constructions       blind4-dev   hit@1=0.96 hit@3=1.00 stance=1.00 false=0.00
                        blind4-test  hit@1=0.73 hit@3=0.80 stance=0.97 false=0.08

The other sets did not move (eval 0.94 / 1.00, heldout dev 0.89 / 1.00, treaties-dev 0.93 /
0.98, median about 2-3 ms a clause on a loaded machine).

What changed: mechanisms first. A fronted "Instead of ... ," / "Rather than ... ," / "Without
... ," phrase governs only itself, up to its comma; "nothing" after "from" ("from nothing") is
no negator; "stop (being)", "cease to be", "get rid of", "do away with", "scrap" reject their
object; a cue that opens with its own negative subject ("no state can ... by itself") is not
negated again; a negation an earlier cue of the concept already read is used up; a cue that
spans two clauses is denied by a negated second one ("if a member is attacked, the others are
not obliged to defend it"); a cue taking a position wins over a topic cue around it; organs
named after security ("the Security Council of the organisation meets twice a year", "the
Defence Council shall be composed of ...") count as housekeeping, with constitution and sitting
vocabulary (composed of, elected, meets, sessions, twice a year, seat of the ...), while the
UN Security Council, regional arrangements and enforcement action count as substance. Then
``CONSTRUCTION_CUES`` in ``concepts.py``: conditions on an open door ("open to all states which
accept ...", "in the judgment of the Organization", "able and willing"), membership "from day
one" / "no application or vote needed" / "no strings attached" (and "from day one" read as
instant institutions only next to institutions), an attack from outside answered by all the
others, a war "of concern to the whole", keeping everyone safe, a common good that "comes
before" or "outweighs" national interest, decisions members must accept, no longer / former
adversaries, treating a state as an enemy, mutual-defence clauses, overlap and duplication to
remove, "a single body in the end", responsibility taken together and not "left to one
powerful country", pushing back against American / Western power, ganging up, no caps on
weapons, raising cooperation "to a higher level", careful and extensive consultations.

Caveats: the dev half rose far more than the test half (+0.20 hit@3 against +0.02): the
families were drawn from the dev failures and checked on my own paraphrases (about 70, written
with the cues, so they flatter them), and the test half evidently uses other vocabulary. This
is the honest generalisation estimate for this round: the lexicon still misses most wording it
has not been shown. One fragment of one blind4 line (of unknown half, about avoiding
duplication) was seen by accident through a grep over ``tests/sources/*.json``; its idea was
already in the lexicon and it was not used. The two dev misses left (a "joint army" read as the
peace force; consensus ranked before deliberation) are debatable labels and were not fitted.

Fifth round, a mechanism instead of phrases (no cue added to ``concepts.py``): ``stems.py``, a
stemmer for the word overlap (endings cut, then truncation to five letters after a kept prefix,
so "defend" / "defence" / "defensive" and "include" / "inclusion" / "inclusive" meet) with 23
small synonym sets ("troops" / "armies" / "soldiers", "safe" / "secure", "bloc" / "alliance"
...); and a fallback in ``align.py`` for a clause in which no concept cue fires: the one
principle sharing most of its IDF-weighted stems, if that is at least 0.2 of the clause's
weighted words and at least two distinct terms, reason "shares terms: <the clause's words>",
stance "supports". Neither the fallback nor a match by words alone is given to a clause with
any sentence leaning procedural (``procedural_score`` above zero).

Measured on the dev sets only while tuning; since they are saturated (every dev miss was fitted
by earlier rounds), a proxy for unseen wording was used: each dev set with the cue family that
was fitted to it removed (blind4-dev without ``CONSTRUCTION_CUES``, treaties-dev without
``TREATY_CUES``, heldout dev without ``EXTRA_CUES``). The threshold 0.2 was picked on those
proxies (0.15 rescued more, but half of what it rescued was wrong):

                              before                       after
    eval_clauses          0.94 / 1.00 / 1.00 / 0.00    0.93 / 1.00 / 1.00 / 0.00
    dev                   0.89 / 1.00 / 1.00 / 0.00    0.90 / 1.00 / 1.00 / 0.00
    treaties-dev          0.93 / 0.98 / 1.00 / 0.00    0.93 / 0.98 / 1.00 / 0.00
    blind4-dev            0.96 / 1.00 / 1.00 / 0.00    0.96 / 1.00 / 1.00 / 0.00
    blind4-dev -CONSTR.   0.80 / 0.84 / 0.95 / 0.00    0.86 / 0.90 / 0.93 / 0.00
    treaties-dev -TREATY  0.69 / 0.79 / 1.00 / 0.00    0.71 / 0.81 / 0.97 / 0.00
    dev -EXTRA            0.58 / 0.67 / 0.92 / 0.00    0.61 / 0.71 / 0.90 / 0.00
    (hit@1 / hit@3 / stance / false)

Test halves and sealed, measured once at the end (before = the engine of 48ac8d9):

    blind4-test           0.73 / 0.80 / 0.97 / 0.08    0.76 / 0.82 / 0.97 / 0.08
    treaties-test         0.80 / 0.93 / 1.00 / 0.09    0.80 / 0.93 / 1.00 / 0.09
    sealed                0.83 / 0.96 / 0.99 / 0.00    0.81 / 0.96 / 0.99 / 0.00

Median 1.3-1.6 ms a clause against 200 principles (unchanged). Caveats: the gain is small
(+0.03 hit@1 and +0.02 hit@3 on blind4-test, nothing on treaties-test, sealed hit@1 -0.02, not
inspected; on eval_clauses the one such loss is two close principles swapped); word overlap
cannot read a stance, so what the fallback rescues is always "supports" (the proxies' stance
fell by 0.02-0.03 for that); on the proxies about one fallback match in six was the wrong
principle. The proxies
remove cue families but keep the mechanisms earlier rounds fitted to the same sets, so they
flatter the engine too. The misses left are mostly clauses that share no rare word with the
principle they serve ("push back against American power" for "not directed against third
countries"): stemming and small synonym sets do not reach them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from align_bench import Metrics, evaluate, load_principles  # noqa: E402

from deliberation.sources.align import Aligner  # noqa: E402

DEV_JSON = ROOT / "tests/sources/heldout_dev.json"
SEALED_JSON = ROOT / "tests/sources/heldout_sealed.json"
TREATIES_JSON = ROOT / "tests/sources/heldout_treaties.json"
BLIND4_JSON = ROOT / "tests/sources/heldout_blind4.json"


def half(path: Path, which: str) -> list[dict]:
    """The dev (even indices) or test (odd indices) half of a held-out set."""
    items = load(path)
    return items[0::2] if which == "dev" else items[1::2]


def load_set(name: str) -> list[dict]:
    if name == "dev":
        return load(DEV_JSON)
    if name == "sealed":
        return load(SEALED_JSON)
    if name in ("treaties-dev", "treaties-test"):
        return half(TREATIES_JSON, name.split("-")[1])
    if name in ("blind4-dev", "blind4-test", "blind4"):
        return load(BLIND4_JSON) if name == "blind4" else half(BLIND4_JSON, name.split("-")[1])
    raise SystemExit(
        f"unknown set {name!r}: dev, sealed, treaties-dev, treaties-test, blind4-dev, blind4-test"
    )


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def measure(aligner: Aligner, path: Path) -> Metrics:
    return evaluate(aligner, load(path))


def line(name: str, m: Metrics) -> str:
    """hit@1/hit@3 on the first expected principle, stance where it is in the top 3, and the
    share of procedural clauses given any match."""
    return (
        f"{name}: items={m.items} hit@1={m.hit1:.2f} hit@3={m.hit3:.2f} "
        f"stance={m.stance:.2f} false={m.false:.2f}"
    )


def main() -> None:
    verbose = "--verbose" in sys.argv
    aligner = Aligner(load_principles())
    names: list[str] = []
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--set" and i + 1 < len(args):
            names += [n for n in args[i + 1].split(",") if n]
        elif arg.startswith("--set="):
            names += [n for n in arg[len("--set=") :].split(",") if n]
    if not names:
        names = ["dev"] + (["sealed"] if "--sealed" in sys.argv else [])
    for name in names:
        m = evaluate(aligner, load_set(name))
        if verbose and not name.endswith("-test"):  # the test half is read as figures only
            print("\n".join(m.failures))
        print(line(f"heldout_{name.replace('-', '_')}", m))


if __name__ == "__main__":
    main()
