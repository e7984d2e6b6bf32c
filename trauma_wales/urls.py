"""Top-level URLs. Organisation pages live under /o/<org-slug>/ (see organisations.tenancy)."""

from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from accounts.views import language_switch
from organisations import views as organisation_views
from trauma_wales import health, views
from trauma_wales.ids import IdConverter

register_converter(IdConverter, "id")  # before the apps' URLconfs below are imported

admin.site.site_header = _("Trauma-informed self-assessment: platform administration")

urlpatterns = [
    path("", organisation_views.HomeView.as_view(), name="home"),
    path("signed-in/", organisation_views.SignedInView.as_view(), name="signed_in"),
    path("your-data.json", organisation_views.PersonalDataView.as_view(), name="personal_data"),
    path("close-account/", organisation_views.CloseAccountView.as_view(), name="close_account"),
    path("accounts/", include("accounts.urls")),
    path(
        "organisations/new/",
        organisation_views.OrganisationRegisterView.as_view(),
        name="organisation_register",
    ),
    path(
        "invitations/<str:token>/",
        organisation_views.AcceptInvitationView.as_view(),
        name="invitation_accept",
    ),
    path("o/<slug:org_slug>/", include("organisations.urls")),
    path("o/<slug:org_slug>/assessments/", include("assessments.cycle_urls")),
    path("o/<slug:org_slug>/assessments/<id:cycle_id>/plan/", include("action_plans.urls")),
    path("o/<slug:org_slug>/assessments/<id:cycle_id>/report/", include("reports.urls")),
    path("o/<slug:org_slug>/assessments/<id:cycle_id>/feedback/", include("voices.urls")),
    path("o/<slug:org_slug>/workforce/", include("workforce.urls")),
    path("o/<slug:org_slug>/data/", include("reports.organisation_urls")),
    path("o/<slug:org_slug>/networks/", include("networks.urls")),
    path("", include("networks.coordinator_urls")),
    path("f/<slug:token>/", include("voices.public_urls")),
    path("framework/", include("framework.urls")),
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("cookies/", views.CookiesView.as_view(), name="cookies"),
    path("privacy/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("platform-admin/", admin.site.urls),
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
]
