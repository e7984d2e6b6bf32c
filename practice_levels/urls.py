"""Practice level reference pages, under /framework/practice-levels/."""

from django.urls import path

from practice_levels import views

app_name = "practice_levels"

urlpatterns = [
    path("<slug:code>/", views.PracticeLevelDetailView.as_view(), name="level"),
]
