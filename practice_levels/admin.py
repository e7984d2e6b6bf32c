from django.contrib import admin

from assessments.admin import ReadOnlyContentAdmin
from practice_levels.models import PracticeLevel

admin.site.register(PracticeLevel, ReadOnlyContentAdmin)
