"""A lead's feedback round pages, under /o/<org-slug>/assessments/<cycle>/feedback/."""

from django.urls import path

from voices.views import rounds

app_name = "voices"

urlpatterns = [
    path("", rounds.RoundListView.as_view(), name="rounds"),
    path("new/", rounds.RoundAudienceView.as_view(), name="audience"),
    path("new/<slug:audience>/", rounds.RoundOpenView.as_view(), name="open"),
    path("<id:round_id>/", rounds.RoundView.as_view(), name="round"),
    path("<id:round_id>/edit/", rounds.RoundEditView.as_view(), name="edit"),
    path("<id:round_id>/close/", rounds.RoundCloseView.as_view(), name="close"),
    path("<id:round_id>/poster/", rounds.PosterView.as_view(), name="poster"),
    path("<id:round_id>/figures.csv", rounds.RoundCsvView.as_view(), name="csv"),
]
