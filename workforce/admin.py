from django.contrib import admin

from assessments.admin import ReadOnlyContentAdmin
from workforce.models import PracticeLevel

admin.site.register(PracticeLevel, ReadOnlyContentAdmin)
