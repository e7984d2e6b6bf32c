"""The board report as a web page and as a PDF download: the same builder, the same
content template; only the frame and the stylesheet differ."""

import io

from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from assessments.views.mixins import CycleMixin
from reports import services
from reports.forms import ReportOptionsForm
from reports.pdf import cached_html_to_pdf
from reports.selectors import FULL, board_report
from trauma_wales.bilingual import active_language
from trauma_wales.permissions import Capability, role_can


class ReportOptionsMixin(CycleMixin):
    """Reads the options (version, language) from the query string; bad values fall back
    to the full report in the page's language and are shown as an error."""

    def options(self) -> tuple[ReportOptionsForm, str, str]:
        current = active_language()
        if not self.request.GET:
            return ReportOptionsForm(initial={"version": FULL, "language": current}), FULL, current
        form = ReportOptionsForm(self.request.GET)
        if form.is_valid():
            return form, form.cleaned_data["version"], form.cleaned_data["language"]
        return form, FULL, current

    def build_report(self, version: str):
        return board_report(
            cycle=self.cycle,
            version=version,
            with_workforce=role_can(self.membership.role, Capability.VIEW_WORKFORCE),
        )


class ReportView(ReportOptionsMixin, TemplateView):
    """The page stays in the site's language (its frame and the report options); only the
    report itself, marked with its `lang`, is in the language chosen for the report."""

    template_name = "reports/report.html"
    capability = Capability.VIEW_REPORT

    def get(self, request, *args, **kwargs):
        form, version, language = self.options()
        context = self.get_context_data(
            form=form,
            report_language=language,
            site_language=active_language(),
            pdf_query=f"version={version}&language={language}",
        )
        context["controls_html"] = render_to_string("reports/_controls.html", context, request)
        with translation.override(language):
            context["report"] = self.build_report(version)
            context["report_body"] = render_to_string("reports/_report_body.html", context, request)
        return self.render_to_response(context)


class ReportPdfView(ReportOptionsMixin, View):
    capability = Capability.DOWNLOAD_REPORT

    def get(self, request, *args, **kwargs):
        _form, version, language = self.options()
        with translation.override(language):
            report = self.build_report(version)
            html = render_to_string(
                "reports/report_pdf.html",
                {"report": report, "report_language": language},
                request=request,
            )
        name = slugify(f"{self.organisation.name} {self.cycle.name} {version}")[:100]
        services.report_download_record(
            cycle=self.cycle, actor=request.user, version=version, language=language
        )
        return FileResponse(
            io.BytesIO(cached_html_to_pdf(html)),
            as_attachment=True,
            filename=f"{name or 'report'}.pdf",
            content_type="application/pdf",
        )
