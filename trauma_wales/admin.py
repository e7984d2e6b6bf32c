"""The audit trail in the platform admin: read-only, like the table underneath it.

Entries are shown by the names they kept, since the organisation or person may since have
been deleted."""

from django.contrib import admin

from trauma_wales.models import AuditEntry, OutgoingEmail


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "organisation_name", "actor_name", "target_type"]
    list_filter = ["action"]
    search_fields = ["action", "organisation_name", "actor_name"]
    fields = readonly_fields = (
        "created_at",
        "action",
        "actor_name",
        "actor_id",
        "organisation_name",
        "organisation_id",
        "target_type",
        "target_id",
        "details",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Where platform staff see which emails are waiting or could not be sent, and why."""

    list_display = ["created_at", "template", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["status", "template"]
    exclude = ["body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
