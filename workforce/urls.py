"""Practice level reference pages, under /framework/practice-levels/."""

from django.urls import path

from workforce import views

app_name = "practice_levels"

urlpatterns = [
    path("<slug:code>/", views.PracticeLevelDetailView.as_view(), name="level"),
]
