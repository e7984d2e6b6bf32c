"""Framework content is edited in the content files, not here: the admin only shows it."""

from django.contrib import admin

from framework.models import (
    Domain,
    FrameworkVersion,
    PracticeLevel,
    Principle,
    WayOfWorking,
    WellbeingGoal,
)


class ReadOnlyContentAdmin(admin.ModelAdmin):
    list_display = ["name_en", "code", "order", "framework", "is_active"]
    list_filter = ["framework", "is_active"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnlyContentAdmin):
    list_display = ["code", "short_title_en", "published", "source_file", "loaded_at"]
    list_filter = []


for model in (Domain, Principle, PracticeLevel, WayOfWorking, WellbeingGoal):
    admin.site.register(model, ReadOnlyContentAdmin)
