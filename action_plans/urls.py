"""Action plan pages, under /o/<org-slug>/assessments/<cycle-id>/plan/."""

from django.urls import path, re_path

from action_plans import views

app_name = "plans"

urlpatterns = [
    path("", views.PlanView.as_view(), name="plan"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("suggestions/", views.SuggestionsView.as_view(), name="suggestions"),
    path("actions/new/", views.ActionFormView.as_view(), name="action_create"),
    path("actions/<id:action_id>/", views.ActionDetailView.as_view(), name="action"),
    path("actions/<id:action_id>/edit/", views.ActionFormView.as_view(), name="action_edit"),
    path("actions/<id:action_id>/remove/", views.ActionDeleteView.as_view(), name="action_delete"),
    path("comment/", views.PlanCommentView.as_view(), name="comment"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.PlanExportView.as_view(), name="export"),
    path("<slug:step>/", views.PlanStepView.as_view(), name="step"),
]
