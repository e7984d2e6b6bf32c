"""Every service that writes records exactly one audit entry, generated from the code.

`write_services()` walks every app's services modules for the functions named
`<thing>_<verb>` that they define. Each must be in CASES (how to call it with valid input,
the action code it records and, for an edit, the values it had before) or in NOT_AUDITED
(with the reason it records nothing). A new write service without a line here fails
`test_every_write_service_is_in_the_table`, so it cannot ship unaudited.

Each case is called once on a fresh organisation: exactly one new entry, with the expected
code, person and organisation; an edit's `details["changed"]` holds `[before, after]` for
what changed, and the test checks the "before" against what the data held. The entry
must also read in plain words on the history page (trauma_wales.audit_text).
"""

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import pytest
from django.utils import timezone

from accounts import services as account_services
from action_plans import services as plan_services
from action_plans.models import DeliveryStatus, PlanStatus, Priority
from assessments.models import ConsensusSession, CycleStatus, DomainReflection, DomainTarget
from assessments.services import answers as answer_services
from assessments.services import cycles as cycle_services
from assessments.services import reflections as reflection_services
from assessments.services import sessions as session_services
from framework.models import Domain, FrameworkVersion, Principle
from networks.models import CaseStudy, Coordinator, MembershipStatus
from networks.services import case_studies as case_study_services
from networks.services import memberships as membership_services
from networks.services import networks as network_services
from organisations import services as organisation_services
from organisations.models import Area, Organisation
from reports import services as report_services
from reports.documents import Variant
from tests.accounts.factories import UserFactory
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import (
    CycleFactory,
    answer_everything,
    answer_indicator,
    answer_readiness,
    indicator,
    org_response,
    readiness_item,
    submitted_cycle,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory
from tests.organisations.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.workforce.factories import group_with_needs, level
from trauma_wales.audit_text import Names, describe
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from voices import services as voice_services
from voices.models import CommentDecision, FeedbackComment, FeedbackRound, FeedbackStatement
from workforce import services as workforce_services

pytestmark = pytest.mark.django_db

APPS = [
    "accounts",
    "organisations",
    "assessments",
    "workforce",
    "voices",
    "action_plans",
    "reports",
    "networks",
]
SERVICE_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def _services_modules():
    for app in APPS:
        try:
            package = importlib.import_module(f"{app}.services")
        except ModuleNotFoundError:
            continue
        yield package
        if hasattr(package, "__path__"):  # a package: assessments.services.answers, ...
            for info in pkgutil.iter_modules(package.__path__):
                yield importlib.import_module(f"{package.__name__}.{info.name}")


def write_services() -> dict[str, Callable]:
    """Every public `<thing>_<verb>` function defined in a services module, by name."""
    return {
        name: function
        for module in _services_modules()
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and SERVICE_NAME.match(name)
    }


class World:
    """An organisation with a lead, a second lead and a contributor; everything else is made
    when a case first asks for it."""

    def __init__(self):
        self.organisation = OrganisationFactory(name="Cwm Afon Housing")
        self.lead = MembershipFactory(organisation=self.organisation, role=Role.LEAD).user
        self.second_lead = MembershipFactory(organisation=self.organisation, role=Role.LEAD)
        self.contributor = MembershipFactory(organisation=self.organisation, role=Role.CONTRIBUTOR)
        self.framework = FrameworkVersion.objects.current()

    @cached_property
    def staff(self):
        return UserFactory(is_staff=True)

    @cached_property
    def coordinator(self):
        return UserFactory(full_name="Carys Coordinator")

    @cached_property
    def network(self):
        network = NetworkFactory(
            slug="west-wales", name_en="West Wales network", name_cy="Rhwydwaith Gorllewin Cymru"
        )
        Coordinator.objects.create(network=network, user=self.coordinator)
        return network

    def network_membership(self, status=MembershipStatus.JOINED):
        return NetworkMembershipFactory(
            network=self.network, organisation=self.organisation, status=status
        )

    @cached_property
    def cycle(self):
        """In progress, with a readiness answer and a leadership answer to change."""
        cycle = CycleFactory(organisation=self.organisation, name="2026 assessment")
        answer_readiness(org_response(cycle), "sponsorship-01", "not_yet", note="Ask the board")
        answer_indicator(org_response(cycle), "leadership-01", score=1, evidence="Minutes")
        DomainTarget.objects.create(
            cycle=cycle, domain=self.domain("leadership"), level=2, set_by=self.lead
        )
        return cycle

    @cached_property
    def submitted(self):
        return submitted_cycle(self.organisation, year=2025, name="2025 baseline")

    @cached_property
    def draft_plan(self):
        plan = PlanFactory(cycle=self.submitted, title="Our plan")
        self.action = ActionFactory(
            plan=plan, description="Train every manager", target_date=date(2026, 1, 5)
        )
        return plan

    @cached_property
    def approved_action(self):
        plan = PlanFactory(cycle=self.submitted, title="Our plan", status=PlanStatus.APPROVED)
        return ActionFactory(plan=plan, description="Train every manager")

    @cached_property
    def group(self):
        return group_with_needs(
            self.organisation, name="Housing officers", headcount=12, trained={"aware": 4}
        )

    def domain(self, code: str) -> Domain:
        return Domain.objects.get(framework=self.framework, code=code)

    @cached_property
    def feedback_round(self) -> FeedbackRound:
        """Open for five weeks, asking people who use the services three statements, with
        one comment not read yet."""
        feedback_round = FeedbackRound.objects.create(
            cycle=self.cycle,
            audience="people",
            closes_on=_in_days(35),
            max_responses=100,
            support_en="Call 111",
            support_cy="Ffoniwch 111",
        )
        feedback_round.statements.set(self.statements)
        FeedbackComment.objects.create(
            round=feedback_round, text="Kind staff", received_on=date(2026, 6, 1), language="en"
        )
        return feedback_round

    @cached_property
    def statements(self) -> list:
        return list(
            FeedbackStatement.objects.filter(framework=self.framework, audience="people")[:3]
        )


SELF, NOBODY = "the new account", "nobody signed in"


def _in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@dataclass(frozen=True)
class Case:
    action: str  # the code the entry records
    call: Callable[[World], object]
    # For an edit: what `details["changed"]` must say each field was before and is after.
    changed: Callable[[World], dict] | None = None
    actor: Callable[[World], object] = lambda w: w.lead  # or SELF or NOBODY
    organisation: bool = True  # False for a person's own account
    extra: dict = field(default_factory=dict)  # other details the entry must hold


def _indicator_input(**values):
    return answer_services.IndicatorInput(**values)


def _reflection_save(w: World):
    saved = DomainReflection.objects.create(
        cycle=w.cycle, domain=w.domain("policy"), proud="Our letters", learned="Read them aloud"
    )
    return reflection_services.domain_reflection_save(
        cycle=w.cycle,
        domain=w.domain("policy"),
        texts={"proud": "Our letters", "learned": "", "heard": "They frighten people"},
        actor=w.lead,
        expected_version=saved.version,
    )


def _session(w: World):
    return ConsensusSession.objects.create(cycle=w.cycle, held_on=date(2026, 6, 1))


def _session_item(w: World):
    answer_indicator(org_response(w.cycle), "policy-01", score=1)
    return session_services.session_item_record(
        session=_session(w),
        indicator=indicator(w.framework, "policy-01"),
        decision=session_services.SessionDecision(outcome="agreed", score=2, reason="Letters"),
        expected_revision=0,
        actor=w.lead,
    )


def _section_save(w: World):
    response = org_response(w.cycle)
    return answer_services.domain_answers_save(
        response=response,
        domain=w.domain("leadership"),
        answers={
            indicator(w.framework, "leadership-01").pk: _indicator_input(
                score=3, evidence="Minutes of March"
            ),
            indicator(w.framework, "leadership-02").pk: _indicator_input(dont_know=True),
        },
        expected_revision=0,
        actor=w.lead,
    )


def _readiness_save(w: World):
    return answer_services.readiness_answers_save(
        response=org_response(w.cycle),
        theme=readiness_item(w.framework, "sponsorship-01").theme,
        answers={
            readiness_item(w.framework, "sponsorship-01").pk: answer_services.ReadinessInput(
                value="yes", note="Ask the board"
            )
        },
        expected_revision=0,
        actor=w.lead,
    )


def _action_values(w: World, **changed) -> dict:
    action = w.draft_plan.actions.get()
    values = {name: getattr(action, name) for name in ("description", "target_date", "outcome")}
    values |= {"domain": action.domain, "responsible_other": action.responsible_other}
    values |= {"priority": action.priority, "principles": []}
    return values | changed


def _deletion_due(w: World):
    Organisation.objects.filter(pk=w.organisation.pk).update(deletion_due_on=date.today())
    return w.organisation


def _submit(w: World):
    cycle = CycleFactory(organisation=w.organisation)
    answer_everything(org_response(cycle), score=2)
    return cycle_services.cycle_submit(cycle=cycle, actor=w.lead)


CASES: dict[str, Case] = {
    # accounts
    "user_create": Case(
        "user.created",
        lambda w: account_services.user_create(
            email="new@example.org",
            full_name="Nia",
            password="a-long-password-1",
            email_confirmed=False,
        ),
        actor=lambda w: SELF,
        organisation=False,
    ),
    "user_sign_up": Case(
        "user.created",
        lambda w: account_services.user_sign_up(
            email="new@example.org",
            full_name="Nia",
            password="a-long-password-1",
            language="cy",
            base_url="https://example.org",
        ),
        actor=lambda w: SELF,
        organisation=False,
    ),
    "user_email_confirm": Case(
        "user.email_confirmed",
        lambda w: account_services.user_email_confirm(
            user=UserFactory(email="new@example.org", email_confirmed_at=None)
        ),
        actor=lambda w: SELF,
        organisation=False,
    ),
    "user_language_set": Case(
        "user.language_changed",
        lambda w: account_services.user_language_set(user=w.lead, language="cy"),
        changed=lambda w: {"language": ["en", "cy"]},
        organisation=False,
    ),
    "user_close": Case(
        "user.closed",
        lambda w: account_services.user_close(user=w.contributor.user),
        actor=lambda w: NOBODY,  # the entry keeps no trace of whose account it was
        organisation=False,
    ),
    "personal_data_download_record": Case(
        "user.data_downloaded",
        lambda w: account_services.personal_data_download_record(user=w.lead),
        organisation=False,
    ),
    "sign_in_record": Case(
        "user.signed_in",
        lambda w: account_services.sign_in_record(user=w.lead),
        organisation=False,
    ),
    "sign_in_failure_record": Case(
        "user.sign_in_failed",
        lambda w: account_services.sign_in_failure_record(email=w.lead.email.upper()),
        actor=lambda w: NOBODY,
        organisation=False,
        extra={"email": "__lead__"},
    ),
    "sign_out_record": Case(
        "user.signed_out",
        lambda w: account_services.sign_out_record(user=w.lead),
        organisation=False,
    ),
    "password_change_record": Case(
        "user.password_reset",
        lambda w: account_services.password_change_record(user=w.lead, reset=True),
        organisation=False,
    ),
    # organisations
    "organisation_register": Case(
        "organisation.registered",
        lambda w: organisation_services.organisation_register(
            user=w.lead, name="Ysgol Glan Môr", sector="education", size_band="50-249"
        ),
        organisation=False,  # a new organisation, not the world's
        extra={"name": "Ysgol Glan Môr"},
    ),
    "organisation_update": Case(
        "organisation.updated",
        lambda w: organisation_services.organisation_update(
            organisation=w.organisation,
            actor=w.lead,
            name="Cwm Afon Homes",
            sector=w.organisation.sector,
            size_band=w.organisation.size_band,
            areas=Area.objects.filter(code__in=["swansea", "cardiff"]),
            expected_version=w.organisation.version,
        ),
        changed=lambda w: {
            "name": ["Cwm Afon Housing", "Cwm Afon Homes"],
            "areas": [[], ["cardiff", "swansea"]],
        },
    ),
    "membership_add": Case(
        "membership.added",
        lambda w: organisation_services.membership_add(
            organisation=w.organisation,
            user=UserFactory(full_name="Nia"),
            role=Role.BOARD,
            actor=w.lead,
        ),
        extra={"member": "Nia", "role": Role.BOARD},
    ),
    "membership_change_role": Case(
        "membership.role_changed",
        lambda w: organisation_services.membership_change_role(
            membership=w.contributor,
            role=Role.REVIEWER,
            actor=w.lead,
            expected_version=w.contributor.version,
        ),
        changed=lambda w: {"role": [Role.CONTRIBUTOR, Role.REVIEWER]},
    ),
    "membership_remove": Case(
        "membership.removed",
        lambda w: organisation_services.membership_remove(membership=w.contributor, actor=w.lead),
        extra={"role": Role.CONTRIBUTOR},
    ),
    "invitation_create": Case(
        "invitation.created",
        lambda w: organisation_services.invitation_create(
            organisation=w.organisation,
            invited_by=w.lead,
            email="Nia@Example.org",
            role=Role.BOARD,
            base_url="https://example.org",
        ),
        extra={"email": "nia@example.org", "role": Role.BOARD},
    ),
    "invitation_accept": Case(
        "invitation.accepted",
        lambda w: organisation_services.invitation_accept(
            token="tok-accept",
            user=UserFactory(
                email=InvitationFactory(
                    organisation=w.organisation, token="tok-accept", email="nia@example.org"
                ).email
            ),
        ),
        actor=lambda w: AuditEntry.objects.latest("pk").actor,  # the new member
    ),
    "invitation_revoke": Case(
        "invitation.revoked",
        lambda w: organisation_services.invitation_revoke(
            invitation=InvitationFactory(organisation=w.organisation, email="nia@example.org"),
            actor=w.lead,
        ),
        extra={"email": "nia@example.org"},
    ),
    "organisation_delete": Case(
        "organisation.deleted",
        lambda w: organisation_services.organisation_delete(
            organisation=w.organisation, actor=w.staff
        ),
        actor=lambda w: w.staff,
        extra={"name": "Cwm Afon Housing", "members": 3},
    ),
    # assessments: cycles
    "cycle_start": Case(
        "cycle.started",
        lambda w: cycle_services.cycle_start(
            organisation=w.organisation,
            actor=w.lead,
            name="2027 assessment",
            period_start=date(2027, 4, 1),
            period_end=date(2028, 3, 31),
        ),
        extra={"cycle": "2027 assessment", "period_start": "2027-04-01"},
    ),
    "cycle_submit": Case(
        "cycle.submitted",
        _submit,
        changed=lambda w: {"status": [CycleStatus.IN_PROGRESS, CycleStatus.SUBMITTED]},
    ),
    "cycle_reopen": Case(
        "cycle.reopened",
        lambda w: cycle_services.cycle_reopen(cycle=w.submitted, actor=w.lead, reason="Typo"),
        changed=lambda w: {"status": [CycleStatus.SUBMITTED, CycleStatus.IN_PROGRESS]},
        extra={"reason": "Typo"},
    ),
    "contributor_invite": Case(
        "cycle.contributor_invited",
        lambda w: cycle_services.contributor_invite(
            cycle=w.cycle, membership=w.contributor, actor=w.lead
        ),
    ),
    "cycle_views_naming_set": Case(
        "cycle.views_naming_set",
        lambda w: cycle_services.cycle_views_naming_set(
            cycle=w.cycle, named=True, was_named=False, actor=w.lead
        ),
        extra={"cycle": "2026 assessment", "named": True},
    ),
    "domain_targets_save": Case(
        "cycle.targets_set",
        lambda w: cycle_services.domain_targets_save(
            cycle=w.cycle,
            targets={w.domain("leadership").pk: 3, w.domain("policy").pk: 1},
            actor=w.lead,
            expected_version=w.cycle.version,
        ),
        changed=lambda w: {"leadership": [2, 3], "policy": [None, 1]},
    ),
    "domain_reflection_save": Case(
        "reflection.saved",
        _reflection_save,
        changed=lambda w: {
            "learned": ["Read them aloud", ""],
            "heard": ["", "They frighten people"],
        },
        extra={"domain": "policy"},
    ),
    "session_schedule": Case(
        "session.scheduled",
        lambda w: session_services.session_schedule(
            cycle=w.cycle,
            held_on=date(2026, 6, 1),
            members=[w.lead],
            guests={"partner": 1},
            guest_names="",
            actor=w.lead,
        ),
        extra={"held_on": "2026-06-01", "members": 1, "guests": 1},
    ),
    "session_update": Case(
        "session.updated",
        lambda w: session_services.session_update(
            session=_session(w),
            held_on=date(2026, 6, 2),
            members=[w.lead],
            guests={},
            guest_names="",
            actor=w.lead,
            expected_version=1,
        ),
        changed=lambda w: {
            "held_on": ["2026-06-01", "2026-06-02"],
            "members": [[], [w.lead.shown_name]],
        },
    ),
    "session_item_record": Case(
        "session.item_recorded",
        _session_item,
        changed=lambda w: {"policy-01": {"score": [1, 2]}},
        extra={"outcome": "agreed", "indicator": "policy-01", "reason": "Letters"},
    ),
    # feedback rounds
    "feedback_round_open": Case(
        "feedback_round.opened",
        lambda w: voice_services.feedback_round_open(
            cycle=w.cycle,
            audience="people",
            closes_on=_in_days(35),
            statements=w.statements,
            max_responses=100,
            support_en="Call 111",
            support_cy="Ffoniwch 111",
            actor=w.lead,
        ),
        extra={"audience": "people", "statements": 3},
    ),
    "feedback_round_update": Case(
        "feedback_round.updated",
        lambda w: voice_services.feedback_round_update(
            feedback_round=w.feedback_round,
            closes_on=_in_days(42),
            max_responses=100,
            support_en="Call 111, or speak to reception",
            support_cy="Ffoniwch 111",
            actor=w.lead,
            expected_version=w.feedback_round.version,
        ),
        changed=lambda w: {
            "closes_on": [_in_days(35).isoformat(), _in_days(42).isoformat()],
            "support_en": ["Call 111", "Call 111, or speak to reception"],
        },
    ),
    "feedback_round_close": Case(
        "feedback_round.closed",
        lambda w: voice_services.feedback_round_close(
            feedback_round=w.feedback_round, actor=w.lead, expected_version=1
        ),
        extra={"responses": 0, "audience": "people"},
    ),
    "feedback_comment_decide": Case(
        "feedback_comment.decided",
        lambda w: voice_services.feedback_comment_decide(
            comment=w.feedback_round.comments.get(),
            decision=CommentDecision.INCLUDED,
            expected_decision=CommentDecision.WAITING,
            actor=w.lead,
        ),
        extra={"decision": "included"},
    ),
    "feedback_round_export_record": Case(
        "feedback_round.exported",
        lambda w: voice_services.feedback_round_export_record(
            feedback_round=w.feedback_round, actor=w.lead
        ),
        extra={"format": "csv"},
    ),
    # assessments: answers, on both question pages
    "domain_answers_save": Case(
        "answers.saved",
        _section_save,
        changed=lambda w: {
            "leadership-01": {"score": [1, 3], "evidence": ["Minutes", "Minutes of March"]},
            "leadership-02": {"dont_know": [False, True]},
        },
        extra={"section": "leadership", "contributor": False},
    ),
    "readiness_answers_save": Case(
        "answers.saved",
        _readiness_save,
        changed=lambda w: {"sponsorship-01": {"value": ["not_yet", "yes"]}},
        extra={"section": "readiness"},
    ),
    # workforce
    "staff_group_save": Case(
        "workforce.group_updated",
        lambda w: workforce_services.staff_group_save(
            organisation=w.organisation,
            actor=w.lead,
            group=w.group,
            name="Housing officers",
            description="",
            headcount=15,
            level_ids=[level("aware").pk, level("skilled").pk],
            expected_version=w.group.version,
        ),
        changed=lambda w: {
            "headcount": [12, 15],
            "description": ["People who meet tenants every day", ""],
            "levels": [["aware"], ["aware", "skilled"]],
        },
    ),
    "staff_group_delete": Case(
        "workforce.group_removed",
        lambda w: workforce_services.staff_group_delete(
            group=w.group, actor=w.lead, expected_version=w.group.version
        ),
        extra={"name": "Housing officers", "headcount": 12, "levels": ["aware"]},
    ),
    "training_record": Case(
        "workforce.training_recorded",
        lambda w: workforce_services.training_record(
            group=w.group,
            actor=w.lead,
            trained={level("aware").pk: 9},
            counted_on=timezone.localdate(),
            expected_version=w.group.version,
        ),
        changed=lambda w: {
            "aware": [4, 9],
            "counted_on": ["2026-03-01", timezone.localdate().isoformat()],
        },
    ),
    # action plans
    "plan_create": Case(
        "plan.created",
        lambda w: plan_services.plan_create(
            cycle=w.submitted,
            actor=w.lead,
            title="Our plan",
            period_start=date(2026, 4, 1),
            period_end=date(2027, 3, 31),
        ),
        extra={"plan": "Our plan"},
    ),
    "action_save": Case(
        "action.updated",
        lambda w: plan_services.action_save(
            plan=w.draft_plan,
            actor=w.lead,
            action=w.draft_plan.actions.get(),
            values=_action_values(
                w,
                target_date=date(2026, 2, 12),
                priority=Priority.HIGH,
                principles=list(Principle.objects.filter(framework=w.framework)[:1]),
            ),
            expected_version=w.draft_plan.actions.get().version,
        ),
        changed=lambda w: {
            "target_date": ["2026-01-05", "2026-02-12"],
            "priority": [Priority.MEDIUM, Priority.HIGH],
            "principles": [[], [Principle.objects.filter(framework=w.framework)[0].code]],
        },
        extra={"action": "Train every manager"},
    ),
    "action_delete": Case(
        "action.deleted",
        lambda w: plan_services.action_delete(
            action=w.draft_plan.actions.get(),
            actor=w.lead,
            expected_version=w.draft_plan.actions.get().version,
        ),
        extra={"action": "Train every manager", "target_date": "2026-01-05"},
    ),
    "plan_move": Case(
        "plan.in_review",
        lambda w: plan_services.plan_move(
            plan=w.draft_plan, to_status=PlanStatus.IN_REVIEW, actor=w.lead
        ),
        changed=lambda w: {"status": [PlanStatus.DRAFT, PlanStatus.IN_REVIEW]},
    ),
    "comment_add": Case(
        "plan.commented",
        lambda w: plan_services.comment_add(plan=w.draft_plan, actor=w.lead, body="Looks good"),
        extra={"comment": "Looks good", "plan": "Our plan"},
    ),
    "progress_record": Case(
        "action.progress",
        lambda w: plan_services.progress_record(
            action=w.approved_action,
            actor=w.lead,
            recorded_on=timezone.localdate(),
            status=DeliveryStatus.IN_PROGRESS,
            note="First sessions booked",
        ),
        changed=lambda w: {"status": [DeliveryStatus.NOT_STARTED, DeliveryStatus.IN_PROGRESS]},
        extra={"note": "First sessions booked"},
    ),
    "gap_dismiss": Case(
        "gap.dismissed",
        lambda w: plan_services.gap_dismiss(
            plan=w.draft_plan,
            indicator=indicator(w.framework, "policy-01"),
            reason="Done by the council",
            actor=w.lead,
        ),
        extra={"indicator": "policy-01", "reason": "Done by the council"},
    ),
    # downloads
    "plan_export_record": Case(
        "plan.exported",
        lambda w: plan_services.plan_export_record(
            plan=w.draft_plan, actor=w.lead, file_format="xlsx"
        ),
        extra={"format": "xlsx", "plan": "Our plan"},
    ),
    "results_export_record": Case(
        "results.exported",
        lambda w: cycle_services.results_export_record(cycle=w.cycle, actor=w.lead),
        extra={"format": "csv"},
    ),
    "report_download_record": Case(
        "report.downloaded",
        lambda w: report_services.report_download_record(
            cycle=w.submitted, actor=w.lead, variant=Variant("summary", "cy", True, True)
        ),
        extra={
            "version": "summary",
            "language": "cy",
            "cycle": "2025 baseline",
            "comparison": True,
        },
    ),
    "organisation_data_download_record": Case(
        "organisation.data_downloaded",
        lambda w: report_services.organisation_data_download_record(
            organisation=w.organisation, actor=w.lead
        ),
    ),
    "organisation_deletion_request": Case(
        "organisation.deletion_requested",
        lambda w: organisation_services.organisation_deletion_request(
            organisation=w.organisation, actor=w.lead
        ),
    ),
    "organisation_keep": Case(
        "organisation.kept",
        lambda w: organisation_services.organisation_keep(
            organisation=_deletion_due(w), actor=w.lead
        ),
    ),
    "organisations_delete_due": Case(
        "organisation.deleted",
        lambda w: (_deletion_due(w), organisation_services.organisations_delete_due()),
        actor=lambda w: NOBODY,
        extra={"asked_for": True},
    ),
    "history_export_record": Case(
        "history.exported",
        lambda w: organisation_services.history_export_record(
            organisation=w.organisation,
            actor=w.lead,
            filters={"person": None, "kind": "plan", "date_from": date(2026, 1, 5)},
        ),
        extra={"filters": {"kind": "plan", "date_from": "2026-01-05"}},
    ),
}

# Edits whose history line lists each change (the rest say it in one sentence).
DESCRIBED_FIELD_BY_FIELD = {
    "organisation.updated",
    "cycle.targets_set",
    "answers.saved",
    "workforce.group_updated",
    "workforce.training_recorded",
    "action.updated",
    "action.progress",
    "feedback_round.updated",
}


def _sharing_update(w: World):
    membership = w.network_membership()
    return membership_services.network_sharing_update(
        membership=membership, actor=w.lead, shares_figures=False, shares_name=True,
        expected_version=membership.version,
    )  # fmt: skip


NETWORK_CASES = {
    "network_create": Case(
        "network.created",
        lambda w: network_services.network_create(
            actor=w.staff,
            slug="north-wales",
            kind="region",
            name_en="North Wales network",
            name_cy="Rhwydwaith Gogledd Cymru",
        ),
        actor=lambda w: w.staff,
        organisation=False,
        extra={"network": "north-wales", "name_cy": "Rhwydwaith Gogledd Cymru"},
    ),
    "coordinator_add": Case(
        "network.coordinator_added",
        lambda w: network_services.coordinator_add(
            network=w.network, user=UserFactory(email="nia@example.org"), actor=w.staff
        ),
        actor=lambda w: w.staff,
        organisation=False,
        extra={"person": "nia@example.org"},
    ),
    "network_download_record": Case(
        "network.downloaded",
        lambda w: network_services.network_download_record(network=w.network, actor=w.coordinator),
        actor=lambda w: w.coordinator,
        organisation=False,
    ),
    "network_invite": Case(
        "network.invited",
        lambda w: membership_services.network_invite(
            network=w.network, actor=w.coordinator, email=w.lead.email.upper()
        ),
        actor=lambda w: w.coordinator,
        extra={"network": "west-wales"},
    ),
    "network_join": Case(
        "network.joined",
        lambda w: membership_services.network_join(
            membership=w.network_membership(MembershipStatus.INVITED),
            actor=w.lead,
            shares_figures=True,
            shares_name=False,
        ),
        extra={"sharing": {"figures": True, "name": False}},
    ),
    "network_decline": Case(
        "network.declined",
        lambda w: membership_services.network_decline(
            membership=w.network_membership(MembershipStatus.INVITED), actor=w.lead
        ),
    ),
    "network_sharing_update": Case(
        "network.sharing_changed",
        lambda w: _sharing_update(w),
        changed=lambda w: {"figures": [True, False], "name": [False, True]},
    ),
    "case_study_publish": Case(
        "case_study.published",
        lambda w: case_study_services.case_study_publish(
            membership=w.network_membership(),
            actor=w.lead,
            title="A calmer waiting room",
            indicator=indicator(w.framework, "leadership-01"),
            what_changed="New lighting.",
            what_helped="Asking people.",
            named=False,
        ),
        extra={"network": "west-wales", "title": "A calmer waiting room"},
    ),
    "case_study_highlight": Case(
        "case_study.highlighted",
        lambda w: case_study_services.case_study_highlight(
            case_study=CaseStudy.objects.create(
                network=w.network,
                organisation=w.organisation,
                author=w.lead,
                title="A calmer waiting room",
                indicator=indicator(w.framework, "leadership-01"),
                what_changed="x",
                what_helped="y",
            ),
            actor=w.coordinator,
            highlighted=True,
        ),
        actor=lambda w: w.coordinator,
        extra={"title": "A calmer waiting room", "highlighted": True},
    ),
    "network_leave": Case(
        "network.left",
        lambda w: membership_services.network_leave(
            membership=w.network_membership(), actor=w.lead
        ),
    ),
}
CASES.update(NETWORK_CASES)

NOT_AUDITED = {
    "submitted_scores_store": "part of cycle_submit, whose entry records the submission: a "
    "copy of the scores the answers give, for networks to compare",
    "submitted_scores_forget": "part of cycle_reopen, whose entry records the reopening",
    "feedback_response_submit": "an anonymous answer to a feedback round: an entry's time, "
    "to the second, could tell who answered; rounds count their responses instead "
    "(tests/voices/test_anonymity.py)",
    # the stored board report PDFs (docs/adr/0011): the service's own copies, made for
    # whoever asks and logged; downloading one is audited (report_download_record)
    "stored_report_request": "queues the service's own copy of a board report PDF (logged)",
    "stored_report_retry": "queues a failed or stuck PDF again (logged)",
    "stored_report_render": "the worker making a queued PDF (logged)",
    "stored_report_lost": "marks a kept PDF whose file has gone so that it is made again",
    "stored_reports_prune": "removes PDFs that a newer one supersedes (logged)",
    "reports_prepare": "queues every PDF of a cycle whose data changed (logged)",
    "reports_prepare_soon": "a hook: queues reports_prepare once a change commits",
    "reports_prepare_for_plan": "a hook: reports_prepare_soon for a plan's cycle",
    "confirmation_send": "sends an email; the account it is for was recorded when made",
    "account_close": "records one membership.left entry for each organisation the person "
    "leaves, then user_close's entry (tests/organisations/test_close_account.py)",
    "sign_in_failures_prune": "forgets django-axes's records of failed sign-ins (logged)",
    "hash_token": "a helper: the hash of an invitation token; writes nothing",
    "invitation_for_token": "a read: the invitation a link points at, or why it cannot be used",
    "snapshot_refresh": "derived data, rewritten inside every workforce write (which records "
    "the entry) from the figures that write changed",
    "cycle_coverage_record": "derived data, kept with a cycle inside cycle_submit (which "
    "records the entry)",
}


def test_every_write_service_is_in_the_table():
    found = set(write_services())
    assert len(found) > 25  # a broken walk would find none
    assert found - set(CASES) - set(NOT_AUDITED) == set(), "add these to CASES or NOT_AUDITED"
    assert (set(CASES) | set(NOT_AUDITED)) - found == set(), "no such service any more"
    assert set(CASES) & set(NOT_AUDITED) == set()


@pytest.mark.parametrize("name", CASES)
def test_the_service_records_exactly_one_entry(name, framework_content):
    case, world = CASES[name], World()
    before_changes = case.changed(world) if case.changed else None
    last = AuditEntry.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    organisation_id, name_before = world.organisation.pk, world.organisation.name

    case.call(world)

    entries = list(AuditEntry.objects.filter(pk__gt=last))
    assert [e.action for e in entries] == [case.action]
    entry = entries[0]
    actor = case.actor(world)
    if actor == SELF:
        assert entry.actor_id is not None and entry.target_id == str(entry.actor_id)
    elif actor == NOBODY:
        assert (entry.actor_id, entry.actor_name) == (None, "")
    else:
        assert (entry.actor_id, entry.actor_name) == (actor.pk, actor.full_name)
    if case.organisation:
        # The name as it is after the change (renamed), or was (deleted).
        name = Organisation.objects.filter(pk=organisation_id).values_list("name", flat=True)
        assert (entry.organisation_id, entry.organisation_name) == (
            organisation_id,
            name.first() or name_before,
        )
    if before_changes is not None:
        assert entry.details["changed"] == before_changes
    for key, value in case.extra.items():
        expected = world.lead.email if value == "__lead__" else value
        assert entry.details[key] == expected, key
    if case.organisation:  # it reads in plain words on the history page, not as a fallback
        text = describe(entry.action, entry.details, Names())
        assert not str(text.summary).startswith("Made a change"), entry.details
        if entry.details.get("changed") and entry.action in DESCRIBED_FIELD_BY_FIELD:
            assert text.details, entry.details


def test_an_edit_that_changes_nothing_records_nothing(framework_content):
    world = World()
    cycle_services.domain_targets_save(
        cycle=world.cycle,
        targets={world.domain("leadership").pk: 2},
        actor=world.lead,
        expected_version=world.cycle.version,
    )
    organisation_services.organisation_update(
        organisation=world.organisation, actor=world.lead, name=world.organisation.name,
        sector=world.organisation.sector, size_band=world.organisation.size_band,
        expected_version=world.organisation.version,
    )  # fmt: skip
    answer_services.readiness_answers_save(
        response=org_response(world.cycle),
        theme=readiness_item(world.framework, "sponsorship-01").theme,
        answers={
            readiness_item(world.framework, "sponsorship-01").pk: (
                answer_services.ReadinessInput(value="not_yet", note="Ask the board")
            )
        },
        expected_revision=0,
        actor=world.lead,
    )
    assert not AuditEntry.objects.exists()


def test_details_stay_small_and_hold_no_secrets(framework_content):
    """Long typed text is cut short; invitation tokens and passwords never appear."""
    world = World()
    long_note = "Evidence " * 500
    answer_services.readiness_answers_save(
        response=org_response(world.cycle),
        theme=readiness_item(world.framework, "sponsorship-01").theme,
        answers={
            readiness_item(world.framework, "sponsorship-01").pk: (
                answer_services.ReadinessInput(value="yes", note=long_note)
            )
        },
        expected_revision=0,
        actor=world.lead,
    )
    account_services.user_create(
        email="n@example.org", full_name="N", password="secret-pass-99", email_confirmed=True
    )
    invitation = organisation_services.invitation_create(
        organisation=world.organisation, invited_by=world.lead, email="x@example.org",
        role=Role.BOARD, base_url="https://example.org",
    )  # fmt: skip
    text = " ".join(str(entry.details) for entry in AuditEntry.objects.all())
    assert len(text) < 1500
    assert "secret-pass-99" not in text
    assert invitation.token_hash not in text
    note = AuditEntry.objects.get(action="answers.saved").details["changed"]
    assert len(note["sponsorship-01"]["note"][1]) == 200


def test_only_records_of_reading_have_reading_codes():
    """Kept pages do not rebuild for an entry whose code ends in ".downloaded" or
    ".exported" (trauma_wales.kept): only a service that records someone reading, and
    changes nothing (`*_record`), may write such a code."""
    reading = {n for n, case in CASES.items() if case.action.endswith((".downloaded", ".exported"))}
    assert reading and all(name.endswith("_record") for name in reading), reading
