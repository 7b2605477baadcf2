"""Backup and restore: export, empty the database, import, export again: the same bytes.

Runs on whichever database DATABASE_URL names; run it on both:
    pytest tests/feedback/test_backup.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/feedback pytest tests/feedback/test_backup.py
"""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from deliberation.charters.models import Comment, Proposal
from deliberation.charters.services import proposal_close_vote, proposal_create, vote_cast
from deliberation.core.models import Event
from deliberation.feedback.backup import BackupRefused, workshop_backup_json, workshop_restore
from deliberation.feedback.models import FeedbackAnswer, Reaction
from deliberation.feedback.services import feedback_submit, question_add, reaction_set
from deliberation.sources.models import SourceDocument
from deliberation.workshops.models import Participant, Phase, Workshop
from deliberation.workshops.services import workshop_set_phase

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session(workshop, seat, adopt):
    ana, boris = seat("Ana", "NATO"), seat("Boris", "Russia")
    delegation = workshop.delegations.get(name="NATO")
    delegation.head = ana
    delegation.save()
    clause = adopt()
    proposal = proposal_create(participant=ana, title="Drills", text="Notify drills in advance.")
    workshop_set_phase(workshop=workshop, phase=Phase.VOTING)
    vote_cast(proposal=proposal, participant=ana, choice="yes")
    vote_cast(proposal=proposal, participant=boris, choice="no")
    proposal_close_vote(proposal=proposal)
    reaction_set(clause=clause, participant=boris, choice="disagree")
    first = Comment.objects.create(clause=clause, participant=ana, text="Yes.", stance="for")
    Comment.objects.create(
        clause=clause, participant=boris, text="No.", stance="against", parent=first
    )
    rating = question_add(workshop=workshop, kind="rating", prompt="Fair?", required=True)
    text = question_add(workshop=workshop, kind="text", prompt="Change?")
    feedback_submit(participant=ana, answers={rating.pk: "4", text.pk: "Ünïcode ✓"})
    workshop.refresh_from_db()
    return workshop


def delete(workshop: Workshop) -> None:
    # A proposal's author is PROTECTed, so a workshop with proposals cannot simply be deleted.
    Proposal.objects.filter(workshop=workshop).delete()
    workshop.delete()


def export(code: str) -> str:
    out = io.StringIO()
    call_command("exportworkshop", code, stdout=out)
    return out.getvalue()


def test_round_trip_through_an_empty_database_is_identical(session, tmp_path):
    first = export(session.code)
    path = tmp_path / "backup.json"
    path.write_text(first, encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    assert not Workshop.objects.exists() and not SourceDocument.objects.exists()

    out = io.StringIO()
    call_command("importworkshop", str(path), stdout=out)
    assert "Restored" in out.getvalue()
    assert export(session.code) == first

    restored = Workshop.objects.get(code=session.code)
    assert Event.objects.filter(workshop=restored).exists()  # the live log came back too
    assert restored.participants.count() == 3
    assert Reaction.objects.get().choice == "disagree"
    assert FeedbackAnswer.objects.filter(text="Ünïcode ✓").exists()
    user = get_user_model().objects.get()
    assert user.username == "facilitator"
    assert not user.has_usable_password() and not user.is_staff and not user.is_superuser


@pytest.mark.parametrize("microsecond", [0, 412, 999_999])
def test_times_survive_the_round_trip_to_the_microsecond(session, tmp_path, microsecond):
    # A time whose milliseconds are zero once came back without its fraction ("…:29Z" for
    # "…:29.000Z"): about one backup in twenty then failed to restore identically.
    moment = datetime.datetime(2026, 11, 23, 21, 12, 29, microsecond, tzinfo=datetime.UTC)
    Comment.objects.filter(participant__workshop=session).update(created_at=moment)
    first = export(session.code)
    path = tmp_path / "backup.json"
    path.write_text(first, encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    call_command("importworkshop", str(path), stdout=io.StringIO())
    assert export(session.code) == first
    assert set(Comment.objects.values_list("created_at", flat=True)) == {moment}


def test_new_rows_after_a_restore_get_fresh_ids(session, tmp_path, seat):
    path = tmp_path / "backup.json"
    path.write_text(export(session.code), encoding="utf-8")
    biggest = Participant.objects.order_by("-pk").first().pk
    call_command("flush", interactive=False, verbosity=0)
    call_command("importworkshop", str(path), stdout=io.StringIO())
    workshop = Workshop.objects.get(code=session.code)
    assert seat("Newcomer", "China", into=workshop).pk > biggest  # sequences moved past


def test_the_backup_holds_no_password_hash(session):
    data = json.loads(workshop_backup_json(session))
    users = [item for item in data["shared"] if item["model"] == "accounts.user"]
    assert users and all(
        set(u["fields"]) == {"username", "first_name", "last_name", "email", "is_active"}
        for u in users
    )
    assert "pbkdf2" not in json.dumps(data) and "argon2" not in json.dumps(data)


def test_restore_after_deleting_the_workshop_reuses_shared_rows(session):
    data = json.loads(workshop_backup_json(session))
    before = export(session.code)
    documents = SourceDocument.objects.count()
    delete(session)
    workshop_restore(data)
    assert SourceDocument.objects.count() == documents
    assert export(session.code) == before


def test_restore_refuses_an_existing_code(session):
    data = json.loads(workshop_backup_json(session))
    with pytest.raises(BackupRefused, match=f"code {session.code} already exists"):
        workshop_restore(data)


def test_restore_refuses_to_overwrite_rows(session):
    data = json.loads(workshop_backup_json(session))
    for item in data["objects"]:
        if item["model"] == "workshops.workshop":
            item["fields"]["code"] = "ZZZ999"
    with pytest.raises(BackupRefused, match="would overwrite rows"):
        workshop_restore(data)
    assert not Workshop.objects.filter(code="ZZZ999").exists()


def test_restore_refuses_what_is_not_a_backup():
    with pytest.raises(BackupRefused, match="not a Charter Room workshop backup"):
        workshop_restore({"format": "something else"})


def test_import_command_explains_a_bad_file(tmp_path, db):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("importworkshop", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("importworkshop", str(tmp_path / "missing.json"))


def test_export_command_explains_an_unknown_code(db):
    with pytest.raises(CommandError, match="No workshop has the code"):
        call_command("exportworkshop", "ZZZ-999")


def test_a_half_restored_workshop_is_rolled_back(session):
    data = json.loads(workshop_backup_json(session))
    delete(session)
    data["objects"].append(
        {
            "model": "feedback.reaction",
            "pk": 99999,
            "fields": {
                "clause": 424242,
                "participant": 1,
                "choice": "agree",
                "created_at": "2026-01-01T00:00:00Z",
                "updated_at": "2026-01-01T00:00:00Z",
            },
        }
    )
    with pytest.raises(BackupRefused):
        workshop_restore(data)
    assert not Workshop.objects.filter(code=session.code).exists()
