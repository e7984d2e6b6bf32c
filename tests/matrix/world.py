"""One richly populated organisation, shared by a whole test module.

Built once per module (per xdist worker) inside a transaction that is rolled back when the
module ends (the `world` fixture, tests/matrix/fixtures.py); each test runs in its own
savepoint inside it (pytest-django's `db`), so a test that changes something leaves the
next one the same world.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.email_confirmation import email_confirmation_tokens
from action_plans.models import (
    ApprovedVersion,
    DeliveryStatus,
    DismissedGap,
    PlanStatus,
    PlanStatusChange,
    ProgressUpdate,
    ReviewComment,
)
from assessments.models import (
    ConsensusSession,
    CycleContributor,
    CycleStatus,
    DomainTarget,
    Indicator,
    Outcome,
    ReadinessItem,
    ReadinessTheme,
    ReadinessValue,
    Response,
    SessionItem,
)
from framework.models import Domain, FrameworkVersion, PracticeLevel, Principle
from networks.models import CaseStudy, MembershipStatus
from organisations.models import Membership, Sector
from tests.accounts.factories import UserFactory
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import (
    CycleFactory,
    answer_indicator,
    answer_readiness,
    org_response,
    submitted_cycle,
)
from tests.networks.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    coordinator_of,
    member_with_scores,
)
from tests.organisations.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from tests.reference_data import reference_data_load
from tests.voices.factories import SIX_PEOPLE, TWO_COMMENTS, feedback_round
from tests.workforce.factories import group_with_needs
from trauma_wales.permissions import Role
from workforce.models import StaffGroup

ROLES = [role.value for role in Role]
OUTSIDER = "another-organisation"  # a lead of the other organisation
COORDINATOR = "coordinator"  # coordinates the world's network; a member of no organisation
SIGNED_OUT = "signed-out"
INVITATION_TOKEN = "matrix-invitation-token"


@dataclass
class World:
    organisation: object
    other_organisation: object
    members: dict[str, Membership]  # one per role
    outsider: object  # a lead of the other organisation
    spare_member: Membership  # a contributor the lead may change or remove
    stranger: object  # an account that belongs to no organisation and never signs in
    framework: FrameworkVersion
    planned_cycle: object  # submitted, answered, with the action plan
    current_cycle: object  # in progress, partly answered, with an invited contributor
    plan: object  # changes requested on its second revision
    action: object
    domain: Domain
    readiness_theme: ReadinessTheme
    principle: Principle
    level: PracticeLevel
    group: StaffGroup
    invitation: object
    consensus: object = None  # a session of the cycle in progress, with one decision
    feedback: object = None  # an open feedback round of the cycle in progress, answered
    network: object = None  # the organisation has joined it, with six others that share
    invited_network: object = None  # the organisation is invited, not yet answered
    coordinator: object = None  # of `network`
    case_study: object = None  # the organisation's, in `network`
    invitation_token: str = INVITATION_TOKEN
    sessions: dict = field(default_factory=dict)  # who -> session cookie

    def user(self, who: str):
        if who == COORDINATOR:
            return self.coordinator
        return self.outsider if who == OUTSIDER else self.members[who].user

    def sign_in_everyone(self) -> None:
        """A session for each member and the outsider, made with the world (not in a
        test), so it outlives each test's rollback and no test pays for signing in."""
        for who in (*ROLES, OUTSIDER, COORDINATOR):
            client = Client()
            client.force_login(self.user(who))
            self.sessions[who] = {name: m.value for name, m in client.cookies.items()}

    def client(self, who: str, **kwargs) -> Client:
        """A client signed in as `who` (a role, OUTSIDER, COORDINATOR) or signed out
        (SIGNED_OUT)."""
        client = Client(**kwargs)
        if who != SIGNED_OUT:
            client.cookies.load(self.sessions[who])
        return client

    @property
    def email_confirmation_kwargs(self) -> dict:
        """A working confirmation link for `stranger`."""
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(self.stranger.pk)),
            "token": email_confirmation_tokens.make_token(self.stranger),
        }

    @property
    def password_reset_kwargs(self) -> dict:
        """A working reset link for `stranger` (never signed in, so the token stays valid)."""
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(self.stranger.pk)),
            "token": default_token_generator.make_token(self.stranger),
        }


def build_world() -> World:
    reference_data_load()  # emptied by a transactional test
    framework = FrameworkVersion.objects.current()
    organisation = OrganisationFactory(name="Cwm Afon Housing", slug="cwm-afon-housing")
    other = OrganisationFactory(name="Bro Teifi Youth Service", slug="bro-teifi")
    members = {role: MembershipFactory(organisation=organisation, role=role) for role in ROLES}
    lead = members[Role.LEAD].user
    contributor = members[Role.CONTRIBUTOR].user
    MembershipFactory(organisation=organisation, role=Role.LEAD)  # never the last lead
    spare = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
    outsider = MembershipFactory(organisation=other, role=Role.LEAD).user
    stranger = UserFactory()

    # Two submitted cycles (so results compare with the previous one) and one in progress.
    submitted_cycle(organisation, year=2024, score=1)
    planned = submitted_cycle(organisation, year=2025, score=2)
    current = CycleFactory(organisation=organisation, year=2026, status=CycleStatus.IN_PROGRESS)
    for cycle in (planned, current):
        CycleContributor.objects.create(cycle=cycle, user=contributor, invited_by=lead)
        own = Response.objects.create(cycle=cycle, contributor=contributor)
        answer_indicator(own, "leadership-01", score=3, evidence="From the staff survey")
        answer_readiness(own, readiness_code(framework), ReadinessValue.YES, note="Agreed")
    answer_indicator(org_response(current), "leadership-01", score=2, priority=True)
    answer_readiness(org_response(current), readiness_code(framework), ReadinessValue.NOT_YET)
    domain = Domain.objects.filter(framework=framework, is_active=True).order_by("order").first()
    DomainTarget.objects.create(cycle=planned, domain=domain, level=3, set_by=lead)

    # The plan: approved once (with progress recorded since), now in its second revision
    # with changes requested, so its edit pages take changes (progress is refused until it
    # is approved again). Actions, comments, a gap set aside, the history and the approved
    # version a revision is compared with.
    plan = PlanFactory(
        cycle=planned, status=PlanStatus.CHANGES_REQUESTED, revision=2, created_by=lead
    )
    reviewer = members[Role.REVIEWER].user
    action = ActionFactory(
        plan=plan,
        responsible_member=members[Role.REVIEWER],
        start_date=date(2026, 4, 1),
        delivery_status=DeliveryStatus.IN_PROGRESS,
        created_by=lead,
    )
    action.principles.add(*Principle.objects.filter(framework=framework)[:2])
    action.indicators.add(Indicator.objects.get(framework=framework, code="leadership-01"))
    ActionFactory(plan=plan, target_date=timezone.localdate() - timedelta(days=30))  # overdue
    ProgressUpdate.objects.create(
        action=action,
        recorded_on=date(2026, 5, 1),
        status=DeliveryStatus.IN_PROGRESS,
        note="Training booked",
        author=reviewer,
    )
    ReviewComment.objects.create(plan=plan, revision=1, body="Looks right", author=lead)
    ReviewComment.objects.create(
        plan=plan, action=action, revision=2, body="Who pays?", author=reviewer
    )
    DismissedGap.objects.create(
        plan=plan,
        indicator=Indicator.objects.get(framework=framework, code="leadership-02"),
        reason="Done already",
        dismissed_by=lead,
    )
    steps = [
        ("", PlanStatus.DRAFT, 1),
        (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, 1),
        (PlanStatus.IN_REVIEW, PlanStatus.APPROVED, 1),
        (PlanStatus.APPROVED, PlanStatus.DRAFT, 2),
        (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, 2),
        (PlanStatus.IN_REVIEW, PlanStatus.CHANGES_REQUESTED, 2),
    ]
    for from_status, to_status, revision in steps:
        PlanStatusChange.objects.create(
            plan=plan, from_status=from_status, to_status=to_status, actor=lead, revision=revision
        )
    ApprovedVersion.objects.create(plan=plan, revision=1, approved_by=reviewer)

    # Workforce: two staff groups, one with a training gap.
    level = PracticeLevel.objects.filter(framework=framework, is_active=True).order_by("pk").first()
    group = group_with_needs(
        organisation, headcount=12, trained={level.code: 4}, name="Housing officers"
    )
    group_with_needs(organisation, headcount=3, trained={level.code: 3}, name="Reception")

    invitation = InvitationFactory(
        organisation=organisation, token=INVITATION_TOKEN, invited_by=lead, role=Role.BOARD
    )
    consensus = ConsensusSession.objects.create(
        cycle=current, held_on=date(2026, 6, 1), guests={"lived_experience": 1}, created_by=lead
    )
    consensus.members.add(lead, contributor)
    SessionItem.objects.create(
        session=consensus,
        indicator=Indicator.objects.get(framework=framework, code="leadership-01"),
        outcome=Outcome.NOT_AGREED,
        reason="We need the survey results first",
        recorded_by=lead,
    )
    # Feedback rounds: one open on the cycle in progress (six answers, a comment to read),
    # one closed on the submitted cycle, so its results and report show what people said.
    feedback = feedback_round(current, answers=SIX_PEOPLE, comments=TWO_COMMENTS, created_by=lead)
    feedback_round(planned, answers=SIX_PEOPLE, comments=TWO_COMMENTS, closed=True)
    # Networks: one the organisation has joined (sharing its figures and its name), with
    # six more members with stored findings, so every figure has something to show; one
    # it is invited to; a case study of its own.
    network = NetworkFactory(slug="west-wales", name_en="West Wales", name_cy="Gorllewin Cymru")
    coordinator = coordinator_of(network, full_name="Carys Coordinator")
    NetworkMembershipFactory(network=network, organisation=organisation, shares_name=True)
    for number, (sector, area) in enumerate(
        [(Sector.HOUSING, "swansea"), (Sector.HOUSING, "ceredigion"), (Sector.HEALTH, "swansea"),
         (Sector.HEALTH, "pembrokeshire"), (Sector.HOUSING, "swansea"), (Sector.EDUCATION, "")]
    ):  # fmt: skip
        member_with_scores(
            network, sector=sector, score=number % 5, areas=[area] if area else [],
            shares_name=number % 2 == 0, name=f"Member {number + 1}",
        )  # fmt: skip
    invited_network = NetworkFactory(slug="gwent", name_en="Gwent", name_cy="Gwent")
    NetworkMembershipFactory(
        network=invited_network, organisation=organisation, status=MembershipStatus.INVITED,
        answered_at=None,
    )  # fmt: skip
    case_study = CaseStudy.objects.create(
        network=network, organisation=organisation, author=lead, title="Letters that reassure",
        indicator=Indicator.objects.get(framework=framework, code="policy-01"),
        what_changed="We rewrote our tenancy letters with tenants.",
        what_helped="Reading them aloud together.", named=True,
    )  # fmt: skip
    return World(
        network=network,
        invited_network=invited_network,
        coordinator=coordinator,
        case_study=case_study,
        feedback=feedback,
        consensus=consensus,
        organisation=organisation,
        other_organisation=other,
        members=members,
        outsider=outsider,
        spare_member=spare,
        stranger=stranger,
        framework=framework,
        planned_cycle=planned,
        current_cycle=current,
        plan=plan,
        action=action,
        domain=domain,
        readiness_theme=ReadinessTheme.objects.filter(framework=framework, is_active=True)
        .order_by("order")
        .first(),
        principle=Principle.objects.filter(framework=framework).order_by("order").first(),
        level=level,
        group=group,
        invitation=invitation,
    )


def readiness_code(framework) -> str:
    return (
        ReadinessItem.objects.filter(framework=framework, is_active=True)
        .order_by("pk")
        .values_list("code", flat=True)
        .first()
    )
