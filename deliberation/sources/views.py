from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from deliberation.charters.models import Clause, Proposal
from deliberation.core.errors import ActionRefused
from deliberation.core.live import live_url
from deliberation.workshops import access

from . import selectors, services
from .forms import (
    DocumentDetailsForm,
    DocumentForm,
    JudgementForm,
    PreviewForm,
    PrincipleForm,
    QuoteForm,
)
from .importers import MAX_UPLOAD_BYTES, read_upload
from .models import Principle, SourceDocument
from .segment import excluded_spans


def _form_error(form) -> ActionRefused:
    messages = [m for errors in form.errors.values() for m in errors]
    return ActionRefused(" ".join(messages) or "Check the form.", status_code=400)


@require_http_methods(["POST"])
def align_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The alignment of a clause being drafted, re-rendered as its author types (htmx)."""
    workshop, participant = access.get_participant_workshop(request, code)
    form = PreviewForm(request.POST)
    context = {"workshop": workshop, "participant": participant, "alignments": []}
    if not form.is_valid():
        # Swapped into the preview area, not #alerts: the textarea keeps what was typed.
        context["problem"] = " ".join(m for errors in form.errors.values() for m in errors)
        return render(
            request, "sources/draft_alignment.html#draft-alignment-body", context, status=400
        )
    text = form.cleaned_data["text"]
    if text:
        title = form.cleaned_data["title"].strip()
        wording = f"{title}. {text}" if title else text
        principles = selectors.workshop_principles(workshop)
        if form.cleaned_data["clause"]:
            clause = Clause.objects.filter(
                charter__workshop=workshop, pk=form.cleaned_data["clause"]
            ).first()
            if clause is None:
                context["problem"] = "This workshop has no such clause."
                return render(
                    request,
                    "sources/draft_alignment.html#draft-alignment-body",
                    context,
                    status=400,
                )
            context["alignments"], context["delta"] = selectors.amendment_preview(
                clause, text=wording, principles=principles
            )
        else:
            context["alignments"] = selectors.draft_alignments(wording, principles=principles)
    context["typed"] = bool(text)
    return render(request, "sources/draft_alignment.html#draft-alignment-body", context)


@require_http_methods(["POST"])
def judge(request: HttpRequest, code: str) -> HttpResponse:
    """Confirm or dispute (participants), pin or reject (facilitator) one alignment."""
    workshop, participant = access.get_participant_workshop(request, code)
    form = JudgementForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    data = form.cleaned_data
    clause = proposal = None
    if data["clause"]:
        clause = get_object_or_404(
            Clause.objects.select_related("charter"), pk=data["clause"], charter__workshop=workshop
        )
    else:
        proposal = get_object_or_404(Proposal, pk=data["proposal"], workshop=workshop)
    principle = get_object_or_404(Principle, pk=data["principle"])
    services.judgement_toggle(
        participant=participant,
        principle=principle,
        verdict=data["verdict"],
        stance=data["stance"] or "supports",
        note=data["note"],
        clause=clause,
        proposal=proposal,
    )
    next_url = data["next"]
    if not request.htmx:
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect("workshops:room", code=workshop.code)
    [alignments] = selectors.judged_alignments(
        [clause or proposal],
        principles=selectors.workshop_principles(workshop),
        participant=participant,
    )
    return render(
        request,
        "components/alignment_list.html",
        {
            "workshop": workshop,
            "participant": participant,
            "alignments": alignments,
            "open_principle": principle.pk,
            "next": next_url,
        },
    )


@require_http_methods(["GET"])
def charter_alignment(request: HttpRequest, code: str) -> HttpResponse:
    """The charter against the principles: a heatmap and each delegation's coverage."""
    workshop, participant = access.get_participant_workshop(request, code)
    context = {"workshop": workshop, "participant": participant, "live_url": live_url(workshop)}
    context |= selectors.charter_alignment(workshop, participant)
    if request.htmx and request.GET.get("fragment") == "overview":
        # Refreshed live when the charter or a judgement changes; per-person forms stay put.
        return render(request, "sources/charter_alignment.html#charter-overview", context)
    return render(request, "sources/charter_alignment.html", context)


@require_http_methods(["GET"])
def debrief(request: HttpRequest, code: str) -> HttpResponse:
    """After the session: each delegation's votes and objections beside its own principles."""
    workshop, participant = access.get_participant_workshop(request, code)
    context = {"workshop": workshop, "participant": participant, "live_url": live_url(workshop)}
    context |= selectors.debrief(workshop, participant)
    return render(request, "sources/debrief.html", context)


# -- The facilitator's documents and principles -------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, code: str) -> HttpResponse:
    """The document library: which documents this workshop uses, and a form to add one."""
    workshop = access.get_facilitated_workshop(request, code)
    form = DocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                text = data["text"]
                if data["file"]:
                    upload = data["file"]
                    text = read_upload(name=upload.name, data=upload.read(MAX_UPLOAD_BYTES + 1))
                document = services.document_create(
                    title=data["title"],
                    text=text,
                    author=data["author"],
                    colour=data["colour"],
                    workshop=workshop,
                )
            except ActionRefused as refused:
                if refused.status_code == 403:
                    raise
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                count = document.principles.count()
                messages.success(
                    request,
                    f"“{document.title}” added, with {count} candidate principle"
                    f"{'s' if count != 1 else ''} to review.",
                )
                return redirect("sources:document", code=workshop.code, pk=document.pk)
        else:
            status = 400
    used = set(workshop.documents.values_list("pk", flat=True))
    library = SourceDocument.objects.annotate(
        accepted=Count("principles", filter=Q(principles__status=Principle.Status.ACCEPTED)),
        suggested=Count("principles", filter=Q(principles__status=Principle.Status.SUGGESTED)),
    ).order_by("title")
    return render(
        request,
        "sources/documents.html",
        {"workshop": workshop, "form": form, "library": library, "used": used},
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def document_use(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    use = request.POST.get("use") == "1"
    services.workshop_document_use(workshop=workshop, document=document, use=use)
    messages.success(
        request,
        f"The charter is {'now' if use else 'no longer'} measured against “{document.title}”.",
    )
    return redirect("sources:documents", code=workshop.code)


@login_required
@require_http_methods(["POST"])
def document_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    form = DocumentDetailsForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    services.document_update(document=document, **form.cleaned_data)
    messages.success(request, "Saved.")
    return redirect("sources:document", code=workshop.code, pk=document.pk)


@login_required
@require_http_methods(["POST"])
def document_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    services.document_delete(document=document)
    messages.success(request, f"“{document.title}” was deleted from the library.")
    return redirect("sources:documents", code=workshop.code)


@login_required
@require_http_methods(["POST"])
def document_suggest(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    found = services.principles_suggest(document=document)
    messages.success(request, f"{len(found)} fresh candidate{'s' if len(found) != 1 else ''}.")
    return redirect("sources:document", code=workshop.code, pk=document.pk)


def _delegation_choices(workshop) -> list[tuple[int, str]]:
    return [(d.pk, d.name) for d in workshop.delegations.all()]


def _principle_form(principle: Principle, workshop, choices, data=None) -> PrincipleForm:
    held = [d.pk for d in principle.delegations.all() if d.workshop_id == workshop.pk]
    return PrincipleForm(
        data,
        delegation_choices=choices,
        initial={"title": principle.title, "summary": principle.summary, "delegations": held},
        prefix=f"p{principle.pk}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_review(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A document's candidate and accepted principles: accept, edit, merge, drop, link; and a
    form to quote one by hand (POST)."""
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    quote_form = QuoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if quote_form.is_valid():
            try:
                added = services.principle_add(document=document, **quote_form.cleaned_data)
            except ActionRefused as refused:
                quote_form.add_error("quote", refused.message)
                status = refused.status_code
            else:
                messages.success(request, f"“{added.title}” added to the accepted principles.")
                return redirect("sources:document", code=workshop.code, pk=document.pk)
        else:
            status = 400
    choices = _delegation_choices(workshop)
    principles = list(document.principles.prefetch_related("delegations").order_by("start"))
    cards = [(p, _principle_form(p, workshop, choices)) for p in principles]
    excluded = [document.text[a:b].strip() for a, b in excluded_spans(document.text)]
    return render(
        request,
        "sources/document_review.html",
        {
            "workshop": workshop,
            "document": document,
            "suggested": [c for c in cards if c[0].status == Principle.Status.SUGGESTED],
            "accepted": [c for c in cards if c[0].status == Principle.Status.ACCEPTED],
            "excluded": excluded,
            "in_workshop": workshop.documents.filter(pk=document.pk).exists(),
            "quote_form": quote_form,
            "details_form": DocumentDetailsForm(
                initial={
                    "title": document.title,
                    "author": document.author,
                    "colour": document.colour,
                }
            ),
        },
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def principle_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Accept, save or drop one principle (buttons of one card, told apart by `action`)."""
    workshop = access.get_facilitated_workshop(request, code)
    principle = get_object_or_404(Principle.objects.select_related("document"), pk=pk)
    back = redirect("sources:document", code=workshop.code, pk=principle.document_id)
    action = request.POST.get("action", "save")
    if action == "drop":
        services.principle_drop(principle=principle)
        return HttpResponse("") if request.htmx else back
    if action not in ("save", "accept"):
        raise ActionRefused("Choose accept, save or drop.", status_code=400)
    choices = _delegation_choices(workshop)
    form = _principle_form(principle, workshop, choices, data=request.POST)
    status = 400
    if form.is_valid():
        try:
            services.principle_update(
                principle=principle,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                accept=action == "accept",
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            services.principle_set_delegations(
                principle=principle,
                workshop=workshop,
                delegation_ids=form.cleaned_data["delegations"],
            )
            if not request.htmx:
                return back
            form = _principle_form(principle, workshop, choices)
            status = 200
    context = {"workshop": workshop, "principle": principle, "form": form, "saved": status == 200}
    return render(request, "sources/document_review.html#principle-card", context, status=status)


@login_required
@require_http_methods(["POST"])
def merge(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    document = get_object_or_404(SourceDocument, pk=pk)
    ids = [int(v) for v in request.POST.getlist("principle") if v.isdigit()]
    merged = services.principles_merge(principles=list(document.principles.filter(pk__in=ids)))
    messages.success(request, f"Merged into “{merged.title}”.")
    return redirect("sources:document", code=workshop.code, pk=document.pk)
