"""The board report as a web page and as a PDF download: the same builder, the same
content template; only the frame and the stylesheet differ. The PDF is made by the worker
ahead of time and served from storage (docs/adr/0011). Also the lead's download of
everything the organisation holds (reports.organisation_data)."""

import io
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, HttpRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from assessments.views.mixins import CycleMixin
from organisations.tenancy import OrganisationMixin
from reports.documents import Variant, report_document
from reports.forms import IN_LANGUAGE, NO, VERSION_NAMES, ReportChoice, ReportOptionsForm
from reports.models import StoredReport
from reports.organisation_data import organisation_data
from reports.selectors import FULL, board_report, comparisons_for
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
    """Reads the options (version, language, comparison) from the query string; bad values
    fall back to the full report in the page's language and are shown as an error. The
    comparison is offered only to an organisation with others to compare with: the report
    page always looks, to show the option; the PDF only when it is asked for."""

    shows_options = False
    request: HttpRequest

    @cached_property
    def page_parts(self) -> tuple:
        return organisation_page_parts(self.organisation, self.cycle.framework.content_hash)

    def report_options(self) -> tuple[ReportOptionsForm, ReportChoice]:
        current = active_language()
        asked = self.shows_options or "compare" in self.request.GET
        self.page_comparisons = comparisons_for(self.cycle, self.page_parts) if asked else []
        self.offer_comparison = bool(self.page_comparisons)
        if not self.request.GET:
            initial = {"version": FULL, "language": current, "compare": NO}
            form = ReportOptionsForm(initial=initial, offer_comparison=self.offer_comparison)
            return form, ReportChoice(FULL, current)
        form = ReportOptionsForm(self.request.GET, offer_comparison=self.offer_comparison)
        if form.is_valid():
            return form, form.choice()
        return form, ReportChoice(FULL, current)


CONTROLS = "<!-- report controls -->"
COMPARISONS = "<!-- comparisons -->"


class ReportView(ReportOptionsMixin, TemplateView):
    """The page stays in the site's language (its frame and the report options); only the
    report itself, marked with its `lang`, is in the language chosen for the report."""

    template_name = "reports/report.html"
    capability = Capability.VIEW_REPORT
    shows_options = True

    def get(self, request, *args, **kwargs):
        form, choice = self.report_options()
        context = self.get_context_data(
            form=form,
            report_language=choice.language,
            site_language=active_language(),
            pdf_query=choice.query,
            offer_comparison=self.offer_comparison,
        )
        controls = self.controls(context, choice)
        comparisons = self.comparisons(choice.language) if choice.compare else []
        with_workforce = role_can(self.membership.role, Capability.VIEW_WORKFORCE)

        def body() -> str:
            with translation.override(choice.language):
                report = board_report(
                    cycle=self.cycle, version=choice.version, with_workforce=with_workforce
                )
                report.comparisons = [mark_safe(COMPARISONS)] if comparisons else []  # noqa: S308
                return render_to_string(
                    "reports/_report_body.html",
                    {**context, "report": report, "controls_html": mark_safe(CONTROLS)},  # noqa: S308
                    request,
                )

        # The body is the same for everyone who may see it (trauma_wales.kept); the
        # controls hold this request's form, and the comparison follows other
        # organisations' data (kept by networks under its own versions): both go in after,
        # as on the results page.
        kept_body = kept(
            ("report-page", self.cycle.pk, *self.page_parts, choice, with_workforce),
            body,
        )
        page = kept_body.replace(CONTROLS, controls).replace(COMPARISONS, "".join(comparisons))
        context["report_body"] = mark_safe(page)  # noqa: S308
        context["is_full"] = choice.version == FULL
        return self.render_to_response(context)

    def comparisons(self, language: str) -> list[str]:
        """The comparison in the report's language: the one the option was offered from,
        when that is the page's; otherwise under the same versions in the other language."""
        if language == active_language():
            return self.page_comparisons
        data_version, content_hash, _page_language, day = self.page_parts
        with translation.override(language):
            return comparisons_for(self.cycle, (data_version, content_hash, language, day))

    def controls(self, context: dict, choice: ReportChoice) -> str:
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
            choice,
            self.offer_comparison,
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

    def stored_report(self) -> tuple[Variant, ReportChoice, StoredReport]:
        _form, choice = self.report_options()
        variant = Variant.for_role(
            version=choice.version,
            language=choice.language,
            role=self.membership.role,
            with_comparison=choice.compare,
        )
        document = report_document(cycle=self.cycle, variant=variant, dated=False)
        stored = stored_report_request(
            cycle=self.cycle, variant=variant, fingerprint=document.fingerprint
        )
        return variant, choice, stored

    def get(self, request, *args, **kwargs):
        variant, choice, stored = self.stored_report()
        if stored.is_ready:
            pdf = report_file_open(stored.file_name)
            if pdf is not None:
                compared = " with comparison" if variant.with_comparison else ""
                name = slugify(
                    f"{self.organisation.name} {self.cycle.name} {variant.version}{compared}"
                )
                report_download_record(cycle=self.cycle, actor=request.user, variant=variant)
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
            choice=choice,
            query=choice.query,
            checked_at=timezone.now(),
        )
        response = self.render_to_response(context)
        add_never_cache_headers(response)  # "Check again" must ask the server again
        return response

    def post(self, request, *args, **kwargs):
        """Try a failed (or stuck) render again, then show where it stands."""
        _variant, choice, stored = self.stored_report()
        if stored.can_retry:
            stored_report_retry(stored=stored)
        return redirect(f"{request.path}?{choice.query}")


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
