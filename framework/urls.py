"""Framework reference pages, under /framework/."""

from django.urls import path

from framework import views

app_name = "framework"

urlpatterns = [
    path("", views.FrameworkIndexView.as_view(), name="index"),
    path("domains/<slug:code>/", views.DomainDetailView.as_view(), name="domain"),
    path("principles/<slug:code>/", views.PrincipleDetailView.as_view(), name="principle"),
    path(
        "practice-levels/<slug:code>/",
        views.PracticeLevelDetailView.as_view(),
        name="practice_level",
    ),
]
