from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from deliberation.workshops import views as workshop_views

urlpatterns = [
    path("", workshop_views.home, name="home"),
    path("join", RedirectView.as_view(pattern_name="workshops:join", query_string=True)),
    path("", include("deliberation.workshops.urls")),
    path("", include("deliberation.charters.urls")),
    path("", include("deliberation.sources.urls")),
    path("", include("deliberation.feedback.urls")),
    path("live/", include("deliberation.core.urls")),
    path("accounts/", include("deliberation.accounts.urls")),
    path("admin/", admin.site.urls),
]
