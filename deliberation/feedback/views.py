from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_htmx.http import trigger_client_event

from deliberation.charters.models import Clause
from deliberation.charters.selectors import charter_clauses
from deliberation.core.errors import ActionRefused
from deliberation.core.live import live_url
from deliberation.workshops import access
from deliberation.workshops.models import Workshop

from . import exports, pdf, services
from .access import get_charter_reader, get_studied_workshop
from .backup import workshop_backup_json
from .forms import AnswerForm, QuestionForm
from .models import FeedbackQuestion, FeedbackResponse
from .selectors import my_reaction, reaction_counts, workshop_results


def _clause(workshop: Workshop, clause_id: int) -> Clause:
    clause = Clause.objects.filter(charter__workshop=workshop, pk=clause_id).first()
    if clause is None:
        raise Http404("This workshop has no such clause.")
    return clause


@require_http_methods(["GET", "POST"])
def reactions(request: HttpRequest, code: str, clause_id: int) -> HttpResponse:
    """A clause's reaction counts and buttons; a POST records or changes the reaction."""
    workshop, participant = access.get_participant_workshop(request, code)
    clause = _clause(workshop, clause_id)
    if request.method == "POST":
        services.reaction_set(
            clause=clause, participant=participant, choice=request.POST.get("choice", "")
        )
        if not request.htmx:
            target = request.POST.get("next", "")
            if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
                return redirect(target)
            return redirect("charters:clause_id", code=workshop.code, clause_id=clause.pk)
    response = render(
        request,
        "feedback/reactions.html#reaction-box",
        {
            "workshop": workshop,
            "clause": clause,
            "participant": participant,
            "counts": reaction_counts(clause),
            "mine": my_reaction(clause, participant),
        },
    )
    if request.method == "POST":
        return trigger_client_event(response, "reactions-changed")
    return response


# The feedback form, as participants see it ------------------------------------------------


@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest, code: str) -> HttpResponse:
    """The end-of-session form: answered once, changed as often as wanted until archiving."""
    workshop, participant = access.get_participant_workshop(request, code)
    stream = live_url(workshop)  # before the reads, so later changes are replayed
    questions = list(workshop.feedback_questions.all())
    response_row = (
        FeedbackResponse.objects.filter(participant=participant).prefetch_related("answers").first()
    )
    initial = {}
    if response_row is not None:
        for answer in response_row.answers.all():
            value = answer.rating if answer.rating is not None else answer.text
            initial[f"q{answer.question_id}"] = "" if value is None else str(value)
    form = AnswerForm(request.POST or None, questions=questions, initial=initial)
    status = 200
    saved = False
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_submit(participant=participant, answers=form.answers())
            except ActionRefused as refused:
                if refused.status_code == 403:
                    raise
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                if not request.htmx:
                    messages.success(request, "Thank you. Your answers are saved.")
                    return redirect("feedback:form", code=workshop.code)
                saved = True
                response_row = True
        else:
            status = 400
    context = {
        "workshop": workshop,
        "participant": participant,
        "form": form,
        "answered": response_row is not None,
        "saved": saved,
        "live_url": stream,
        "articles": charter_clauses(workshop),
    }
    template = "feedback/form.html#feedback-form" if request.htmx else "feedback/form.html"
    return render(request, template, context, status=status)


# The form editor, for the facilitator ------------------------------------------------------


def _editor(
    request: HttpRequest, workshop: Workshop, *, forms=None, add_form=None, saved=None, status=200
):
    questions = list(
        workshop.feedback_questions.annotate(answer_count=Count("answers")).order_by(
            "position", "pk"
        )
    )
    forms = forms or {}
    context = {
        "workshop": workshop,
        "questions": [
            (q, forms.get(q.pk) or QuestionForm(instance=q, prefix=f"q{q.pk}")) for q in questions
        ],
        "add_form": add_form or QuestionForm(prefix="new"),
        "responses": workshop.feedback_responses.count(),
        "saved": saved,
    }
    template = "feedback/editor.html#question-editor" if request.htmx else "feedback/editor.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, code: str) -> HttpResponse:
    """The facilitator's view of the form; a POST adds a question (or the suggested ones)."""
    workshop = access.get_facilitated_workshop(request, code)
    if request.method == "GET":
        return _editor(request, workshop)
    if request.POST.get("action") == "suggested":
        services.questions_add_suggested(workshop=workshop)
        return _editor(request, workshop) if request.htmx else redirect("feedback:editor", code)
    form = QuestionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.question_add(workshop=workshop, **form.cleaned_data)
        except ActionRefused as refused:
            if refused.status_code == 403:
                raise
            form.add_error(None, refused.message)
        else:
            return _editor(request, workshop) if request.htmx else redirect("feedback:editor", code)
    return _editor(request, workshop, add_form=form, status=400)


@login_required
@require_http_methods(["POST"])
def question(request: HttpRequest, code: str, question_id: int) -> HttpResponse:
    """Save, move up, move down or remove one question, told apart by the button's name."""
    workshop = access.get_facilitated_workshop(request, code)
    item = get_object_or_404(FeedbackQuestion, pk=question_id, workshop=workshop)
    action = request.POST.get("action", "save")
    if action in ("up", "down"):
        services.question_move(question=item, direction=action)
    elif action == "remove":
        services.question_remove(question=item)
    elif action == "save":
        form = QuestionForm(request.POST, instance=FeedbackQuestion(), prefix=f"q{item.pk}")
        try:
            if not form.is_valid():
                raise ActionRefused("Check the question.", status_code=400)
            services.question_edit(question=item, **form.cleaned_data)
        except ActionRefused as refused:
            if refused.status_code == 403:
                raise
            if refused.message != "Check the question.":
                form.add_error(None, refused.message)
            item.refresh_from_db()
            return _editor(request, workshop, forms={item.pk: form}, status=refused.status_code)
    else:
        raise ActionRefused("Save, move or remove the question.", status_code=400)
    if request.htmx:
        return _editor(request, workshop, saved=item.pk if action == "save" else None)
    return redirect("feedback:editor", code=workshop.code)


# Results -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def studies(request: HttpRequest) -> HttpResponse:
    """Where a researcher finds every workshop's results; a facilitator sees their own."""
    workshops = Workshop.objects.filter(is_template=False).annotate(
        people=Count("participants", distinct=True),
        forms=Count("feedback_responses", distinct=True),
    )
    if not (request.user.is_staff or request.user.is_superuser):
        workshops = workshops.filter(created_by=request.user)
    return render(request, "feedback/studies.html", {"workshops": workshops})


@login_required
@require_http_methods(["GET"])
def results(request: HttpRequest, code: str) -> HttpResponse:
    workshop = get_studied_workshop(request, code)
    return render(
        request, "feedback/results.html", {"workshop": workshop} | workshop_results(workshop)
    )


# Exports -------------------------------------------------------------------------------------


def _download(content: str | bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET"])
def exports_page(request: HttpRequest, code: str) -> HttpResponse:
    workshop = get_studied_workshop(request, code)
    labels = sorted(exports.research_datasets(workshop))
    return render(
        request,
        "feedback/exports.html",
        {
            "workshop": workshop,
            "datasets": [(label, exports.dataset_filename(label)) for label in labels],
            "is_facilitator": workshop.is_facilitated_by(request.user),
        },
    )


@require_http_methods(["GET"])
def charter_markdown(request: HttpRequest, code: str) -> HttpResponse:
    workshop, _ = get_charter_reader(request, code)
    return _download(
        exports.charter_markdown(workshop),
        filename=f"charter-{workshop.code}.md",
        content_type="text/markdown; charset=utf-8",
    )


@require_http_methods(["GET"])
def charter_pdf(request: HttpRequest, code: str) -> HttpResponse:
    workshop, _ = get_charter_reader(request, code)
    return _download(
        pdf.charter_pdf(workshop),
        filename=f"charter-{workshop.code}.pdf",
        content_type="application/pdf",
    )


@require_http_methods(["GET"])
def charter_print(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = get_charter_reader(request, code)
    records = exports.charter_record(workshop)
    return render(
        request,
        "feedback/charter_print.html",
        {
            "workshop": workshop,
            "participant": participant,
            "records": records,
            "subtitle": exports.charter_subtitle(workshop),
        },
    )


@login_required
@require_http_methods(["GET"])
def research_json(request: HttpRequest, code: str) -> HttpResponse:
    workshop = get_studied_workshop(request, code)
    return _download(
        exports.research_json(workshop),
        filename=f"workshop-{workshop.code}-data.json",
        content_type="application/json; charset=utf-8",
    )


@login_required
@require_http_methods(["GET"])
def research_csv(request: HttpRequest, code: str, dataset: str) -> HttpResponse:
    workshop = get_studied_workshop(request, code)
    datasets = exports.research_datasets(workshop)
    label = dataset.removesuffix(".csv").replace("-", ".")
    if label not in datasets:
        raise Http404("This workshop has no such dataset.")
    return _download(
        exports.dataset_csv(datasets[label]),
        filename=f"{workshop.code}-{exports.dataset_filename(label)}",
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_http_methods(["GET"])
def research_zip(request: HttpRequest, code: str) -> HttpResponse:
    workshop = get_studied_workshop(request, code)
    return _download(
        exports.research_zip(workshop),
        filename=f"workshop-{workshop.code}-csv.zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET"])
def backup(request: HttpRequest, code: str) -> HttpResponse:
    """The whole workshop, names included, for its facilitator only (see backup.py)."""
    workshop = access.get_facilitated_workshop(request, code)
    return _download(
        workshop_backup_json(workshop),
        filename=f"workshop-{workshop.code}-backup.json",
        content_type="application/json; charset=utf-8",
    )
