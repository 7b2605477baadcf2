"""Exports: the charter for reading (Markdown, print) and the research data (CSV, JSON).

Research data is pseudonymised: a participant appears only as a stable pseudonym such as
"P-7f3a9c", the first 24 bits of an HMAC-SHA256 of the participant's id keyed with SECRET_KEY
(Django's salted_hmac), so the same person has the same pseudonym in every export and nobody
without the key can link it back. Display names and user accounts are never exported.

The datasets are every model that belongs to the workshop (what deleting it would delete, found
with NestedObjects), so models other apps add later are exported too, with every concrete field
(a moderation reason added to Comment comes along). The rules that protect people are generic:
- the Participant rows lose `display_name` and `user`, and their id becomes the pseudonym;
- every foreign key to a Participant becomes the pseudonym; every key to a user is dropped;
- under a secret ballot, votes keep their delegation but lose the voter;
- in free text (text fields without choices) every participant's display name, as a whole
  word and in any case, is replaced by their pseudonym: generated notes ("Tabled by Ana") and
  what people typed ("I agree with Ana") alike. A name that is also a common word is replaced
  too; privacy wins over fidelity;
- core.Event is left out: it stores rendered HTML, names included.
"""

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.utils.crypto import salted_hmac

from deliberation.charters.models import Clause, Proposal, Vote
from deliberation.core.models import Event
from deliberation.sources.services import Alignment, align_texts, principles_for
from deliberation.workshops.models import Participant, Workshop

from .measures import Tally
from .models import Reaction
from .selectors import VoteRow, counts_by_delegation

PSEUDONYM_SALT = "charter-room.participant-pseudonym"
LEFT_OUT = {Event}
PERSONAL_FIELDS = {Participant: {"display_name", "user"}}


def pseudonym(participant_id: int | None) -> str:
    if participant_id is None:
        return ""
    digest = salted_hmac(PSEUDONYM_SALT, str(participant_id), algorithm="sha256").hexdigest()
    return f"P-{digest[:6]}"


# The charter ---------------------------------------------------------------------------------


@dataclass
class Decision:
    """A vote the room took on the article (its adoption, an amendment, ...)."""

    title: str
    kind: str
    status: str
    outcome: str
    rows: list[VoteRow]
    decided_at: object = None


@dataclass
class ArticleRecord:
    clause: Clause
    alignments: list[Alignment]
    decisions: list[Decision] = field(default_factory=list)
    reactions: Tally = field(default_factory=Tally)


def charter_record(workshop: Workshop) -> list[ArticleRecord]:
    """Every numbered article with its votes by delegation, reactions and aligned principles."""
    clauses = list(
        Clause.objects.filter(charter__workshop=workshop, number__isnull=False).order_by("number")
    )
    principles = principles_for(workshop.documents.all())
    alignments = align_texts([f"{c.title}. {c.text}" for c in clauses], principles)
    records = {
        c.pk: ArticleRecord(clause=c, alignments=a)
        for c, a in zip(clauses, alignments, strict=True)
    }
    delegations = list(workshop.delegations.all())
    names = NameScrubber(list(workshop.participants.all()))
    votes = counts_by_delegation(Vote.objects.filter(proposal__workshop=workshop), "proposal_id")
    for proposal in Proposal.objects.filter(
        workshop=workshop, clause__in=list(records), decided_at__isnull=False
    ).order_by("decided_at", "pk"):
        rows = [
            VoteRow(d.name, d.colour, **votes.get((proposal.pk, d.pk), {})) for d in delegations
        ]
        if votes.get((proposal.pk, None)):
            rows.append(VoteRow("No delegation", "#6c757d", **votes[(proposal.pk, None)]))
        records[proposal.clause_id].decisions.append(
            Decision(
                title=proposal.title,
                kind=proposal.get_kind_display(),
                status=proposal.get_status_display(),
                outcome=names(proposal.outcome),
                rows=rows,
                decided_at=proposal.decided_at,
            )
        )
    tallies: dict[int, dict[str, int]] = defaultdict(dict)
    for clause_id, choice, n in (
        Reaction.objects.filter(clause__in=list(records))
        .values_list("clause_id", "choice")
        .annotate(n=models.Count("pk"))
        .values_list("clause_id", "choice", "n")
    ):
        tallies[clause_id][choice] = n
    for clause_id, counts in tallies.items():
        records[clause_id].reactions = Tally(
            agree=counts.get("agree", 0),
            disagree=counts.get("disagree", 0),
            passed=counts.get("pass", 0),
        )
    return list(records.values())


# Research data -------------------------------------------------------------------------------


def workshop_objects(workshop: Workshop) -> list[models.Model]:
    """Everything a cascade delete of the workshop would remove, the workshop included."""
    collector = NestedObjects(using=router.db_for_write(Workshop))
    collector.collect([workshop])
    # Objects protected from deletion (a proposal's author is PROTECTed) are still the
    # workshop's: they reach it through another cascading path, so collect them as well.
    if collector.protected:
        collector.collect(list(collector.protected))
    seen: dict[tuple[type, object], models.Model] = {}
    for model, instances in collector.data.items():
        if model._meta.auto_created:  # many-to-many rows travel with their owner
            continue
        for instance in instances:
            seen[(model, instance.pk)] = instance
    return [
        seen[key] for key in sorted(seen, key=lambda k: (k[0]._meta.label_lower, _sort_key(k[1])))
    ]


def _sort_key(pk) -> tuple:
    return (0, pk, "") if isinstance(pk, int) else (1, 0, str(pk))


def _value(value) -> object:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class NameScrubber:
    """Replaces the workshop's display names in free text by pseudonyms."""

    def __init__(self, participants: list[Participant]) -> None:
        self.by_name = {p.display_name.casefold(): pseudonym(p.pk) for p in participants}
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
            )
            if names
            else None
        )

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(lambda m: self.by_name[m.group(0).casefold()], text)


def _is_free_text(f: models.Field) -> bool:
    return isinstance(f, models.CharField | models.TextField) and not f.choices


def scrub(
    instance: models.Model, *, secret_ballot: bool, names: NameScrubber | None = None
) -> dict[str, object]:
    """One pseudonymised row: every concrete field but the personal ones."""
    model = type(instance)
    user_model = settings.AUTH_USER_MODEL.lower()
    row: dict[str, object] = {}
    for f in model._meta.concrete_fields:
        if f.name in PERSONAL_FIELDS.get(model, ()):
            continue
        if f.primary_key and model is Participant:
            row["pseudonym"] = pseudonym(instance.pk)
            continue
        if f.is_relation:
            target = f.related_model
            if target._meta.label_lower == user_model:
                continue
            raw = getattr(instance, f.attname)
            if target is Participant:
                hide = secret_ballot and model is Vote
                row[f.name] = "" if hide else pseudonym(raw)
            else:
                row[f.attname] = raw
            continue
        value = _value(getattr(instance, f.attname))
        if names is not None and isinstance(value, str) and _is_free_text(f):
            value = names(value)
        row[f.name] = value
    return row


def research_datasets(workshop: Workshop) -> dict[str, list[dict[str, object]]]:
    """{model label: rows}, every row pseudonymised."""
    datasets: dict[str, list[dict[str, object]]] = defaultdict(list)
    names = NameScrubber(list(workshop.participants.all()))
    for instance in workshop_objects(workshop):
        model = type(instance)
        if model in LEFT_OUT:
            continue
        datasets[model._meta.label_lower].append(
            scrub(instance, secret_ballot=workshop.secret_ballot, names=names)
        )
    return dict(datasets)


def research_json(workshop: Workshop) -> str:
    return json.dumps(
        {
            "format": "charter-room-research",
            "version": 1,
            "workshop": workshop.code,
            "pseudonyms": "P- and the first 6 hex digits of HMAC-SHA256(SECRET_KEY, id)",
            "datasets": research_datasets(workshop),
        },
        indent=2,
        ensure_ascii=False,
        default=str,
    )


def dataset_filename(label: str) -> str:
    return label.replace(".", "-") + ".csv"


def dataset_csv(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def research_zip(workshop: Workshop) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for label, rows in sorted(research_datasets(workshop).items()):
            archive.writestr(dataset_filename(label), dataset_csv(rows))
    return buffer.getvalue()


# The charter as Markdown ---------------------------------------------------------------------

# Characters that are markup wherever they stand: emphasis, code, links, strikethrough, table
# cells, and `#` (an ATX heading's closing sequence). `<`, `>` and `&` become entities instead,
# which every renderer shows literally (not all of them honour a backslash before `<`).
MD_INLINE = re.compile(r"([\\`*_\[\]|~#])")
MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What opens a block when it starts a line: a list item (`-`, `+`, `1.`, `1)`), a setext
# underline (`=`), a thematic break (`-`); headings, quotes and `*` are covered above.
MD_LINE_START = re.compile(r"^\s*(?:[-+=]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """User text as Markdown that renders as the same text: no emphasis, link, heading, list
    or HTML can come out of it. One line; see _md_block for paragraphs."""
    text = MD_INLINE.sub(r"\\\1", str(text))
    text = "".join(MD_ENTITIES.get(char, char) for char in text)
    marker = MD_LINE_START.match(text)
    if marker is None:
        return text
    # A backslash before the punctuation that opens the block: "1\. " and "\- ".
    at = marker.end() if marker.group()[-1].isdigit() else marker.end() - 1
    return text[:at] + "\\" + text[at:]


def _md_cell(text: str) -> str:
    """A line of user text (a title, a name, a table cell), runs of whitespace as one space."""
    return md_escape(" ".join(str(text).split()))


def _md_block(text: str) -> str:
    """A paragraph of user text. Lines lose their indentation: four spaces would start a
    code block, which would show the escapes themselves."""
    return "\n".join(md_escape(line.strip()) for line in text.strip().splitlines())


def charter_subtitle(workshop: Workshop) -> str:
    """The line under the charter's title: the workshop's code, and its title when that is not
    the charter's own (a new workshop's charter is named after it; no need to say it twice)."""
    if _folded(workshop.title) == _folded(workshop.charter.title):
        return f"Workshop {workshop.display_code}"
    return f"{workshop.title} · workshop {workshop.display_code}"


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def charter_markdown(workshop: Workshop) -> str:
    """The charter as a Markdown document: articles, vote records, reactions, principles."""
    charter = workshop.charter
    lines = [f"# {_md_cell(charter.title)}", ""]
    lines += [f"*{_md_cell(charter_subtitle(workshop))}*", ""]
    if charter.preamble:
        lines += [_md_block(charter.preamble), ""]
    records = charter_record(workshop)
    if not records:
        lines += ["No article has been adopted yet.", ""]
    for record in records:
        clause = record.clause
        lines += [f"## Article {clause.number}. {_md_cell(clause.title)}", ""]
        lines += [_md_block(clause.text), ""]
        for d in record.decisions:
            lines += [
                f"**Vote: {d.kind.lower()} “{_md_cell(d.title)}”, {d.status.lower()}.** "
                f"{_md_cell(d.outcome)}".rstrip()
            ]
            lines += ["", "| Delegation | For | Against | Abstain |", "|---|---:|---:|---:|"]
            lines += [f"| {_md_cell(r.name)} | {r.yes} | {r.no} | {r.abstain} |" for r in d.rows]
            lines += [""]
        tally = record.reactions
        if tally.total:
            lines += [
                f"**Reactions:** {tally.agree} agree · {tally.disagree} disagree · "
                f"{tally.passed} pass",
                "",
            ]
        if record.alignments:
            lines += ["**Principles this article reflects**", ""]
            for a in record.alignments:
                verb = "Supports" if a.supports else "Opposes"
                lines += [
                    f"- {verb} *{_md_cell(a.principle.title)}* "
                    f"({_md_cell(a.principle.document.title)}, {a.percent}%): "
                    f"“{_md_cell(a.evidence)}”"
                ]
            lines += [""]
    return "\n".join(lines).rstrip() + "\n"
