"""Board report pages and the blank workbook, under /o/<org-slug>/assessments/<id>/report/."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportView.as_view(), name="report"),
    path("report.pdf", views.ReportPdfView.as_view(), name="pdf"),
    path("workbook.pdf", views.WorkbookPdfView.as_view(), name="workbook"),
]
