from django.contrib import admin

from trauma_wales.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "organisation", "actor", "target_type", "target_id"]
    list_filter = ["action"]
    search_fields = ["action", "organisation__name", "actor__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
