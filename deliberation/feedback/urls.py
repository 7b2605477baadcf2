from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("w/<str:code>/clauses/<int:clause_id>/reactions/", views.reactions, name="reactions"),
    path("w/<str:code>/feedback/", views.feedback_form, name="form"),
    path("console/<str:code>/feedback/", views.editor, name="editor"),
    path("console/<str:code>/feedback/<int:question_id>/", views.question, name="question"),
    path("research/", views.studies, name="studies"),
    path("console/<str:code>/results/", views.results, name="results"),
    path("console/<str:code>/exports/", views.exports_page, name="exports"),
    path("console/<str:code>/exports/data.json", views.research_json, name="research_json"),
    path("console/<str:code>/exports/data.zip", views.research_zip, name="research_zip"),
    path("console/<str:code>/exports/data/<str:dataset>", views.research_csv, name="research_csv"),
    path("console/<str:code>/exports/backup.json", views.backup, name="backup"),
    path("w/<str:code>/charter.md", views.charter_markdown, name="charter_markdown"),
    path("w/<str:code>/charter.pdf", views.charter_pdf, name="charter_pdf"),
    path("w/<str:code>/charter/print/", views.charter_print, name="charter_print"),
]
