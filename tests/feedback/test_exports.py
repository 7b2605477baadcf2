import csv
import io
import json
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from deliberation.charters.models import Comment
from deliberation.feedback.exports import pseudonym, research_datasets
from deliberation.feedback.services import feedback_submit, question_add

from .conftest import READ_CHARTER

pytestmark = pytest.mark.django_db

NAMES = ["Anastasia Quill", "Boris Zed", "Chen Wobble", "Fiona Facil"]


@pytest.fixture
def session(workshop, voted_article, facilitator):
    facilitator.first_name, facilitator.last_name = "Fiona", "Facil"
    facilitator.save()
    workshop.participants.filter(user=facilitator).update(display_name="Fiona Facil")
    people = voted_article()
    ana, chen, clause = people["ana"], people["chen"], people["clause"]
    comment = Comment.objects.create(
        clause=clause, participant=chen, text="Say Boris Zed!", stance="for"
    )
    if hasattr(comment, "hidden_reason"):
        comment.hidden_reason = "Names another participant"
        comment.hidden_at = timezone.now()
        comment.save()
    question = question_add(workshop=workshop, kind="rating", prompt="Fair?")
    feedback_submit(participant=ana, answers={question.pk: "4"})
    workshop.refresh_from_db()
    return people | {"comment": comment}


STUDY = [
    ("anonymous", 302),
    ("stranger", 302),
    ("participant", 302),
    ("facilitator", 200),
    ("other_facilitator", 403),
    ("researcher", 200),
]
BACKUP = [
    ("anonymous", 302),
    ("stranger", 302),
    ("participant", 302),
    ("facilitator", 200),
    ("other_facilitator", 403),
    ("researcher", 403),
]


@pytest.mark.parametrize("name", ["feedback:charter_markdown", "feedback:charter_print"])
@pytest.mark.parametrize(("who", "status"), READ_CHARTER)
def test_charter_export_permissions(client, workshop, actor, name, who, status):
    actor(who)
    assert client.get(reverse(name, args=[workshop.code])).status_code == status


@pytest.mark.parametrize(
    "name", ["feedback:exports", "feedback:research_json", "feedback:research_zip"]
)
@pytest.mark.parametrize(("who", "status"), STUDY)
def test_research_export_permissions(client, workshop, actor, name, who, status):
    actor(who)
    assert client.get(reverse(name, args=[workshop.code])).status_code == status


@pytest.mark.parametrize(("who", "status"), STUDY)
def test_research_csv_permissions(client, workshop, actor, who, status):
    actor(who)
    url = reverse("feedback:research_csv", args=[workshop.code, "workshops-participant.csv"])
    assert client.get(url).status_code == status


@pytest.mark.parametrize(("who", "status"), BACKUP)
def test_backup_download_permissions(client, workshop, actor, who, status):
    actor(who)
    response = client.get(reverse("feedback:backup", args=[workshop.code]))
    assert response.status_code == status
    if status == 200:
        assert "attachment" in response["Content-Disposition"]
        assert json.loads(b"".join(response))["workshop"] == workshop.code


def test_an_unknown_dataset_is_a_404(client, workshop, actor):
    actor("facilitator")
    url = reverse("feedback:research_csv", args=[workshop.code, "auth-user.csv"])
    assert client.get(url).status_code == 404


def test_pseudonyms_are_stable_and_short():
    assert pseudonym(7) == pseudonym(7) != pseudonym(8)
    assert re.fullmatch(r"P-[0-9a-f]{6}", pseudonym(7))


def _all_exports(client, workshop) -> dict[str, str]:
    texts = {
        "json": client.get(reverse("feedback:research_json", args=[workshop.code])).content,
    }
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("feedback:research_zip", args=[workshop.code])).content)
    )
    for name in archive.namelist():
        texts[name] = archive.read(name)
    url = reverse("feedback:research_csv", args=[workshop.code, "charters-comment.csv"])
    texts["comment.csv"] = client.get(url).content
    return {k: v.decode() for k, v in texts.items()}


def test_research_exports_carry_no_names(client, workshop, session, actor):
    actor("researcher")
    for name, text in _all_exports(client, workshop).items():
        for person in NAMES:
            assert person.casefold() not in text.casefold(), (name, person)
        assert "username" not in text and "display_name" not in text, name


def test_research_exports_use_pseudonyms_and_keep_moderation(client, workshop, session, actor):
    actor("facilitator")
    texts = _all_exports(client, workshop)
    data = json.loads(texts["json"])["datasets"]
    ana = pseudonym(session["ana"].pk)
    assert {"pseudonym": ana}.items() <= next(
        row for row in data["workshops.participant"] if row["pseudonym"] == ana
    ).items()
    assert {row["participant"] for row in data["charters.vote"]} >= {ana}
    assert data["feedback.feedbackresponse"][0]["participant"] == ana
    assert data["feedback.reaction"][0]["choice"] == "disagree"
    said = next(row["text"] for row in data["charters.comment"])
    assert said == f"Say {pseudonym(session['boris'].pk)}!"
    assert "core.event" not in data
    rows = list(csv.DictReader(io.StringIO(texts["comment.csv"])))
    fields = [f.name for f in Comment._meta.concrete_fields]
    assert set(fields) - {"id", "participant", "proposal", "clause", "parent"} <= set(rows[0])
    if "hidden_reason" in fields:
        assert rows[0]["hidden_reason"] == "Names another participant"


def test_a_secret_ballot_exports_votes_without_voters(workshop, session):
    workshop.secret_ballot = True
    workshop.save()
    votes = research_datasets(workshop)["charters.vote"]
    assert {row["participant"] for row in votes} == {""}
    assert len(votes) == 3


def test_charter_markdown_has_articles_vote_records_and_principles(
    client, workshop, session, actor
):
    actor("participant")
    response = client.get(reverse("feedback:charter_markdown", args=[workshop.code]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert "## Article 1. Neighbours' security" in text
    assert "**Vote: new clause “Drills”, adopted.** Adopted: 2 of 3 for" in text
    assert "| NATO | 1 | 0 | 0 |" in text and "| Russia | 0 | 1 | 0 |" in text
    assert "**Reactions:** 0 agree · 1 disagree · 0 pass" in text
    assert "**Principles this article reflects**" in text
    for person in NAMES:
        assert person not in text


def test_the_printable_charter_escapes_text_and_offers_print(client, workshop, adopt, actor):
    adopt("<script>alert(1)</script>", "Text & more.")
    actor("participant")
    html = client.get(reverse("feedback:charter_print", args=[workshop.code])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "window.print()" in html and "save as PDF" in html


def md_literal(markdown: str) -> str:
    """What a CommonMark renderer shows for text without markup: backslash escapes of ASCII
    punctuation and HTML entities resolved (run on a line md_escape produced)."""
    import html

    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown))


MARKUP = re.compile(r"(?<!\\)[*_`\[\]<>~#|]")  # unescaped, these would start markup


@pytest.mark.parametrize(
    "text",
    [
        "Hotline <script>alert(1)</script>",
        "*stars* & <b>staff</b>",
        "_under_ `code` [link](http://x.org) ~~gone~~ a|b #tag \\*kept\\*",
        "&lt;already&gt; escaped &amp;",
    ],
)
def test_md_escape_round_trips_as_literal_text(text):
    from deliberation.feedback.exports import md_escape

    escaped = md_escape(text)
    assert md_literal(escaped) == text
    assert not MARKUP.search(escaped.replace("\\\\", ""))
    assert "<" not in escaped and ">" not in escaped


@pytest.mark.parametrize("line", ["1. First", "12) Twelfth", "- item", "+ item", "===", "---"])
def test_md_escape_keeps_a_line_from_opening_a_list_or_heading(line):
    from deliberation.feedback.exports import _md_block

    escaped = _md_block(f"Intro\n{line}")
    assert escaped.splitlines()[1] != line
    assert md_literal(escaped.splitlines()[1]) == line


def test_charter_markdown_escapes_what_people_typed(client, workshop, adopt, actor):
    workshop.charter.title = "The <b>*Lab*</b> charter"
    workshop.charter.preamble = "# Not a heading\n    not code & <i>not</i> HTML"
    workshop.charter.save()
    adopt("Hotline <script>alert(1)</script>", "Ministries & <b>staff</b>:\n1. *call* daily")
    actor("participant")
    text = client.get(reverse("feedback:charter_markdown", args=[workshop.code])).content.decode()
    assert "# The &lt;b&gt;\\*Lab\\*&lt;/b&gt; charter\n" in text
    assert "## Article 1. Hotline &lt;script&gt;alert(1)&lt;/script&gt;\n" in text
    assert "Ministries &amp; &lt;b&gt;staff&lt;/b&gt;:\n1\\. \\*call\\* daily" in text
    assert "\\# Not a heading\nnot code &amp; &lt;i&gt;not&lt;/i&gt; HTML" in text
    assert "<" not in text and ">" not in text


def test_charter_markdown_and_print_say_the_workshop_title_once(client, workshop, adopt, actor):
    adopt()
    actor("participant")
    markdown = client.get(reverse("feedback:charter_markdown", args=[workshop.code])).content
    assert markdown.decode().count(workshop.title) == 1
    assert f"*Workshop {workshop.display_code}*" in markdown.decode()
    html = client.get(reverse("feedback:charter_print", args=[workshop.code])).content.decode()
    article = html.split('<article class="print-charter">')[1]
    assert article.count(workshop.title) == 1
    assert f"Workshop {workshop.display_code}" in article


def test_a_charter_named_apart_from_its_workshop_keeps_the_workshop_title(workshop):
    from deliberation.feedback.exports import charter_markdown, charter_subtitle

    workshop.charter.title = "Charter of the Eurasian security space"
    workshop.charter.save()
    subtitle = f"{workshop.title} · workshop {workshop.display_code}"
    assert charter_subtitle(workshop) == subtitle
    assert f"*{subtitle}*" in charter_markdown(workshop)


def test_the_printable_charter_offers_downloads_as_enabled_buttons(client, workshop, actor):
    actor("participant")
    html = client.get(reverse("feedback:charter_print", args=[workshop.code])).content.decode()
    for name in ("feedback:charter_pdf", "feedback:charter_markdown"):
        link = html.split(f'href="{reverse(name, args=[workshop.code])}"')[0].rsplit("<a", 1)[1]
        assert "btn-outline-primary" in link and "secondary" not in link
