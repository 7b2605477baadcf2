from django.urls import path

from . import views

app_name = "sources"
urlpatterns = [
    path("w/<str:code>/align/preview/", views.align_preview, name="preview"),
    path("w/<str:code>/align/judge/", views.judge, name="judge"),
    path("w/<str:code>/charter/alignment/", views.charter_alignment, name="charter_alignment"),
]
urlpatterns += [path("w/<str:code>/debrief/", views.debrief, name="debrief")]
urlpatterns += [
    path("console/<str:code>/documents/", views.documents, name="documents"),
    path("console/<str:code>/documents/<int:pk>/", views.document_review, name="document"),
    path("console/<str:code>/documents/<int:pk>/use/", views.document_use, name="document_use"),
    path(
        "console/<str:code>/documents/<int:pk>/suggest/",
        views.document_suggest,
        name="document_suggest",
    ),
    path("console/<str:code>/documents/<int:pk>/merge/", views.merge, name="merge"),
    path("console/<str:code>/documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path(
        "console/<str:code>/documents/<int:pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("console/<str:code>/principles/<int:pk>/", views.principle_edit, name="principle"),
]
