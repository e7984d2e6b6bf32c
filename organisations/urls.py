from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("edit/", views.OrganisationEditView.as_view(), name="edit"),
    path("members/", views.MembersView.as_view(), name="members"),
    path("members/invite/", views.InviteView.as_view(), name="invite"),
    path("members/<id:membership_id>/role/", views.ChangeRoleView.as_view(), name="change_role"),
    path(
        "members/<id:membership_id>/remove/",
        views.RemoveMemberView.as_view(),
        name="remove_member",
    ),
    path("delete/", views.OrganisationDeletionView.as_view(), name="delete"),
    path("delete/keep/", views.OrganisationKeepView.as_view(), name="keep"),
    path("history/", views.HistoryView.as_view(), name="history"),
    path("history/history.csv", views.HistoryExportView.as_view(), name="history_export"),
    path(
        "invitations/<id:invitation_id>/withdraw/",
        views.RevokeInvitationView.as_view(),
        name="revoke_invitation",
    ),
]
