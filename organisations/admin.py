"""Platform admin for organisations, their members and invitations.

Platform staff see everything here but change nothing around the rules: roles and members
change on the organisation's own members page, through the services (an organisation
always keeps a lead, and every change is in the audit trail), so the membership inline
and the invitations are read-only. An organisation's details are changed by its leads.
Deleting an organisation goes through `organisation_delete`, which records it first; its
audit trail stays (docs/adr/0014).
"""

from django.contrib import admin

from organisations import services
from organisations.models import Invitation, Membership, Organisation


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    fields = readonly_fields = ("user", "role", "created_at")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sector", "size_band", "created_at"]
    list_filter = ["sector", "size_band"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False  # organisations are registered through the service (a lead, an entry)

    def has_change_permission(self, request, obj=None):
        return False

    def get_deleted_objects(self, objs, request):
        """Everything in an organisation goes with it, invitations included, although
        platform staff may not delete an invitation on its own."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed - {Invitation._meta.verbose_name}, protected

    def delete_model(self, request, obj):
        services.organisation_delete(organisation=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for organisation in queryset:
            services.organisation_delete(organisation=organisation, actor=request.user)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "email",
        "organisation",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    exclude = ["token_hash"]
