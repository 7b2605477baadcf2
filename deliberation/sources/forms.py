from django import forms

from deliberation.charters.models import MAX_TEXT

from .models import AlignmentJudgement
from .services import MAX_NOTE


class PreviewForm(forms.Form):
    """What the drafting form sends as someone types: the clause text, perhaps its title."""

    title = forms.CharField(required=False, max_length=200)
    text = forms.CharField(required=False, max_length=MAX_TEXT, strip=True)
    clause = forms.IntegerField(
        required=False, min_value=1, help_text="For an amendment: the id of the clause amended."
    )


class JudgementForm(forms.Form):
    clause = forms.IntegerField(required=False, min_value=1)
    proposal = forms.IntegerField(required=False, min_value=1)
    principle = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(choices=AlignmentJudgement.Verdict.choices)
    stance = forms.ChoiceField(
        choices=AlignmentJudgement.Stance.choices, required=False, initial="supports"
    )
    note = forms.CharField(required=False, max_length=MAX_NOTE)
    next = forms.CharField(required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if bool(data.get("clause")) == bool(data.get("proposal")):
            raise forms.ValidationError("Say which article or proposal you are judging.")
        return data


class DocumentForm(forms.Form):
    """A new source document: pasted text or an uploaded file."""

    title = forms.CharField(label="Title", max_length=200)
    author = forms.CharField(label="Author or source", max_length=200, required=False)
    colour = forms.CharField(
        label="Badge colour",
        initial="#5b21b6",
        max_length=7,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text="Badges of this document's principles use it; pick a dark one.",
    )
    text = forms.CharField(
        label="Paste the text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    file = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text="A .txt, .md, .docx or .pdf file, up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx,.pdf"}),
    )

    def clean(self):
        data = super().clean()
        has_text = bool((data.get("text") or "").strip())
        if has_text and data.get("file"):
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        if not has_text and not data.get("file") and not self.errors:
            raise forms.ValidationError("Paste the document's text or upload a file.")
        return data


class PrincipleForm(forms.Form):
    title = forms.CharField(label="Title", max_length=120)
    summary = forms.CharField(
        label="Summary", max_length=600, widget=forms.Textarea(attrs={"rows": 3})
    )
    delegations = forms.TypedMultipleChoiceField(
        label="Held by", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, delegation_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegations"].choices = delegation_choices


class QuoteForm(forms.Form):
    """A principle the facilitator finds that the suggestions missed."""

    title = forms.CharField(label="Title", max_length=120)
    summary = forms.CharField(
        label="Summary", max_length=600, widget=forms.Textarea(attrs={"rows": 2})
    )
    quote = forms.CharField(
        label="Passage, copied exactly from the document",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentDetailsForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    author = forms.CharField(label="Author or source", max_length=200, required=False)
    colour = forms.CharField(
        label="Badge colour", max_length=7, widget=forms.TextInput(attrs={"type": "color"})
    )
