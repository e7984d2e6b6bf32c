"""The overdue digest: one email per responsible member, listing only their open actions
past the target date in approved plans, grouped by organisation; one query however many."""

from datetime import UTC, date, datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from action_plans.models import Action, DeliveryStatus, DigestSent, PlanStatus
from action_plans.selectors_overdue import overdue_actions_by_person
from assessments.models import CycleStatus
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.permissions import Role

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
LAST_MONTH = date(2026, 5, 1)


def approved_plan(organisation, title):
    """An approved plan, on a submitted assessment (so several can share an organisation)."""
    return PlanFactory(
        cycle__organisation=organisation,
        cycle__status=CycleStatus.SUBMITTED,
        title=title,
        status=PlanStatus.APPROVED,
    )


@pytest.fixture
def world(organisation, other_organisation):
    """Alice is a member of two organisations, Bob of one; Carol has nothing overdue. None
    is a lead, so the action no member is named against goes to nobody here."""
    contributor = {"role": Role.CONTRIBUTOR}
    alice_here = MembershipFactory(
        organisation=organisation, user__full_name="Alice Jones", **contributor
    )
    alice = alice_here.user
    alice_there = MembershipFactory(organisation=other_organisation, user=alice, **contributor)
    bob = MembershipFactory(organisation=organisation, user__full_name="Bob Evans", **contributor)
    carol = MembershipFactory(
        organisation=organisation, user__full_name="Carol Hughes", **contributor
    )

    housing = approved_plan(organisation, "Housing plan 2026")
    youth = approved_plan(other_organisation, "Youth plan 2026")
    draft = PlanFactory(cycle__organisation=organisation, title="Draft plan 2027")

    def action(plan, member, description, target=LAST_MONTH, status=None, **extra):
        return ActionFactory(
            plan=plan,
            responsible_member=member,
            description=description,
            target_date=target,
            delivery_status=status or DeliveryStatus.NOT_STARTED,
            **extra,
        )

    action(housing, alice_here, "Alice: train reception staff", target=date(2026, 4, 5))
    action(youth, alice_there, "Alice: quiet room for youth club", status="in_progress")
    action(youth, alice_there, "Alice: paused mentoring scheme", status="on_hold")
    action(housing, alice_here, "Alice: already completed", status="completed")
    action(housing, alice_here, "Alice: cancelled idea", status="cancelled")
    action(housing, alice_here, "Alice: due next month", target=date(2026, 7, 1))
    action(housing, alice_here, "Alice: due today", target=TODAY)
    action(draft, alice_here, "Alice: still in a draft plan")
    action(housing, bob, "Bob: rewrite letters")
    action(housing, carol, "Carol: finished", status="completed")
    action(housing, None, "Estates: fix the lighting", responsible_other="Estates team")
    return {"alice": alice, "bob": bob.user, "carol": carol.user}


ALICE_OVERDUE = [
    "Alice: train reception staff",
    "Alice: quiet room for youth club",
    "Alice: paused mentoring scheme",
]
NOT_OVERDUE = [
    "Alice: already completed",
    "Alice: cancelled idea",
    "Alice: due next month",
    "Alice: due today",
    "Alice: still in a draft plan",
    "Carol: finished",
    "Estates: fix the lighting",
]


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command, then what each digest's transaction queued is sent, as in production."""

    def run(*args, day: date = TODAY) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_overdue_digests", "--date", day.isoformat(), *args, stdout=out)
        return out.getvalue()

    return run


def email_to(user):
    sent = [message for message in mail.outbox if message.to == [user.email]]
    assert len(sent) == 1, [m.to for m in mail.outbox]
    return sent[0]


def test_selector_groups_each_persons_overdue_actions_by_organisation(world, organisation):
    people = overdue_actions_by_person(today=TODAY)
    found = {
        person.user.full_name: {
            group.organisation.name: [a.description for a in group.actions]
            for group in person.organisations
        }
        for person in people
    }
    assert found == {
        "Alice Jones": {
            "Bro Teifi Youth Service": [
                "Alice: quiet room for youth club",
                "Alice: paused mentoring scheme",
            ],
            "Cwm Afon Housing": ["Alice: train reception staff"],
        },
        "Bob Evans": {"Cwm Afon Housing": ["Bob: rewrite letters"]},
    }
    # The database rule and `Action.is_overdue` agree, judged on the same day (the real
    # clock is months past TODAY, where every open action before it would be overdue).
    with time_machine.travel(datetime.combine(TODAY, time(12), UTC), tick=False):
        assert all(
            a.is_overdue for person in people for g in person.organisations for a in g.actions
        )
        for description in ("Alice: due today", "Alice: due next month", "Carol: finished",
                            "Alice: already completed", "Alice: cancelled idea"):  # fmt: skip
            assert not Action.objects.get(description=description).is_overdue, description


def test_one_email_per_member_with_only_their_overdue_actions(world, run):
    output = run()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["alice"].email, world["bob"].email]
    )
    alice = email_to(world["alice"])
    assert "3 overdue actions" in alice.subject
    for description in ALICE_OVERDUE:
        assert alice.body.count(description) == 1
    for description in [*NOT_OVERDUE, "Bob: rewrite letters"]:
        assert description not in alice.body
    assert "Cwm Afon Housing" in alice.body
    assert "Bro Teifi Youth Service" in alice.body
    assert "5 April 2026" in alice.body
    assert "Housing plan 2026" in alice.body
    assert "Youth plan 2026" in alice.body
    assert "Draft plan 2027" not in alice.body

    bob = email_to(world["bob"])
    assert "1 overdue action" in bob.subject
    assert "Bob: rewrite letters" in bob.body
    assert "1 May 2026" in bob.body
    assert not any(description in bob.body for description in ALICE_OVERDUE)

    assert "Sent 2 digests covering 4 overdue actions; 0 people had theirs" in output


def test_actions_no_member_is_named_against_go_to_the_organisations_leads(
    organisation, other_organisation, run
):
    lead, second_lead = (MembershipFactory(organisation=organisation) for _ in range(2))
    MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
    MembershipFactory(organisation=organisation, user__is_active=False)
    other_lead = MembershipFactory(organisation=other_organisation)
    plan = approved_plan(organisation, "Plan")
    ActionFactory(plan=plan, responsible_other="Estates team", target_date=LAST_MONTH,
                  description="Estates: fix the lighting")  # fmt: skip
    ActionFactory(plan=plan, responsible_member=lead, target_date=LAST_MONTH,
                  description="Lead: own action")  # fmt: skip
    ActionFactory(plan=plan, target_date=LAST_MONTH, description="Nobody named")

    output = run()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead.user.email, second_lead.user.email])
    lead_digest = email_to(lead.user)
    assert "3 overdue actions" in lead_digest.subject
    own, _, team = lead_digest.body.partition("so they come to you as a lead")
    assert "Lead: own action" in own
    assert "Estates: fix the lighting" in team
    assert "Responsible: Estates team." in team
    assert "Nobody named" in team
    second = email_to(second_lead.user)
    assert "2 overdue actions" in second.subject
    assert "Lead: own action" not in second.body
    assert other_lead.user.email not in [m.to[0] for m in mail.outbox]
    assert "Sent 2 digests covering 5 overdue actions" in output


def test_a_second_run_the_same_day_sends_nobody_a_second_digest(world, run):
    run()
    assert len(mail.outbox) == 2

    output = run()

    assert len(mail.outbox) == 2
    assert "Sent 0 digests covering 0 overdue actions; 2 people had theirs" in output
    assert DigestSent.objects.filter(day=TODAY).count() == 2
    run(day=TODAY + timedelta(days=1))
    assert len(mail.outbox) == 4


def test_a_digest_another_run_recorded_first_is_not_sent_again(world, run):
    """What a run that loses the race meets: the other run's record for the person."""
    DigestSent.objects.create(user=world["alice"], day=TODAY, action_count=3)

    output = run()

    assert [m.to for m in mail.outbox] == [[world["bob"].email]]
    assert "Sent 1 digests covering 1 overdue actions; 1 people had theirs" in output


def test_the_digest_and_its_record_are_one_transaction(world, run, monkeypatch):
    """An email that cannot be queued leaves no record, so the next run sends it."""

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr("action_plans.services_overdue.email_send", broken)
    with pytest.raises(RuntimeError):
        run()
    assert not DigestSent.objects.exists()
    monkeypatch.undo()
    run()
    assert len(mail.outbox) == 2


def test_plain_text_email_is_not_html_escaped(organisation, run):
    member = MembershipFactory(organisation=organisation, user__full_name="Dai O'Brien")
    plan = approved_plan(organisation, "Mind & body <2026>")
    ActionFactory(plan=plan, responsible_member=member, target_date=LAST_MONTH,
                  description='Say "hello" & smile')  # fmt: skip
    run()
    body = email_to(member.user).body
    assert 'Say "hello" & smile' in body
    assert "Mind & body <2026>" in body
    assert "&amp;" not in body


def test_dry_run_sends_nothing_and_says_who_would_be_emailed(world, run):
    output = run("--dry-run")
    assert mail.outbox == []
    assert world["alice"].email in output
    assert world["bob"].email in output
    assert world["carol"].email not in output
    assert "Would send 2 digests covering 4 overdue actions." in output


def test_date_option_decides_what_is_overdue(world):
    out = StringIO()
    call_command("send_overdue_digests", "--date", "2026-04-01", "--dry-run", stdout=out)
    assert "Would send 0 digests covering 0 overdue actions." in out.getvalue()


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        call_command("send_overdue_digests", "--date", "1 June 2026")


def _overdue_actions(count):
    """`count` overdue actions with a member responsible, and as many without one (for the
    organisation's lead)."""
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation)
    plan = approved_plan(organisation, f"Plan for {count}")
    for n in range(count):
        member = MembershipFactory(organisation=organisation, role=Role.CONTRIBUTOR)
        for responsible in (member, None):
            ActionFactory(
                plan=plan,
                responsible_member=responsible,
                responsible_other="" if responsible else f"Team {n}",
                target_date=TODAY - timedelta(days=n + 1),
            )


def _queries_for_selector() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        people = overdue_actions_by_person(today=TODAY)
        # Touch everything the email template reads.
        for person in people:
            _ = person.user.email, person.user.full_name
            for group in person.organisations:
                _ = group.organisation.name
                for action in [*group.actions, *group.team_actions]:
                    _ = action.description, action.target_date, action.plan.title
                    _ = action.responsible_other
    return len(queries), sum(person.action_count for person in people)


def test_selector_query_count_does_not_grow_with_the_number_of_actions():
    _overdue_actions(5)
    few_queries, few = _queries_for_selector()
    _overdue_actions(35)
    many_queries, many = _queries_for_selector()
    assert (few, many) == (10, 80)
    # Actions with a member responsible, actions without one, and the leads those go to.
    assert few_queries == many_queries == 3


def test_a_deactivated_account_gets_no_email(organisation, run):
    member = MembershipFactory(organisation=organisation, user__is_active=False)
    plan = approved_plan(organisation, "Plan")
    ActionFactory(plan=plan, responsible_member=member, target_date=LAST_MONTH)
    run()
    assert mail.outbox == []
