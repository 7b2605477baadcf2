from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("<str:code>/events", views.events, name="stream"),
]
