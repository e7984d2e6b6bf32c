"""Workforce pages, under /o/<org-slug>/workforce/."""

from django.urls import path

from workforce import views

app_name = "workforce"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("groups/new/", views.StaffGroupFormView.as_view(), name="group_create"),
    path("groups/<id:group_id>/", views.StaffGroupFormView.as_view(), name="group_edit"),
    path("groups/<id:group_id>/training/", views.TrainingFormView.as_view(), name="training"),
    path("groups/<id:group_id>/remove/", views.StaffGroupDeleteView.as_view(), name="group_delete"),
]
