"""The organisation-wide download of everything it holds (/o/<slug>/data/)."""

from django.urls import path

from reports import views

app_name = "organisation_data"

urlpatterns = [
    path("organisation-data.json", views.OrganisationDataView.as_view(), name="download"),
]
