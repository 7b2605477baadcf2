from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_htmx.http import trigger_client_event

from deliberation.core.errors import ActionRefused, NotPermitted
from deliberation.sources.models import Principle
from deliberation.sources.selectors import judged_alignments, workshop_principles
from deliberation.workshops import access
from deliberation.workshops.models import Delegation, Participant, Workshop

from . import amendments, caucus, discussion, editing, services
from .forms import (
    AmendmentForm,
    AnswerForm,
    CaucusForm,
    CharterForm,
    CommentForm,
    HideForm,
    ObjectionForm,
    ObjectionRuleForm,
    ProposalForm,
    RebaseForm,
)
from .models import Clause, Comment, Objection, Proposal, Section
from .selectors import (
    caucus_messages,
    charter_clauses,
    comments_for,
    open_first,
    proposal_cards,
    room_fingerprint,
    status_board,
)


def _back(request: HttpRequest, workshop: Workshop) -> HttpResponse:
    """POST/redirect/GET to the page the form came from (same site only), else the room."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("workshops:room", code=workshop.code)


def _card(request, workshop, participant, proposal, *, event: str) -> HttpResponse:
    card = proposal_cards(workshop, participant).get(pk=proposal.pk)
    response = render(
        request,
        "workshops/room.html#proposal-card",
        {"proposal": card, "workshop": workshop, "participant": participant},
    )
    return trigger_client_event(response, event)


def _proposal_in(workshop: Workshop, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("workshop", "clause"), pk=proposal_id, workshop=workshop
    )


def _clause_in(workshop: Workshop, clause_id: int) -> Clause:
    return get_object_or_404(
        Clause.objects.select_related("charter", "delegation", "author"),
        pk=clause_id,
        charter__workshop=workshop,
    )


# --- proposals and votes ------------------------------------------------------------------


@require_http_methods(["POST"])
def propose(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            tabled = services.proposal_create(participant=participant, **form.cleaned_data)
        except ActionRefused as refused:
            if refused.status_code == 403:
                raise
            form.add_error(None, refused.message)
        else:
            if request.htmx:
                response = render(
                    request,
                    "workshops/room.html#propose-form",
                    {
                        "workshop": workshop,
                        "form": ProposalForm(),
                        "can_propose": True,
                        "tabled": tabled,
                    },
                )
                return trigger_client_event(response, "proposals-changed")
            return redirect("workshops:room", code=workshop.code)
    # Invalid: the form comes back with what was typed and the reason, never emptied.
    template = "workshops/room.html#propose-form" if request.htmx else "charters/propose.html"
    context = {"workshop": workshop, "form": form, "can_propose": workshop.allows("propose")}
    return render(request, template, context, status=400)


@require_http_methods(["POST"])
def vote(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    vote = services.vote_cast(
        proposal=proposal, participant=participant, choice=request.POST.get("choice", "")
    )
    if request.htmx:
        # Only what changed: the voter's confirmation and the tally (a vote must stay cheap
        # when a whole class votes at once).
        counts = services.tally_counts(proposal.pk)
        response = render(
            request,
            "charters/vote_done.html",
            {
                "proposal": {"pk": proposal.pk, "my_vote": vote.choice, **counts},
                "workshop": workshop,
            },
        )
        return trigger_client_event(response, "tally-changed")
    return redirect("workshops:room", code=workshop.code)


@require_http_methods(["POST"])
def withdraw(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    services.proposal_withdraw(proposal=proposal, participant=participant)
    if request.htmx:
        return _card(request, workshop, participant, proposal, event="proposals-changed")
    return _back(request, workshop)


@login_required
@require_http_methods(["POST"])
def close_vote(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    services.proposal_close_vote(proposal=proposal)
    if request.htmx:
        response = HttpResponse(status=204)
        return trigger_client_event(response, "proposals-changed")
    return redirect("workshops:console", code=workshop.code)


# --- amendments -----------------------------------------------------------------------------


@require_http_methods(["POST"])
def amend(request: HttpRequest, code: str, clause_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    clause = _clause_in(workshop, clause_id)
    form = AmendmentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            amendment = amendments.amendment_create(
                participant=participant,
                clause=clause,
                text=form.cleaned_data["text"],
                base_version=form.cleaned_data["base_version"],
                operation=form.cleaned_data["operation"],
                move_to=form.cleaned_data["move_to"],
            )
        except NotPermitted:
            raise
        except ActionRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status_code
        else:
            if request.htmx:
                # The box says it worked: on a phone the new card lands below the fold.
                context = _clause_context(request, workshop, participant, clause)
                context["submitted"] = amendment
                response = render(request, "charters/clause_detail.html#amend-form", context)
                return trigger_client_event(response, "proposals-changed")
            messages.success(
                request, "Amendment submitted: it is listed under Proposals on this clause."
            )
            return redirect(
                reverse("charters:clause_id", args=[workshop.code, clause.pk])
                + f"#proposal-{amendment.pk}"
            )
    # Refused or invalid: the form comes back with what was typed and the reason.
    context = _clause_context(request, workshop, participant, clause, amend_form=form)
    template = "charters/clause_detail.html#amend-form" if request.htmx else None
    return render(request, template or "charters/clause_detail.html", context, status=status)


@require_http_methods(["POST"])
def friendly(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    amendments.amendment_accept_friendly(proposal=proposal, participant=participant)
    if request.htmx:
        return _card(request, workshop, participant, proposal, event="proposals-changed")
    return _back(request, workshop)


@require_http_methods(["POST"])
def rebase(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    form = RebaseForm(request.POST)
    if not form.is_valid():
        raise ActionRefused("Write the updated amendment.", status_code=400)
    amendments.amendment_rebase(
        proposal=proposal, participant=participant, text=form.cleaned_data["text"]
    )
    if request.htmx:
        return _card(request, workshop, participant, proposal, event="proposals-changed")
    return _back(request, workshop)


@login_required
@require_http_methods(["POST"])
def refuse(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    amendments.amendment_refuse(proposal=proposal, reason=request.POST.get("reason", ""))
    if request.htmx:
        return trigger_client_event(HttpResponse(status=204), "proposals-changed")
    return _back(request, workshop)


# --- objections ----------------------------------------------------------------------------


@require_http_methods(["POST"])
def object_to(request: HttpRequest, code: str, proposal_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    proposal = _proposal_in(workshop, proposal_id)
    form = ObjectionForm(request.POST, principles=_principles_qs(workshop))
    if not form.is_valid():
        if "principle" in form.errors:
            raise ActionRefused(
                "That principle is not in this workshop's sources.", status_code=400
            )
        raise ActionRefused("Give a reason for your objection.", status_code=400)
    discussion.objection_raise(proposal=proposal, participant=participant, **form.cleaned_data)
    if request.htmx:
        return _card(request, workshop, participant, proposal, event="proposals-changed")
    return _back(request, workshop)


@require_http_methods(["POST"])
def objection_act(request: HttpRequest, code: str, objection_id: int) -> HttpResponse:
    """The proposal's delegation answers (name=answer); the objector withdraws (name=withdraw)."""
    workshop, participant = access.get_participant_workshop(request, code)
    objection = get_object_or_404(
        Objection.objects.select_related("proposal__workshop"),
        pk=objection_id,
        proposal__workshop=workshop,
    )
    if request.POST.get("action") == "withdraw":
        discussion.objection_withdraw(objection=objection, participant=participant)
    else:
        form = AnswerForm(request.POST)
        if not form.is_valid():
            raise ActionRefused("Write your answer.", status_code=400)
        discussion.objection_answer(
            objection=objection, participant=participant, answer=form.cleaned_data["answer"]
        )
    if request.htmx:
        return _card(request, workshop, participant, objection.proposal, event="proposals-changed")
    return _back(request, workshop)


@login_required
@require_http_methods(["POST"])
def objection_rule(request: HttpRequest, code: str, objection_id: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    objection = get_object_or_404(Objection, pk=objection_id, proposal__workshop=workshop)
    form = ObjectionRuleForm(request.POST)
    if not form.is_valid():
        raise ActionRefused("Rule the objection answered or upheld.", status_code=400)
    discussion.objection_rule(objection=objection, status=form.cleaned_data["status"])
    if request.htmx:
        participant = access.current_participant(request, workshop)
        return _card(request, workshop, participant, objection.proposal, event="proposals-changed")
    return _back(request, workshop)


def _principles_qs(workshop: Workshop):
    return Principle.objects.filter(
        document__in=workshop.documents.all(), status=Principle.Status.ACCEPTED
    ).select_related("document")


# --- comments ------------------------------------------------------------------------------


@require_http_methods(["POST"])
def comment(request: HttpRequest, code: str, clause_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    clause = _clause_in(workshop, clause_id)
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        proposal = parent = None
        if form.cleaned_data["proposal"]:
            proposal = get_object_or_404(
                Proposal, pk=form.cleaned_data["proposal"], clause=clause, workshop=workshop
            )
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(
                Comment.objects.filter(clause=clause)
                | Comment.objects.filter(proposal__clause=clause),
                pk=form.cleaned_data["parent"],
            )
        try:
            discussion.comment_post(
                participant=participant,
                text=form.cleaned_data["text"],
                stance=form.cleaned_data["stance"],
                clause=None if proposal else clause,
                proposal=proposal,
                parent=parent,
            )
        except NotPermitted:
            raise
        except ActionRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status_code
        else:
            if request.htmx:
                context = _clause_context(request, workshop, participant, clause)
                response = render(request, "charters/clause_detail.html#comments", context)
                return trigger_client_event(response, "comments-changed")
            return redirect("charters:clause_id", code=workshop.code, clause_id=clause.pk)
    if request.htmx and request.POST.get("parent"):
        # A reply form lives inside the list: the reason goes to the alerts, the reply stays.
        raise ActionRefused(
            " ".join(e for errors in form.errors.values() for e in errors), status_code=status
        )
    context = _clause_context(request, workshop, participant, clause, comment_form=form)
    if request.htmx:
        response = render(
            request, "charters/clause_detail.html#comment-form", context, status=status
        )
        # The form posts into the comment list; a refusal replaces the form itself instead.
        response["HX-Retarget"] = "#comment-form"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "charters/clause_detail.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def comment_hide(request: HttpRequest, code: str, comment_id: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    found = get_object_or_404(
        Comment.objects.filter(clause__charter__workshop=workshop)
        | Comment.objects.filter(proposal__workshop=workshop),
        pk=comment_id,
    )
    form = HideForm(request.POST)
    if not form.is_valid():
        raise ActionRefused("Give the reason for hiding this comment.", status_code=400)
    discussion.comment_hide(comment=found, reason=form.cleaned_data["reason"])
    if request.htmx:
        return trigger_client_event(HttpResponse(status=204), "comments-changed")
    return _back(request, workshop)


# --- pages ---------------------------------------------------------------------------------


@require_http_methods(["GET"])
def charter(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    clauses = list(charter_clauses(workshop))
    alignments = judged_alignments(
        clauses, principles=workshop_principles(workshop), participant=participant
    )
    is_facilitator = workshop.is_facilitated_by(request.user)
    context = {
        "workshop": workshop,
        "participant": participant,
        "articles": list(zip(clauses, alignments, strict=True)),
        "is_facilitator": is_facilitator,
        "sections": list(workshop.charter.sections.all()),
    }
    if is_facilitator:
        context["charter_form"] = CharterForm(
            initial={"title": workshop.charter.title, "preamble": workshop.charter.preamble}
        )
    return render(request, "charters/charter.html", context)


def _clause_context(request, workshop, participant, clause, **forms) -> dict:
    revisions = list(clause.revisions.select_related("proposal", "author__delegation"))
    compare = None
    by_number = {str(r.number): r for r in revisions}
    a, b = request.GET.get("a"), request.GET.get("b")
    if a in by_number and b in by_number:
        compare = (by_number[a], by_number[b])
    shown = by_number.get(request.GET.get("v", ""))
    proposals = list(
        proposal_cards(workshop, participant).filter(clause=clause).order_by("-created_at")
    )
    is_facilitator = workshop.is_facilitated_by(request.user)
    return {
        "workshop": workshop,
        "participant": participant,
        "clause": clause,
        "shown_status": clause.shown_status(
            sum(1 for p in proposals if p.is_amendment and p.is_open)
        ),
        "revisions": revisions,
        "compare": compare,
        "shown": shown,
        "proposals": proposals,
        "comments": comments_for(clause=clause),
        "is_facilitator": is_facilitator,
        "is_sponsor": bool(participant and amendments._is_sponsor(participant, clause)),
        "amend_form": forms.get("amend_form")
        or AmendmentForm(initial={"text": clause.text, "base_version": clause.version}),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "objection_form": ObjectionForm(principles=_principles_qs(workshop)),
        "sections": list(clause.charter.sections.all()) if is_facilitator else [],
        "article_count": charter_clauses(workshop).count(),
    }


def _render_clause(request, workshop, participant, clause) -> HttpResponse:
    context = _clause_context(request, workshop, participant, clause)
    [context["alignments"]] = judged_alignments(
        [clause], principles=workshop_principles(workshop), participant=participant
    )
    if request.htmx and request.GET.get("fragment") == "comments":
        return render(request, "charters/clause_detail.html#comments", context)
    if request.htmx and request.GET.get("fragment") == "amendments":
        # The clause's wording and history come along, out of band, so they stay current.
        context["refresh_head"] = True
        return render(request, "charters/clause_detail.html#clause-proposals", context)
    return render(request, "charters/clause_detail.html", context)


@require_http_methods(["GET"])
def clause_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    clause = (
        Clause.objects.select_related("charter", "delegation", "author")
        .filter(charter__workshop=workshop, number=number)
        .first()
    )
    if clause is None:
        raise Http404("The charter has no article with this number.")
    return _render_clause(request, workshop, participant, clause)


@require_http_methods(["GET"])
def clause_by_id(request: HttpRequest, code: str, clause_id: int) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    return _render_clause(request, workshop, participant, _clause_in(workshop, clause_id))


@require_http_methods(["GET"])
def board(request: HttpRequest, code: str) -> HttpResponse:
    """The status board alone: shared by every page of the workshop (no per-person data)."""
    workshop, participant = access.get_participant_workshop(request, code)
    template = "charters/status_board.html" if request.htmx else "charters/board.html"
    context = {"workshop": workshop, "participant": participant, "board": status_board(workshop)}
    return render(request, template, context)


@require_http_methods(["GET"])
def proposal_list(request: HttpRequest, code: str) -> HttpResponse:
    """The room's proposal list (and, out of band, the status board), for polling pages.

    `?v=` carries the fingerprint the page was rendered with: while nothing changed the answer
    is an empty 204, so a list is never swapped under someone's click for no reason.
    """
    workshop, participant = access.get_participant_workshop(request, code)
    version = room_fingerprint(workshop)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    context = {
        "workshop": workshop,
        "participant": participant,
        "proposals": open_first(proposal_cards(workshop, participant)),
        "is_facilitator": workshop.is_facilitated_by(request.user),
        "room_version": version,
        "with_board": True,
        "can_propose": workshop.allows("propose"),
    }
    return render(request, "workshops/room.html#proposal-list", context)


# --- caucus and heads ----------------------------------------------------------------------


def _delegation_for(request, code, delegation_id) -> tuple[Workshop, Participant, Delegation]:
    workshop, participant = access.get_participant_workshop(request, code)
    delegation = get_object_or_404(
        Delegation.objects.select_related("workshop", "head"), pk=delegation_id, workshop=workshop
    )
    if not caucus.can_see_caucus(participant, delegation):
        raise NotPermitted("This caucus is private to its delegation and the facilitator.")
    return workshop, participant, delegation


def caucus_context(workshop, participant, delegation, form=None) -> dict:
    return {
        "workshop": workshop,
        "participant": participant,
        "delegation": delegation,
        "messages_": caucus_messages(delegation),
        "members": list(delegation.members.filter(role=Participant.Role.DELEGATE)),
        "caucus_form": form or CaucusForm(),
    }


@require_http_methods(["GET", "POST"])
def caucus_room(request: HttpRequest, code: str, delegation_id: int) -> HttpResponse:
    workshop, participant, delegation = _delegation_for(request, code, delegation_id)
    form = None
    status = 200
    if request.method == "POST":
        form = CaucusForm(request.POST)
        if form.is_valid():
            try:
                caucus.caucus_post(
                    delegation=delegation, participant=participant, **form.cleaned_data
                )
            except NotPermitted:
                raise
            except ActionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                form = None
                if not request.htmx:
                    return redirect(
                        "charters:caucus", code=workshop.code, delegation_id=delegation.pk
                    )
        else:
            status = 400
    context = caucus_context(workshop, participant, delegation, form)
    if request.htmx:
        return render(request, "charters/caucus.html#caucus-panel", context, status=status)
    return render(request, "charters/caucus.html", context, status=status)


@require_http_methods(["POST"])
def set_head(request: HttpRequest, code: str, delegation_id: int) -> HttpResponse:
    workshop, participant, delegation = _delegation_for(request, code, delegation_id)
    head_id = request.POST.get("head", "")
    head = None
    if head_id:
        head = Participant.objects.filter(pk=head_id if head_id.isdigit() else 0).first()
        if head is None:
            raise ActionRefused("Choose a member of the delegation.", status_code=400)
    caucus.delegation_set_head(delegation=delegation, head=head, by=participant)
    if request.htmx:
        delegation.refresh_from_db()
        context = caucus_context(workshop, participant, delegation)
        return render(request, "charters/caucus.html#caucus-panel", context)
    return _back(request, workshop)


# --- the facilitator's editing -------------------------------------------------------------


def _section_in(workshop: Workshop, section_id: str) -> Section:
    """The section of this workshop's charter that a form names, or a 404."""
    pk = int(section_id) if section_id.isdigit() else 0
    return get_object_or_404(Section, pk=pk, charter__workshop=workshop)


@login_required
@require_http_methods(["POST"])
def clause_edit(request: HttpRequest, code: str, clause_id: int) -> HttpResponse:
    """Move, retitle, mark agreed or file under a section: told apart by `action`."""
    workshop = access.get_facilitated_workshop(request, code)
    clause = _clause_in(workshop, clause_id)
    action = request.POST.get("action")
    if action == "move":
        to = request.POST.get("to", "")
        if not to.isdigit():
            raise ActionRefused("Give the new article number.", status_code=400)
        editing.clause_move(clause=clause, to=int(to))
    elif action == "retitle":
        editing.clause_retitle(clause=clause, title=request.POST.get("title", ""))
    elif action == "status":
        editing.clause_set_status(clause=clause, status=request.POST.get("status", ""))
    elif action == "section":
        section = None
        if request.POST.get("section"):
            section = _section_in(workshop, request.POST["section"])
        editing.clause_set_section(clause=clause, section=section)
    else:
        raise ActionRefused("Unknown change.", status_code=400)
    return redirect(reverse("charters:clause_id", args=[workshop.code, clause.pk]))


@login_required
@require_http_methods(["POST"])
def charter_edit(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    action = request.POST.get("action")
    if action == "section":
        editing.section_create(charter=workshop.charter, title=request.POST.get("title", ""))
    elif action in ("section_retitle", "section_delete"):
        section = _section_in(workshop, request.POST.get("section", ""))
        if action == "section_retitle":
            editing.section_retitle(section=section, title=request.POST.get("title", ""))
        else:
            editing.section_delete(section=section)
    else:
        form = CharterForm(request.POST)
        if not form.is_valid():
            raise ActionRefused(
                "; ".join(e for errors in form.errors.values() for e in errors), status_code=400
            )
        editing.charter_edit(charter=workshop.charter, **form.cleaned_data)
    return redirect("charters:charter", code=workshop.code)
