"""Demo data: an example organisation with one person for each role, and a second
organisation so the boundary between organisations can be seen.

Used by `manage.py seed_demo` (and so by the README's first command). Safe to run again:
it finds what it made before and resets the demo passwords.
"""

from dataclasses import dataclass
from datetime import date
from itertools import count

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from action_plans.demo import seed_plan
from assessments.models import AssessmentCycle, Outcome, Perspective, ReadinessTheme, ReadinessValue
from assessments.selectors.sessions import facilitation_page
from assessments.services.answers import (
    IndicatorInput,
    ReadinessInput,
    domain_answers_save,
    readiness_answers_save,
)
from assessments.services.cycles import (
    contributor_invite,
    cycle_start,
    cycle_submit,
    cycle_views_naming_set,
    domain_targets_save,
)
from assessments.services.reflections import domain_reflection_save
from assessments.services.sessions import SessionDecision, session_item_record, session_schedule
from demo.accounts import demo_account
from demo.networks import seed_network
from framework.models import Domain
from organisations.models import Membership, Organisation, Sector, SizeBand
from organisations.services import membership_add, organisation_register
from trauma_wales.demo_clock import as_if_on, days_ago, demo_today
from trauma_wales.permissions import Role
from voices.demo import seed_staff_round, seed_tenant_round
from workforce.demo import seed_workforce

DEMO_PASSWORD = "demo-trauma-informed-2026"  # noqa: S105 (printed for people trying the product)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: str


DEMO_ORGANISATION = {
    "name": "Cwm Afon Housing Association",
    "sector": Sector.HOUSING,
    "size_band": SizeBand.MEDIUM,
}
DEMO_PEOPLE = (
    DemoPerson("lead@example.org", "Rhian Evans", Role.LEAD),
    DemoPerson("contributor@example.org", "Dafydd Morgan", Role.CONTRIBUTOR),
    DemoPerson("reviewer@example.org", "Siân Hughes", Role.REVIEWER),
    DemoPerson("board@example.org", "Gareth Price", Role.BOARD),
)
# A tenant on the tenants' panel, with lived experience of the service, asked for their
# views as a contributor: the framework asks that assessments be done with people.
LIVED_EXPERIENCE = DemoPerson("tenant@example.org", "Lowri Davies", Role.CONTRIBUTOR)
OTHER_ORGANISATION = {
    "name": "Bro Teifi Youth Service",
    "sector": Sector.LOCAL_AUTHORITY,
    "size_band": SizeBand.SMALL,
}
OTHER_LEAD = DemoPerson("other-lead@example.org", "Owain Jones", Role.LEAD)


def _person(person: DemoPerson, password_hash: str):
    return demo_account(email=person.email, full_name=person.full_name, password_hash=password_hash)


def _organisation(details: dict, lead) -> Organisation:
    existing = Organisation.objects.filter(name=details["name"]).first()
    return existing or organisation_register(user=lead, **details)


# A believable starting point: stronger on environment and workforce, early days on
# involvement and evaluation. Ratings vary around each domain's level.
DOMAIN_LEVELS = {
    "leadership": 2,
    "policy": 1,
    "workforce": 2,
    "environment": 3,
    "involvement": 1,
    "evaluation": 1,
}
READINESS_PATTERN = [
    ReadinessValue.YES,
    ReadinessValue.PARTLY,
    ReadinessValue.YES,
    ReadinessValue.NOT_YET,
    ReadinessValue.PARTLY,
    ReadinessValue.DONT_KNOW,
]


# What the lead noted as evidence, by domain area: a note on most answers, as a working
# group would keep them (the board report's evidence column shows them).
DEMO_EVIDENCE = {
    "leadership": (
        "The corporate plan names trauma-informed practice; board minutes record it.",
        "A named director leads the work and reports to the board twice a year.",
        "",
    ),
    "policy": (
        "The lettings policy was reviewed last year, but not yet with this lens.",
        "",
        "Arrears letters still use formal, legal wording.",
    ),
    "workforce": (
        "Training records: most front-line staff have done the Trauma-aware e-learning.",
        "Supervision happens monthly, though not always reflective.",
        "",
    ),
    "environment": (
        "Reception was redesigned with tenants; a private room opened in September.",
        "Visitor survey: 8 in 10 said the office feels welcoming.",
        "",
    ),
    "involvement": (
        "The tenants' panel meets quarterly but rarely sees policies before they are agreed.",
        "",
        "",
    ),
    "evaluation": ("Complaints are counted, but we do not yet ask how people felt.", "", ""),
}
# What the colleague asked for their views wrote: a front-line view, sometimes differing.
DEMO_VIEWS_NOTES = {
    "policy-01": "Tenants tell us the arrears letters frighten them.",
    "workforce-02": "Supervision is often cancelled when the team is busy.",
    "involvement-01": "The panel hears about changes after they are decided.",
}
LIVED_EXPERIENCE_NOTES = {
    "policy-01": "When my letter came I did not open the post for a week. It felt like a threat.",
    "environment-01": "The new quiet room made a real difference when I came in upset.",
    "involvement-01": "We are asked what we think, but we never hear what happened next.",
}


# What the organisation agreed does not apply to it, with its reason.
DEMO_NOT_APPLICABLE = {
    "workforce-04": (
        "None of our roles involve intensive support work: our partner support provider "
        "does that work, and its staff have enhanced training."
    ),
}


def _demo_rating(
    domain_code: str, order: int, shift: int = 0, evidence: str = "", code: str = ""
) -> IndicatorInput:
    if order == 5 and domain_code == "evaluation":
        return IndicatorInput(dont_know=True, evidence="We have not yet checked this.")
    if code in DEMO_NOT_APPLICABLE:
        return IndicatorInput(not_applicable=True, evidence=DEMO_NOT_APPLICABLE[code])
    score = max(0, min(4, DOMAIN_LEVELS[domain_code] + (order % 3) - 1 + shift))
    return IndicatorInput(score=score, priority=score == 0 and order % 2 == 0, evidence=evidence)


def _demo_evidence(domain_code: str, indicator_code: str, order: int, notes: dict | None) -> str:
    if notes is None:
        by_domain = DEMO_EVIDENCE[domain_code]
        return by_domain[order % len(by_domain)]
    return notes.get(indicator_code, "")


def demo_answer_everything(
    cycle, response, actor, shift: int = 0, notes: dict | None = None
) -> None:
    """Every question answered; `notes` (a colleague's, by indicator code) or, for the
    organisation's answers, the lead's evidence notes."""
    items = count()
    for theme in ReadinessTheme.objects.filter(framework=cycle.framework, is_active=True):
        answers = {
            item.pk: ReadinessInput(value=READINESS_PATTERN[next(items) % len(READINESS_PATTERN)])
            for item in theme.items.filter(is_active=True).order_by("order")
        }
        readiness_answers_save(
            response=response, theme=theme, answers=answers, expected_revision=0, actor=actor
        )
    for domain in Domain.objects.filter(framework=cycle.framework, is_active=True):
        domain_answers_save(
            response=response,
            domain=domain,
            answers={
                indicator.pk: _demo_rating(
                    domain.code,
                    indicator.order,
                    shift,
                    _demo_evidence(domain.code, indicator.code, indicator.order, notes),
                    code=indicator.code if notes is None else "",
                )
                for indicator in domain.indicators.filter(is_active=True)
            },
            expected_revision=0,
            actor=actor,
        )


# The baseline's story, in days before the demo is seeded: started, colleagues' views
# given, submitted with targets set. The plan and the workforce carry the story on
# (action_plans/demo.py, workforce/demo.py).
STARTED_DAYS_AGO, VIEWS_DAYS_AGO, SUBMITTED_DAYS_AGO = 175, 165, 150
SESSION_DAYS_AGO = 158  # the working group met to agree its ratings
# What the group decided at that session: (indicator, agreed or not, why, ideas).
DEMO_SESSION = (
    ("policy-01", True, "Tenants' words about the arrears letters settled it: we start here.",
     "Rewrite the arrears letters with tenants who have had one."),
    ("environment-01", True, "The quiet room and the tenant's account show real change.", ""),
    ("involvement-01", False, "We want to ask the tenants' panel before we agree this.",
     "Invite the tenants' panel to the next policy review, before anything is agreed."),
)  # fmt: skip
# What the working group wrote about three domain areas once it had agreed its ratings.
DEMO_REFLECTIONS = {
    "environment": {
        "proud": "Tenants helped us redesign reception, and the quiet room opened in September.",
        "learned": "Small changes to the space changed how people felt before anyone spoke.",
        "heard": "A tenant told us the quiet room made a real difference when she came in upset.",
    },
    "policy": {
        "proud": "Our lettings team already rings people before sending a formal letter.",
        "learned": "We had never read our arrears letters as the person receiving them would.",
        "heard": "One tenant did not open her post for a week after an arrears letter came.",
    },
    "involvement": {
        "learned": "The tenants' panel is asked for views, but hears too late what we did.",
        "heard": "We are asked what we think, but we never hear what happened next.",
    },
}
JOINED_DAYS_AGO = 190  # the organisation registered and its people joined


def _demo_session(cycle: AssessmentCycle, lead, contributor, tenant) -> None:
    """The working group's session: the lead, a colleague and a tenant, with two frontline
    staff without accounts; two ratings agreed as they stood, one left for next time."""
    session = session_schedule(
        cycle=cycle,
        held_on=timezone.localdate(),
        members=[lead, contributor, tenant],
        guests={Perspective.FRONTLINE.value: 2},
        guest_names="",
        actor=lead,
    )
    for code, agreed, reason, ideas in DEMO_SESSION:
        page = facilitation_page(session=session, code=code)
        agreed_score = page.row.answer.score if page.row.answer else None
        decision = (
            SessionDecision(
                outcome=Outcome.AGREED, score=agreed_score, reason=reason, actions=ideas
            )
            if agreed
            else SessionDecision(outcome=Outcome.NOT_AGREED, reason=reason, actions=ideas)
        )
        session_item_record(
            session=session,
            indicator=page.row.indicator,
            decision=decision,
            expected_revision=page.revision,
            actor=lead,
        )


def _previous_cycle(
    organisation: Organisation, lead, contributor, tenant, today: date
) -> AssessmentCycle:
    """A submitted baseline of the financial year before the one it was started in, so
    results can show a comparison at once."""
    existing = AssessmentCycle.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    started = days_ago(today, STARTED_DAYS_AGO)
    year = (started.year if started.month >= 4 else started.year - 1) - 1
    with as_if_on(started):
        cycle = cycle_start(
            organisation=organisation,
            actor=lead,
            name=f"{year} baseline",
            period_start=date(year, 4, 1),
            period_end=date(year + 1, 3, 31),
        )
        demo_answer_everything(cycle, cycle.responses.get(contributor=None), lead, shift=-1)
        # The working group agreed to be named, so the demo can show whose notes are whose.
        cycle_views_naming_set(cycle=cycle, named=True, was_named=False, actor=lead)
        asked = []
        for colleague, shift, notes in (
            (contributor, 0, DEMO_VIEWS_NOTES),
            (tenant, -1, LIVED_EXPERIENCE_NOTES),
        ):
            membership = Membership.objects.get(organisation=organisation, user=colleague)
            response = contributor_invite(cycle=cycle, membership=membership, actor=lead)
            asked.append((response, colleague, shift, notes))
    with as_if_on(days_ago(today, VIEWS_DAYS_AGO)):
        for response, colleague, shift, notes in asked:
            demo_answer_everything(cycle, response, colleague, shift=shift, notes=notes)
    seed_tenant_round(cycle, lead, today)
    with as_if_on(days_ago(today, SESSION_DAYS_AGO)):
        _demo_session(cycle, lead, contributor, tenant)
    with as_if_on(days_ago(today, SUBMITTED_DAYS_AGO)):
        cycle_submit(cycle=cycle, actor=lead)
        domain_targets_save(
            cycle=cycle,
            targets={
                d.pk: min(4, DOMAIN_LEVELS[d.code] + 1)
                for d in Domain.objects.filter(framework=cycle.framework, is_active=True)
            },
            actor=lead,
            expected_version=cycle.version,
        )
        for domain in Domain.objects.filter(framework=cycle.framework, code__in=DEMO_REFLECTIONS):
            domain_reflection_save(
                cycle=cycle, domain=domain, texts=DEMO_REFLECTIONS[domain.code], actor=lead
            )
    return cycle


@transaction.atomic
def demo_seed() -> dict:
    """The demo, told from its beginning: people join, the workforce is counted, the
    baseline is answered and submitted, the plan agreed and delivered."""
    today, password_hash = demo_today(), make_password(DEMO_PASSWORD)
    with as_if_on(days_ago(today, JOINED_DAYS_AGO)):
        people = {person.email: _person(person, password_hash) for person in DEMO_PEOPLE}
        lead, contributor = people[DEMO_PEOPLE[0].email], people[DEMO_PEOPLE[1].email]
        organisation = _organisation(DEMO_ORGANISATION, lead)
        tenant = _person(LIVED_EXPERIENCE, password_hash)
        for person in DEMO_PEOPLE:
            membership_add(organisation=organisation, user=people[person.email], role=person.role)
        membership_add(organisation=organisation, user=tenant, role=LIVED_EXPERIENCE.role)
        other_lead = _person(OTHER_LEAD, password_hash)
        other = _organisation(OTHER_ORGANISATION, other_lead)
        membership_add(organisation=other, user=other_lead, role=OTHER_LEAD.role)
    previous = _previous_cycle(organisation, lead, contributor, tenant, today)
    seed_plan(previous, today)
    seed_staff_round(previous, lead, today)
    # Counted before the baseline started; its coverage is recorded as on the day it was
    # submitted, from that first count.
    seed_workforce(organisation, lead, today)
    seed_network(organisation, lead, other, other_lead, today, password_hash)
    return {"organisation": organisation, "other_organisation": other, "previous_cycle": previous}
