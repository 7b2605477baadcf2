"""Writes and reads for source documents, principles and alignment."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.core.events import publish_on_commit

from .align import Match, PrincipleText, get_aligner
from .importers import normalise
from .models import AlignmentJudgement, Principle, SourceDocument
from .suggest import suggest


def document_upsert(
    *, slug: str, title: str, text: str, author: str = "", colour: str = "#5b21b6"
) -> SourceDocument:
    """Create the document with this slug, or update it (so loading demo content is idempotent)."""
    document, _ = SourceDocument.objects.update_or_create(
        slug=slug, defaults={"title": title, "text": text, "author": author, "colour": colour}
    )
    return document


@transaction.atomic
def principle_save(
    *, document: SourceDocument, slug: str, title: str, summary: str, quote: str
) -> Principle:
    """Create or update a principle whose quote is a verbatim, unique passage of the document."""
    start, end = Principle.locate(document, quote)
    principle = Principle.objects.filter(document=document, slug=slug).first() or Principle(
        document=document, slug=slug
    )
    principle.title, principle.summary, principle.quote = title, summary, quote
    principle.start, principle.end = start, end
    principle.status = Principle.Status.ACCEPTED
    principle.full_clean()
    principle.save()
    return principle


@dataclass(frozen=True)
class Alignment:
    principle: Principle
    score: float
    stance: str
    evidence: str
    reason: str

    @property
    def supports(self) -> bool:
        return self.stance == "supports"

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def principles_for(documents) -> list[Principle]:
    return list(
        Principle.objects.filter(document__in=documents, status=Principle.Status.ACCEPTED)
        .select_related("document")
        .order_by("pk")
    )


def _texts(principles: list[Principle]) -> list[PrincipleText]:
    return [
        PrincipleText(
            key=str(p.pk),
            title=p.title,
            summary=p.summary,
            quote=p.quote,
            document_title=p.document.title,
        )
        for p in principles
    ]


def _wrap(matches: list[Match], by_key: dict[str, Principle]) -> list[Alignment]:
    return [
        Alignment(
            principle=by_key[m.key],
            score=m.score,
            stance=m.stance,
            evidence=m.evidence,
            reason=m.reason,
        )
        for m in matches
    ]


def align_texts(texts: list[str], principles: list[Principle]) -> list[list[Alignment]]:
    """Alignments for each text, best first; [] for a text that reflects no principle."""
    if not principles:
        return [[] for _ in texts]
    by_key = {str(p.pk): p for p in principles}
    aligner = get_aligner(_texts(principles))
    return [_wrap(matches, by_key) for matches in aligner.align_many(texts)]


# -- People's judgements of alignments ---------------------------------------------------

PARTICIPANT_VERDICTS = {"confirm", "dispute"}
FACILITATOR_VERDICTS = {"pin", "reject"}
MAX_NOTE = 500


def judgement_toggle(
    *,
    participant,
    principle: Principle,
    verdict: str,
    stance: str = "supports",
    note: str = "",
    clause=None,
    proposal=None,
):
    """Record a verdict on one alignment, or withdraw it when the same verdict is given again.

    Participants confirm or dispute; the facilitator pins or rejects. Returns the judgement,
    or None when it was withdrawn. Judging is open in every phase: it changes no clause, and a
    closed session's debrief is where people most want to say "that is not what we meant".
    """
    if (clause is None) == (proposal is None):
        raise ActionRefused("Say which article or proposal you are judging.", status_code=400)
    subject_workshop_id = clause.charter.workshop_id if clause is not None else proposal.workshop_id
    if subject_workshop_id != participant.workshop_id:
        raise NotPermitted("You can only judge alignments in your own workshop.")
    allowed = FACILITATOR_VERDICTS if participant.is_facilitator else PARTICIPANT_VERDICTS
    if verdict not in PARTICIPANT_VERDICTS | FACILITATOR_VERDICTS:
        raise ActionRefused("Choose confirm or dispute.", status_code=400)
    if verdict not in allowed:
        if participant.is_facilitator:
            raise NotPermitted("As facilitator you pin or reject alignments.")
        raise NotPermitted("Only the facilitator can pin or reject an alignment.")
    if stance not in AlignmentJudgement.Stance.values:
        raise ActionRefused("Unknown stance.", status_code=400)
    if (
        principle.status != Principle.Status.ACCEPTED
        or not participant.workshop.documents.filter(pk=principle.document_id).exists()
    ):
        raise ActionRefused("This principle is not one of this workshop's.", status_code=400)
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise ActionRefused(
            f"The note has {len(note)} characters; the limit is {MAX_NOTE}.", status_code=400
        )
    subject = {"clause": clause} if clause is not None else {"proposal": proposal}
    with transaction.atomic():
        existing = (
            AlignmentJudgement.objects.select_for_update()
            .filter(participant=participant, principle=principle, **subject)
            .first()
        )
        if existing is not None and existing.verdict == verdict:
            existing.delete()
            judgement = None
        elif existing is not None:
            existing.verdict, existing.stance, existing.note = verdict, stance, note
            existing.save(update_fields=["verdict", "stance", "note", "updated_at"])
            judgement = existing
        else:
            try:
                with transaction.atomic():
                    judgement = AlignmentJudgement.objects.create(
                        participant=participant,
                        principle=principle,
                        verdict=verdict,
                        stance=stance,
                        note=note,
                        **subject,
                    )
            except IntegrityError:
                # The same person judged from two tabs at once: the first one counts.
                raise ActionRefused("You have just judged this alignment.") from None
        publish_on_commit(workshop_id=participant.workshop_id, kind="alignment-judged")
    return judgement


# -- Documents and their principles (the facilitator's library) --------------------------

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_DOCUMENT_TITLE = 200
MAX_PRINCIPLE_TITLE = 120
MAX_SUMMARY = 600


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of a #rrggbb colour against white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def _check_colour(colour: str) -> str:
    if not HEX_COLOUR.match(colour):
        raise ActionRefused("Give the colour as #rrggbb.", status_code=400)
    if contrast_on_white(colour) < 4.5:
        # Badges write the document's colour on white and white on it: both must be legible.
        raise ActionRefused(
            "This colour is too light to read on white; pick a darker one.", status_code=400
        )
    return colour.lower()


def _unique_slug(title: str) -> str:
    base = slugify(title)[:190] or "document"
    slug, n = base, 2
    while SourceDocument.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def document_create(
    *, title: str, text: str, author: str = "", colour: str = "#5b21b6", workshop=None
) -> SourceDocument:
    """Add a document to the library (and to `workshop`, if given) and suggest its principles.

    Caller has checked that the user facilitates `workshop`.
    """
    title = " ".join(title.split())
    if not title:
        raise ActionRefused("Give the document a title.", status_code=400)
    if len(title) > MAX_DOCUMENT_TITLE:
        raise ActionRefused(f"Keep the title to {MAX_DOCUMENT_TITLE} characters.", status_code=400)
    text = normalise(text)
    if not text:
        raise ActionRefused("Paste the document's text or upload a file.", status_code=400)
    document = SourceDocument.objects.create(
        title=title,
        slug=_unique_slug(title),
        author=" ".join(author.split())[:200],
        text=text,
        colour=_check_colour(colour),
    )
    principles_suggest(document=document)
    if workshop is not None:
        workshop.documents.add(document)
    return document


@transaction.atomic
def principles_suggest(*, document: SourceDocument) -> list[Principle]:
    """Replace the document's suggested principles by fresh candidates (accepted ones stay)."""
    document.principles.filter(status=Principle.Status.SUGGESTED).delete()
    taken = set(document.principles.values_list("start", "end"))
    created = []
    for candidate in suggest(document.text):
        if (candidate.start, candidate.end) in taken:
            continue
        principle = Principle(
            document=document,
            slug=f"{slugify(candidate.title)[:100] or 'principle'}-{candidate.start}",
            title=candidate.title,
            summary=candidate.summary,
            quote=candidate.quote,
            start=candidate.start,
            end=candidate.end,
            status=Principle.Status.SUGGESTED,
        )
        principle.full_clean()
        principle.save()
        created.append(principle)
    return created


def workshop_document_use(*, workshop, document: SourceDocument, use: bool) -> None:
    """Measure the workshop's charter against this document, or stop doing so.

    Caller has checked that the user facilitates the workshop.
    """
    if use:
        workshop.documents.add(document)
    else:
        workshop.documents.remove(document)
    publish_on_commit(workshop_id=workshop.pk, kind="principles-changed")


def principle_update(
    *, principle: Principle, title: str, summary: str, accept: bool = False
) -> Principle:
    """Edit a principle's title and summary (its quote stays verbatim); accept a suggestion."""
    title, summary = " ".join(title.split()), summary.strip()
    if not title:
        raise ActionRefused("Give the principle a title.", status_code=400)
    if len(title) > MAX_PRINCIPLE_TITLE:
        raise ActionRefused(
            f"The title has {len(title)} characters; the limit is {MAX_PRINCIPLE_TITLE}.",
            status_code=400,
        )
    if not summary:
        raise ActionRefused("Say in a sentence what the principle holds.", status_code=400)
    if len(summary) > MAX_SUMMARY:
        raise ActionRefused(
            f"The summary has {len(summary)} characters; the limit is {MAX_SUMMARY}.",
            status_code=400,
        )
    principle.title, principle.summary = title, summary
    if accept:
        principle.status = Principle.Status.ACCEPTED
    principle.full_clean()
    if principle.pk is None:
        principle.save()
    else:
        principle.save(update_fields=["title", "summary", "status", "updated_at"])
    return principle


def principle_drop(*, principle: Principle) -> None:
    """Remove a principle (a suggestion that is not one, or an accepted one no longer wanted)."""
    principle.delete()


@transaction.atomic
def principles_merge(*, principles: list[Principle]) -> Principle:
    """One principle from several of the same document: its quote spans theirs, verbatim.

    The first keeps its title; summaries are joined; delegations that held any hold the merge.
    """
    if len(principles) < 2:
        raise ActionRefused("Choose at least two principles to merge.", status_code=400)
    documents = {p.document_id for p in principles}
    if len(documents) != 1:
        raise ActionRefused("Only principles of the same document can merge.", status_code=400)
    principles = sorted(principles, key=lambda p: p.start)
    keep, rest = principles[0], principles[1:]
    document = keep.document
    keep.start = min(p.start for p in principles)
    keep.end = max(p.end for p in principles)
    keep.quote = document.text[keep.start : keep.end]
    summaries = [p.summary for p in principles if p.summary]
    keep.summary = " ".join(dict.fromkeys(summaries))[:MAX_SUMMARY]
    if any(p.status == Principle.Status.ACCEPTED for p in principles):
        keep.status = Principle.Status.ACCEPTED
    delegations = {d for p in rest for d in p.delegations.all()}
    for p in rest:
        p.delete()
    keep.full_clean()
    keep.save()
    keep.delegations.add(*delegations)
    return keep


def principle_set_delegations(*, principle: Principle, workshop, delegation_ids) -> None:
    """Say which of the workshop's delegations hold this principle (others' links are kept).

    Caller has checked that the user facilitates the workshop.
    """
    chosen = set(workshop.delegations.filter(pk__in=delegation_ids))
    for delegation in workshop.delegations.all():
        if delegation in chosen:
            delegation.principles.add(principle)
        else:
            delegation.principles.remove(principle)


def document_delete(*, document: SourceDocument) -> None:
    """Remove a document from the library, with its principles. Refused while any workshop
    (or template) uses it: its charter would lose its alignments mid-session."""
    from deliberation.workshops.models import Workshop

    users = Workshop.objects.filter(documents=document).count()
    if users:
        raise ActionRefused(
            f"“{document.title}” is used by {users} workshop{'s' if users != 1 else ''}; "
            "stop using it there first.",
            status_code=409,
        )
    document.delete()


def principle_add(*, document: SourceDocument, title: str, summary: str, quote: str) -> Principle:
    """A principle the facilitator quotes by hand; the quote must be a verbatim, unique
    passage of the document (white space at its ends aside)."""
    quote = quote.strip()
    if not quote:
        raise ActionRefused("Paste the passage the principle quotes.", status_code=400)
    try:
        start, end = Principle.locate(document, quote)
    except ValidationError as error:
        raise ActionRefused(" ".join(error.messages), status_code=400) from None
    principle = Principle(
        document=document,
        slug=f"{slugify(title)[:100] or 'principle'}-{start}",
        quote=quote,
        start=start,
        end=end,
        status=Principle.Status.SUGGESTED,
    )
    return principle_update(principle=principle, title=title, summary=summary, accept=True)


def document_update(
    *, document: SourceDocument, title: str, author: str, colour: str
) -> SourceDocument:
    """Rename a document or change its badge colour. Its text never changes: the principles'
    quotes are offsets into it."""
    title = " ".join(title.split())
    if not title:
        raise ActionRefused("Give the document a title.", status_code=400)
    if len(title) > MAX_DOCUMENT_TITLE:
        raise ActionRefused(f"Keep the title to {MAX_DOCUMENT_TITLE} characters.", status_code=400)
    document.title = title
    document.author = " ".join(author.split())[:200]
    document.colour = _check_colour(colour)
    document.save(update_fields=["title", "author", "colour", "updated_at"])
    return document
