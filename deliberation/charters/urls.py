from django.urls import path

from . import views

app_name = "charters"
urlpatterns = [
    path("w/<str:code>/propose/", views.propose, name="propose"),
    path("w/<str:code>/proposals/", views.proposal_list, name="proposal_list"),
    path("w/<str:code>/proposals/<int:proposal_id>/vote/", views.vote, name="vote"),
    path("w/<str:code>/proposals/<int:proposal_id>/withdraw/", views.withdraw, name="withdraw"),
    path("w/<str:code>/proposals/<int:proposal_id>/friendly/", views.friendly, name="friendly"),
    path("w/<str:code>/proposals/<int:proposal_id>/rebase/", views.rebase, name="rebase"),
    path("w/<str:code>/proposals/<int:proposal_id>/object/", views.object_to, name="object"),
    path("w/<str:code>/objections/<int:objection_id>/", views.objection_act, name="objection"),
    path("w/<str:code>/charter/", views.charter, name="charter"),
    path("w/<str:code>/board/", views.board, name="board"),
    path("w/<str:code>/articles/<int:number>/", views.clause_detail, name="clause"),
    path("w/<str:code>/clauses/<int:clause_id>/", views.clause_by_id, name="clause_id"),
    path("w/<str:code>/clauses/<int:clause_id>/amend/", views.amend, name="amend"),
    path("w/<str:code>/clauses/<int:clause_id>/comment/", views.comment, name="comment"),
    path("w/<str:code>/caucus/<int:delegation_id>/", views.caucus_room, name="caucus"),
    path("w/<str:code>/delegations/<int:delegation_id>/head/", views.set_head, name="head"),
    path(
        "console/<str:code>/proposals/<int:proposal_id>/close/",
        views.close_vote,
        name="close_vote",
    ),
    path("console/<str:code>/proposals/<int:proposal_id>/refuse/", views.refuse, name="refuse"),
    path(
        "console/<str:code>/objections/<int:objection_id>/rule/",
        views.objection_rule,
        name="objection_rule",
    ),
    path(
        "console/<str:code>/comments/<int:comment_id>/hide/",
        views.comment_hide,
        name="comment_hide",
    ),
    path("console/<str:code>/clauses/<int:clause_id>/edit/", views.clause_edit, name="clause_edit"),
    path("console/<str:code>/charter/", views.charter_edit, name="charter_edit"),
]
