"""The fingerprint that keys a stored board report PDF changes whenever anything the PDF
shows changes, and only then.

One table, one kind of data a row: each change is made to a fully populated cycle (a
previous cycle, colleagues' views, targets, an approved plan with progress, workforce
figures), and the four PDFs (full and summary, English and Welsh) are compared before and
after. Most changes show in all four; detail only the full report has changes the full
report's two; wording in one language changes that language's two.
"""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from action_plans.models import DeliveryStatus, PlanStatus, PlanStatusChange, ProgressUpdate
from assessments.models import DomainReflection, DomainTarget, Indicator, ReadinessValue
from framework.models import Domain
from reports.documents import Variant, downloadable_variants, report_document
from reports.selectors import FULL, SUMMARY
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import (
    add_contributor,
    answer_indicator,
    answer_readiness,
    org_response,
    submitted_cycle,
)
from tests.workforce.factories import group_with_needs
from workforce.services import cycle_coverage_record, snapshot_refresh

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()
# Nothing in the world falls due between these two days, so only the date moves.
A_DAY = datetime(2026, 6, 1, 10, tzinfo=TZ)
THE_NEXT_DAY = A_DAY + timedelta(days=1)
ALL = {(version, language) for version in (FULL, SUMMARY) for language in ("en", "cy")}
FULL_ONLY = {(FULL, "en"), (FULL, "cy")}
ENGLISH_ONLY = {(FULL, "en"), (SUMMARY, "en")}


@pytest.fixture
def world(organisation, framework_content, lead, reviewer):
    with time_machine.travel(A_DAY, tick=False):
        previous = submitted_cycle(organisation, year=2024, score=1)
        cycle = submitted_cycle(
            organisation, year=2025, score=2, submitted_by=lead, views_named=True
        )
        response = org_response(cycle)
        answer_indicator(response, "policy-01", score=0, priority=True, evidence="Old letters")
        answer_indicator(response, "environment-02", score=4, evidence="New quiet room")
        colleague = add_contributor(cycle)
        answer_indicator(colleague, "policy-01", score=1)
        DomainTarget.objects.create(
            cycle=cycle, domain=Domain.objects.get(framework=cycle.framework, code="policy"),
            level=3, set_by=lead,
        )  # fmt: skip
        plan = PlanFactory(cycle=cycle, status=PlanStatus.APPROVED)
        PlanStatusChange.objects.create(
            plan=plan, from_status=PlanStatus.IN_REVIEW, to_status=PlanStatus.APPROVED,
            revision=plan.revision, actor=reviewer,
        )  # fmt: skip
        action = ActionFactory(plan=plan, description="Rewrite the letters",
                               target_date=date(2026, 9, 30))  # fmt: skip
        ActionFactory(plan=plan, description="Train reception staff",
                      target_date=date(2026, 3, 31))  # fmt: skip
        group_with_needs(organisation, trained={"aware": 3}, headcount=8)
        snapshot_refresh(organisation=organisation, actor=lead, today=timezone.localdate())
        cycle_coverage_record(cycle=cycle)
    return SimpleNamespace(
        cycle=cycle, previous=previous, response=response, colleague=colleague, plan=plan,
        action=action, reviewer=reviewer, organisation=organisation, lead=lead,
    )  # fmt: skip


def fingerprints(cycle, when=A_DAY) -> dict:
    with time_machine.travel(when, tick=False):
        return {
            (variant.version, variant.language): report_document(
                cycle=cycle, variant=variant, dated=False
            ).fingerprint
            for variant in downloadable_variants()
        }


def _rename_person(w):
    w.reviewer.full_name = "Siân Hughes-Jones"
    w.reviewer.save()


def _rename_organisation(w):
    w.organisation.name = "Cwm Afon Homes"
    w.organisation.save()


def _plan_back_to_draft(w):
    w.plan.status = PlanStatus.DRAFT
    w.plan.save()


def _progress(w):
    ProgressUpdate.objects.create(action=w.action, recorded_on=date(2026, 5, 30),
                                  status=DeliveryStatus.IN_PROGRESS, note="Drafts written",
                                  author=w.reviewer)  # fmt: skip
    w.action.delivery_status = DeliveryStatus.IN_PROGRESS
    w.action.save()


def _edit_action(w):
    w.action.description = "Rewrite the letters with tenants"
    w.action.save()


def _new_action(w):
    ActionFactory(plan=w.plan, target_date=date(2026, 10, 31))


def _previous_cycle_answer(w):
    answer_indicator(org_response(w.previous), "leadership-01", score=4)


def _workforce_recorded_again(w):
    group_with_needs(w.organisation, trained={"aware": 8}, headcount=8, name="Housing officers")
    snapshot_refresh(organisation=w.organisation, actor=w.lead, today=date(2026, 6, 1))
    cycle_coverage_record(cycle=w.cycle)


def _framework_wording_in_english(w):
    Domain.objects.filter(framework=w.cycle.framework, code="policy").update(
        name_en="Policies, procedures and practice"
    )


def _indicator_wording_in_welsh(w):
    Indicator.objects.filter(framework=w.cycle.framework, code="policy-01").update(
        text_cy="Testun newydd ar gyfer y dangosydd hwn"
    )


def _views_anonymous(w):
    w.cycle.views_named = False  # one colleague: their view is no longer shown
    w.cycle.save(update_fields=["views_named"])


def _target(w):
    DomainTarget.objects.filter(cycle=w.cycle).update(level=4)


def _reflection(w):
    DomainReflection.objects.create(
        cycle=w.cycle,
        domain=Domain.objects.get(framework=w.cycle.framework, code="policy"),
        heard="The letters frighten people",
    )


def _cycle_renamed(w):
    w.cycle.name = "2025 to 2026 assessment"
    w.cycle.save()


CHANGES = {
    "a rating (a figure in every language)": (
        lambda w: answer_indicator(w.response, "policy-01", score=3), ALL),
    "evidence notes": (
        lambda w: answer_indicator(w.response, "environment-02", score=4, evidence="Calmer"),
        FULL_ONLY),
    "a readiness answer": (
        lambda w: answer_readiness(w.response, "sponsorship-01", ReadinessValue.NOT_YET),
        ALL),
    "a colleague's view": (
        lambda w: answer_indicator(w.colleague, "policy-01", score=4), FULL_ONLY),
    "another colleague giving their view": (lambda w: add_contributor(w.cycle), ALL),
    "colleagues' views made anonymous": (_views_anonymous, FULL_ONLY),
    "a target level": (_target, FULL_ONLY),
    "a reflection on a domain area": (_reflection, ALL),
    "the plan's status": (_plan_back_to_draft, ALL),
    "an action's words": (_edit_action, ALL),
    "an action added": (_new_action, ALL),
    "an action's progress": (_progress, ALL),
    "a person's name": (_rename_person, ALL),
    "the organisation's name": (_rename_organisation, ALL),
    "the assessment's name": (_cycle_renamed, ALL),
    "the previous assessment's answers": (_previous_cycle_answer, ALL),
    "workforce figures kept at submission": (_workforce_recorded_again, ALL),
    "the framework's English wording": (_framework_wording_in_english, ENGLISH_ONLY),
    "the framework's Welsh wording": (
        _indicator_wording_in_welsh, {(FULL, "cy")}),
}  # fmt: skip


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_a_change_to_what_the_pdf_shows_changes_its_fingerprint(world, change):
    make, changed = CHANGES[change]
    before = fingerprints(world.cycle)
    with time_machine.travel(A_DAY, tick=False):
        make(world)
    after = fingerprints(world.cycle)
    assert {key for key in before if before[key] != after[key]} == changed


def test_readiness_code_used_above_exists(world):
    # The table's readiness change must change a real answer, not fail silently.
    assert world.cycle.framework.readiness_items.filter(code="sponsorship-01").exists()


def test_the_same_data_gives_the_same_fingerprint_whatever_the_day(world):
    """The date a PDF is made is on its cover, but not in its fingerprint: a report whose
    data has not changed is served as it was made."""
    assert fingerprints(world.cycle) == fingerprints(world.cycle)
    assert fingerprints(world.cycle, THE_NEXT_DAY) == fingerprints(world.cycle)


def test_an_action_falling_overdue_changes_the_fingerprint(world):
    """Overdue actions are listed first and counted: the day one falls due is a change."""
    due = datetime.combine(world.action.target_date, datetime.min.time(), TZ)
    before = fingerprints(world.cycle, due + timedelta(hours=10))
    after = fingerprints(world.cycle, due + timedelta(days=1, hours=10))
    assert {key for key in before if before[key] != after[key]} == ALL


def test_each_pdf_has_its_own_fingerprint(world):
    prints = fingerprints(world.cycle)
    assert len(set(prints.values())) == 4
    without = report_document(cycle=world.cycle, variant=Variant(FULL, "en", False), dated=False)
    assert without.fingerprint not in prints.values()


def test_the_dated_html_differs_only_by_the_date(world):
    variant = Variant(FULL, "en", True)
    with time_machine.travel(A_DAY, tick=False):
        dated = report_document(cycle=world.cycle, variant=variant)
        undated = report_document(cycle=world.cycle, variant=variant, dated=False)
    assert dated.fingerprint == undated.fingerprint
    # On the cover ("Report produced") and in the sign-off block, and nowhere else.
    assert dated.html.count("1 June 2026") == undated.html.count("1 June 2026") + 2


def test_the_stylesheet_is_part_of_the_fingerprint(world, monkeypatch, caplog):
    """A changed print stylesheet makes every PDF again; a missing one (a broken deploy) is
    logged, and the PDFs made without it are made again once it is back."""
    from reports import documents

    before = fingerprints(world.cycle)
    for content in (b"@page { size: A5; }", FileNotFoundError):
        documents._rendering_key.cache_clear()

        def stylesheet(relative, content=content):
            if content is FileNotFoundError:
                raise FileNotFoundError(relative)
            return content

        monkeypatch.setattr(documents, "static_file_bytes", stylesheet)
        after = fingerprints(world.cycle)
        assert all(before[key] != after[key] for key in before)
    assert "stylesheet reports/report-print.css not found" in caplog.text
    monkeypatch.undo()
    documents._rendering_key.cache_clear()
    assert fingerprints(world.cycle) == before
