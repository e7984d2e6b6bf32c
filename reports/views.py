"""The board report as a web page and as a PDF download: the same builder, the same
content template; only the frame and the stylesheet differ. The PDF is made by the worker
ahead of time and served from storage (docs/adr/0011). Also the lead's download of
everything the organisation holds (reports.organisation_data)."""

import io
import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from assessments.views.mixins import CycleMixin
from organisations.tenancy import OrganisationMixin
from reports.documents import Variant, report_document
from reports.forms import IN_LANGUAGE, VERSION_NAMES, ReportOptionsForm
from reports.models import StoredReport
from reports.organisation_data import organisation_data
from reports.selectors import FULL, board_report
from reports.services import (
    organisation_data_download_record,
    report_download_record,
    stored_report_lost,
    stored_report_request,
    stored_report_retry,
)
from reports.storage import report_file_open
from reports.workbook import workbook_pdf
from trauma_wales.bilingual import active_language
from trauma_wales.kept import kept, organisation_page_parts
from trauma_wales.permissions import Capability, role_can


class ReportOptionsMixin(CycleMixin):
    """Reads the options (version, language) from the query string; bad values fall back
    to the full report in the page's language and are shown as an error."""

    def report_options(self) -> tuple[ReportOptionsForm, str, str]:
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


CONTROLS = "<!-- report controls -->"


class ReportView(ReportOptionsMixin, TemplateView):
    """The page stays in the site's language (its frame and the report options); only the
    report itself, marked with its `lang`, is in the language chosen for the report."""

    template_name = "reports/report.html"
    capability = Capability.VIEW_REPORT

    def get(self, request, *args, **kwargs):
        form, version, language = self.report_options()
        context = self.get_context_data(
            form=form,
            report_language=language,
            site_language=active_language(),
            pdf_query=f"version={version}&language={language}",
        )
        controls = self.controls(context, version, language)
        with_workforce = role_can(self.membership.role, Capability.VIEW_WORKFORCE)

        def body() -> str:
            with translation.override(language):
                report = self.build_report(version)
                return render_to_string(
                    "reports/_report_body.html",
                    {**context, "report": report, "controls_html": mark_safe(CONTROLS)},  # noqa: S308
                    request,
                )

        # The body is the same for everyone who may see it (trauma_wales.kept); the
        # controls hold this request's form, and go in after.
        kept_body = kept(
            (
                "report-page",
                self.cycle.pk,
                *organisation_page_parts(self.organisation, self.cycle.framework.content_hash),
                version,
                language,
                with_workforce,
            ),
            body,
        )
        context["report_body"] = mark_safe(kept_body.replace(CONTROLS, controls))  # noqa: S308
        context["is_full"] = version == FULL
        return self.render_to_response(context)

    def controls(self, context: dict, version: str, language: str) -> str:
        """The report options: a GET form without a CSRF token, so while it shows no errors
        it is the same for everyone with the same options and may be kept."""

        def render() -> str:
            return render_to_string("reports/_controls.html", context, self.request)

        if context["form"].errors:
            return render()
        key = (
            "report-controls",
            self.organisation.slug,
            self.cycle.pk,
            role_can(self.membership.role, Capability.DOWNLOAD_REPORT),
            version,
            language,
            context["site_language"],
        )
        return kept(key, render)


class ReportPdfView(ReportOptionsMixin, TemplateView):
    """The PDF, made ahead by the worker (docs/adr/0011): served from the reports storage
    when one has been made for the report as it stands; otherwise a page that says it is
    being prepared (and queues it, once) or that it could not be made, with a button to
    check again or to try again. Never a PDF of data that has since changed."""

    template_name = "reports/pdf_status.html"
    capability = Capability.DOWNLOAD_REPORT

    def stored_report(self) -> tuple[Variant, StoredReport]:
        _form, version, language = self.report_options()
        variant = Variant.for_role(version=version, language=language, role=self.membership.role)
        document = report_document(cycle=self.cycle, variant=variant, dated=False)
        stored = stored_report_request(
            cycle=self.cycle, variant=variant, fingerprint=document.fingerprint
        )
        return variant, stored

    def get(self, request, *args, **kwargs):
        variant, stored = self.stored_report()
        if stored.is_ready:
            pdf = report_file_open(stored.file_name)
            if pdf is not None:
                name = slugify(f"{self.organisation.name} {self.cycle.name} {variant.version}")
                report_download_record(
                    cycle=self.cycle,
                    actor=request.user,
                    version=variant.version,
                    language=variant.language,
                )
                return FileResponse(
                    pdf,
                    as_attachment=True,
                    filename=f"{name[:100] or 'report'}.pdf",
                    content_type="application/pdf",
                )
            stored = stored_report_lost(stored=stored)
        context = self.get_context_data(
            stored=stored,
            variant=variant,
            version_label=dict(VERSION_NAMES)[variant.version],
            in_language=dict(IN_LANGUAGE)[variant.language],
            query=urlencode({"version": variant.version, "language": variant.language}),
            checked_at=timezone.now(),
        )
        response = self.render_to_response(context)
        add_never_cache_headers(response)  # "Check again" must ask the server again
        return response

    def post(self, request, *args, **kwargs):
        """Try a failed (or stuck) render again, then show where it stands."""
        variant, stored = self.stored_report()
        if stored.can_retry:
            stored_report_retry(stored=stored)
        query = urlencode({"version": variant.version, "language": variant.language})
        return redirect(f"{request.path}?{query}")


class OrganisationDataView(OrganisationMixin, View):
    """Everything the organisation holds, as one JSON file (reports.organisation_data;
    its shape is in the README). Leads only; each download is recorded."""

    capability = Capability.EXPORT_ORGANISATION_DATA

    def get(self, request, *args, **kwargs):
        data = organisation_data(organisation=self.organisation)
        organisation_data_download_record(organisation=self.organisation, actor=request.user)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        return FileResponse(
            io.BytesIO(body.encode("utf-8")),
            as_attachment=True,
            filename=f"{self.organisation.slug}-data.json",
            content_type="application/json; charset=utf-8",
        )


class WorkbookPdfView(CycleMixin, View):
    """The blank workbook of the cycle's questions (reports.workbook), in the language asked
    for (`?language=cy`) or the page's."""

    def get(self, request, *args, **kwargs):
        asked = request.GET.get("language")
        language = asked if asked in dict(settings.LANGUAGES) else active_language()
        pdf = workbook_pdf(cycle=self.cycle, language=language)
        return FileResponse(
            io.BytesIO(pdf),
            as_attachment=True,
            filename=f"workbook-{language}.pdf",
            content_type="application/pdf",
        )
