"""Coordinators' pages: /networks/ and /n/<network-slug>/."""

from django.urls import path

from networks.views import case_studies, coordinator

app_name = "coordinator"

urlpatterns = [
    path("networks/", coordinator.CoordinatedNetworksView.as_view(), name="networks"),
    path("n/<slug:network_slug>/", coordinator.NetworkView.as_view(), name="network"),
    path("n/<slug:network_slug>/figures.csv", coordinator.NetworkCsvView.as_view(), name="csv"),
    path("n/<slug:network_slug>/invite/", coordinator.InviteView.as_view(), name="invite"),
    path(
        "n/<slug:network_slug>/case-studies/",
        case_studies.CoordinatorCaseStudiesView.as_view(),
        name="case_studies",
    ),
    path(
        "n/<slug:network_slug>/case-studies/<id:case_study_id>/highlight/",
        case_studies.HighlightView.as_view(),
        name="highlight",
    ),
]
