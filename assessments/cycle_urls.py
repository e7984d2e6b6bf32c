"""Assessment cycle pages, under /o/<org-slug>/assessments/."""

from django.urls import path

from assessments.views import cycles, questions, reflections, results, sessions

app_name = "assessments"

urlpatterns = [
    path("", cycles.CycleListView.as_view(), name="list"),
    path("new/", cycles.CycleStartView.as_view(), name="start"),
    path("<id:cycle_id>/", cycles.CycleHubView.as_view(), name="hub"),
    path("<id:cycle_id>/readiness/", questions.ReadinessStartView.as_view(), name="readiness"),
    path(
        "<id:cycle_id>/readiness/<slug:code>/",
        questions.ReadinessView.as_view(),
        name="readiness_theme",
    ),
    path("<id:cycle_id>/domains/<slug:code>/", questions.DomainView.as_view(), name="domain"),
    path("<id:cycle_id>/check/", cycles.CheckAnswersView.as_view(), name="check"),
    path("<id:cycle_id>/reopen/", cycles.ReopenView.as_view(), name="reopen"),
    path("<id:cycle_id>/contributors/", cycles.ContributorsView.as_view(), name="contributors"),
    path("<id:cycle_id>/targets/", cycles.TargetsView.as_view(), name="targets"),
    path(
        "<id:cycle_id>/contributors/views/",
        cycles.ViewsNamingView.as_view(),
        name="views_naming",
    ),
    path("<id:cycle_id>/results/", results.ResultsView.as_view(), name="results"),
    path("<id:cycle_id>/results/scores.csv", results.ResultsCsvView.as_view(), name="results_csv"),
    path("<id:cycle_id>/reflections/", reflections.ReflectionsView.as_view(), name="reflections"),
    path(
        "<id:cycle_id>/reflections/<slug:code>/",
        reflections.ReflectionView.as_view(),
        name="reflection",
    ),
    path("<id:cycle_id>/sessions/", sessions.SessionListView.as_view(), name="sessions"),
    path(
        "<id:cycle_id>/sessions/new/",
        sessions.SessionScheduleView.as_view(),
        name="session_schedule",
    ),
    path(
        "<id:cycle_id>/sessions/<id:session_id>/",
        sessions.SessionView.as_view(),
        name="session",
    ),
    path(
        "<id:cycle_id>/sessions/<id:session_id>/edit/",
        sessions.SessionEditView.as_view(),
        name="session_edit",
    ),
    path(
        "<id:cycle_id>/sessions/<id:session_id>/<slug:code>/",
        sessions.FacilitationView.as_view(),
        name="facilitate",
    ),
]
