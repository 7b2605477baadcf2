from django import forms

from .models import MAX_ANSWER, MAX_PROMPT, RATING_MAX, RATING_MIN, FeedbackQuestion


class QuestionForm(forms.ModelForm):
    class Meta:
        model = FeedbackQuestion
        fields = ["prompt", "kind", "low_label", "high_label", "required"]
        labels = {
            "prompt": "Question",
            "kind": "Answered with",
            "low_label": "Label for 1",
            "high_label": "Label for 5",
            "required": "Participants must answer it",
        }
        widgets = {"prompt": forms.TextInput(attrs={"maxlength": MAX_PROMPT})}
        help_texts = {
            "low_label": "For ratings, e.g. “Not at all”.",
            "high_label": "For ratings, e.g. “Very much”.",
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


def field_name(question: FeedbackQuestion) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question of the workshop's form, named q<question id>."""

    def __init__(self, *args, questions: list[FeedbackQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.is_rating:
                scale = [(str(v), str(v)) for v in range(RATING_MIN, RATING_MAX + 1)]
                field = forms.ChoiceField(
                    choices=scale, widget=forms.RadioSelect, required=question.required
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}),
                    max_length=MAX_ANSWER,
                    required=question.required,
                )
            field.label = question.prompt
            field.question = question
            self.fields[field_name(question)] = field

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(field_name(q)) or "" for q in self.questions}
