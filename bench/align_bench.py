"""Measure the alignment engine on the labelled evaluation set, and its speed.

Run from the repository root, without Django:

    .venv/bin/python bench/align_bench.py [--verbose]

The last line is machine-readable:
align: items=N hit@1=0.xx hit@3=0.xx stance=0.xx false=0.xx median_ms=x.x charter_ms=xxx

The two lines before it give the same figures on ``tests/sources/heldout_dev.json`` and on the dev
half of ``tests/sources/heldout_treaties.json`` (clauses of real instruments, a fifth of them
procedural), both written without looking at the engine or its lexicon (see
``bench/heldout_eval.py``); the sealed set and the test half of the treaties are measured only
by ``bench/heldout_eval.py``, so that they stay unseen while tuning.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deliberation.sources.align import Aligner, PrincipleText  # noqa: E402

PRINCIPLES_JSON = ROOT / "deliberation/sources/seeds/principles.json"
EVAL_JSON = ROOT / "tests/sources/eval_clauses.json"
HELDOUT_DEV_JSON = ROOT / "tests/sources/heldout_dev.json"
HELDOUT_TREATIES_JSON = ROOT / "tests/sources/heldout_treaties.json"


def load_treaties_dev() -> list[dict]:
    """The dev half (even indices) of ``heldout_treaties.json``; the odd half is the test half,
    measured only by ``bench/heldout_eval.py --set treaties-test``."""
    return json.loads(HELDOUT_TREATIES_JSON.read_text(encoding="utf-8"))[0::2]


def load_principles() -> list[PrincipleText]:
    data = json.loads(PRINCIPLES_JSON.read_text(encoding="utf-8"))
    return [
        PrincipleText(
            key=p["slug"],
            title=p["title"],
            summary=p["summary"],
            quote=p["quote"],
            document_title=doc["title"],
        )
        for doc in data["documents"]
        for p in doc["principles"]
    ]


def load_eval() -> list[dict]:
    return json.loads(EVAL_JSON.read_text(encoding="utf-8"))


@dataclass
class Metrics:
    items: int
    hit1: float
    hit3: float
    stance: float
    false: float
    failures: list[str]


def evaluate(aligner: Aligner, items: list[dict]) -> Metrics:
    """hit@k on the first expected principle, stance accuracy where it is found in the top 3,
    and the share of procedural clauses given any match."""
    labelled = hit1 = hit3 = stance_total = stance_ok = procedural = false = 0
    failures = []
    for item, matches in zip(items, aligner.align_many([i["text"] for i in items]), strict=True):
        keys = [m.key for m in matches]
        if not item["expected"]:
            procedural += 1
            if matches:
                false += 1
                failures.append(f"FALSE  {item['text'][:70]} -> {keys[:3]}")
            continue
        labelled += 1
        best = item["expected"][0]
        hit1 += keys[:1] == [best["principle"]]
        if best["principle"] in keys[:3]:
            hit3 += 1
            stance_total += 1
            found = matches[keys.index(best["principle"])]
            if found.stance == best["stance"]:
                stance_ok += 1
            else:
                failures.append(
                    f"STANCE {item['text'][:70]} -> {found.stance} ({found.reason[:90]})"
                )
        if keys[:1] != [best["principle"]]:
            failures.append(f"RANK   {item['text'][:70]} want {best['principle']} got {keys[:3]}")
    return Metrics(
        items=len(items),
        hit1=hit1 / max(labelled, 1),
        hit3=hit3 / max(labelled, 1),
        stance=stance_ok / max(stance_total, 1),
        false=false / max(procedural, 1),
        failures=failures,
    )


def synthetic_principles(base: list[PrincipleText], count: int) -> list[PrincipleText]:
    """``count`` principles: the demo ones plus reworded variants with distinct keys, so that
    speed is measured on an index the size of a busy workshop."""
    fillers = ["In practice, ", "As a rule, ", "Above all, ", "Over time, ", "For the region, "]
    out = list(base)
    n = 0
    while len(out) < count:
        p = base[n % len(base)]
        filler = fillers[(n // len(base)) % len(fillers)]
        out.append(
            PrincipleText(
                key=f"{p.key}-variant-{n}",
                title=f"{p.title} ({n})",
                summary=filler + p.summary[0].lower() + p.summary[1:],
                quote=p.quote,
                document_title=p.document_title,
            )
        )
        n += 1
    return out


def main() -> None:
    verbose = "--verbose" in sys.argv
    principles = load_principles()
    items = load_eval()

    started = time.perf_counter()
    aligner = Aligner(principles)
    prepare_ms = (time.perf_counter() - started) * 1000
    print(f"cold preparation for {len(principles)} principles: {prepare_ms:.0f} ms")

    metrics = evaluate(aligner, items)
    if verbose:
        print("\n".join(metrics.failures))

    big = Aligner(synthetic_principles(principles, 200))
    texts = [item["text"] for item in items]
    timings = []
    for text in texts:
        started = time.perf_counter()
        big.align(text)
        timings.append((time.perf_counter() - started) * 1000)
    median_ms = statistics.median(timings)
    charter = [texts[i % len(texts)] for i in range(60)]
    started = time.perf_counter()
    big.align_many(charter)
    charter_ms = (time.perf_counter() - started) * 1000

    heldout = evaluate(aligner, json.loads(HELDOUT_DEV_JSON.read_text(encoding="utf-8")))
    print(
        f"heldout_dev: items={heldout.items} hit@1={heldout.hit1:.2f} hit@3={heldout.hit3:.2f} "
        f"stance={heldout.stance:.2f} false={heldout.false:.2f}"
    )
    treaties = evaluate(aligner, load_treaties_dev())
    print(
        f"heldout_treaties: half=dev items={treaties.items} hit@1={treaties.hit1:.2f} "
        f"hit@3={treaties.hit3:.2f} stance={treaties.stance:.2f} false={treaties.false:.2f}"
    )
    print(
        f"align: items={metrics.items} hit@1={metrics.hit1:.2f} hit@3={metrics.hit3:.2f} "
        f"stance={metrics.stance:.2f} false={metrics.false:.2f} "
        f"median_ms={median_ms:.1f} charter_ms={charter_ms:.0f}"
    )


if __name__ == "__main__":
    main()
