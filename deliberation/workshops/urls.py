from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("w/<str:code>/", views.room, name="room"),
    path("w/<str:code>/join/", views.seat, name="seat"),
    path("w/<str:code>/brief/", views.brief, name="brief"),
    path("w/<str:code>/phase-bar/", views.phase_bar, name="phase_bar"),
    path("console/", views.console_list, name="console_list"),
    path("console/<str:code>/", views.console, name="console"),
    path("console/<str:code>/phase/", views.console_phase, name="phase"),
    path("console/<str:code>/timer/", views.console_timer, name="timer"),
    path("console/<str:code>/lock/", views.console_lock, name="lock"),
    path("console/<str:code>/rule/", views.console_rule, name="rule"),
    path(
        "console/<str:code>/delegations/<int:delegation_id>/",
        views.console_delegation,
        name="delegation",
    ),
    path(
        "console/<str:code>/participants/<int:participant_id>/",
        views.console_participant,
        name="participant",
    ),
    path("console/<str:code>/spotlight/", views.console_spotlight, name="spotlight"),
    path("console/<str:code>/duplicate/", views.console_duplicate, name="duplicate"),
    path("console/<str:code>/archive/", views.console_archive, name="archive"),
    path("console/<str:code>/projector/", views.projector, name="projector"),
]
