"""An organisation's networks, under /o/<org-slug>/networks/."""

from django.urls import path

from networks.views import case_studies, organisation

app_name = "networks"

urlpatterns = [
    path("", organisation.NetworksView.as_view(), name="organisation"),
    path("<slug:network_slug>/join/", organisation.JoinView.as_view(), name="join"),
    path("<slug:network_slug>/decline/", organisation.DeclineView.as_view(), name="decline"),
    path("<slug:network_slug>/sharing/", organisation.SharingView.as_view(), name="sharing"),
    path("<slug:network_slug>/leave/", organisation.LeaveView.as_view(), name="leave"),
    path(
        "<slug:network_slug>/case-studies/",
        case_studies.CaseStudiesView.as_view(),
        name="case_studies",
    ),
    path(
        "<slug:network_slug>/case-studies/new/", case_studies.PublishView.as_view(), name="publish"
    ),
]
