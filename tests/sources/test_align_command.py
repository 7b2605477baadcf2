"""`python manage.py align`: one JSON object per text, on a fresh database after loaddemo."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PARAPHRASE = "No member may seek an advantage that leaves its neighbours less safe."
MINUTES = "The minutes of each meeting are published within a week."


def run(*args, stdin: str = "") -> list[dict]:
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        call_command("align", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_on_a_fresh_database_after_migrate_and_loaddemo(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}

    def manage(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        )

    manage("migrate", "--noinput", "-v0")
    manage("loaddemo")
    lines = manage("align", stdin=f"{PARAPHRASE}\n\n{MINUTES}\n").stdout.splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["text"] == PARAPHRASE
    best = first["principles"][0]
    assert set(best) == {"document", "principle", "quote", "stance", "score", "reason"}
    assert "indivisib" in best["principle"].lower() and best["stance"] == "supports"
    assert best["quote"] and 0 < best["score"] <= 1
    assert second == {"text": MINUTES, "principles": []}


def test_texts_as_arguments_best_first_and_limited(demo):
    [record] = run(PARAPHRASE, "--limit", "2")
    scores = [p["score"] for p in record["principles"]]
    assert 1 <= len(scores) <= 2 and scores == sorted(scores, reverse=True)


def test_quotes_are_verbatim_passages_of_their_document(demo):
    from deliberation.sources.models import SourceDocument

    texts = {d.title: d.text for d in SourceDocument.objects.all()}
    [record] = run(stdin="Any country of the continent may take its seat without entry conditions.")
    assert record["principles"]
    for p in record["principles"]:
        assert p["quote"] in texts[p["document"]]


def test_without_principles_it_says_what_to_do(db):
    err = io.StringIO()
    out = io.StringIO()
    call_command("align", PARAPHRASE, stdout=out, stderr=err)
    assert json.loads(out.getvalue()) == {"text": PARAPHRASE, "principles": []}
    assert "loaddemo" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_an_unmigrated_database_gets_a_clear_message(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "manage.py", "align", PARAPHRASE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Run `python manage.py migrate`" in done.stderr
    assert "Traceback" not in done.stderr
