"""Each kind of member, from signing in to their main task, using only the links and
buttons the pages offer (no typed address), in as few steps as the test says.

On the demo organisation: the lead has started this year's assessment and asked the
contributor for their views, and has sent a revision of last year's approved plan for
review. Signing in takes each person (one organisation each) to its overview, whose one
"What to do next" button leads to their task: the lead to the assessment, the contributor
to give their views, the reviewer to the plan waiting for them, the board member to the
report. axe on every page.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from action_plans.models import PlanStatus
from action_plans.services import plan_move
from assessments.services.cycles import contributor_invite, cycle_start
from demo.seed import DEMO_PASSWORD, DEMO_PEOPLE, demo_seed
from organisations.models import Membership
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LEAD, CONTRIBUTOR, REVIEWER, BOARD = (person.email for person in DEMO_PEOPLE)

# Who signs in, the button on the overview, and the heading of the page it leads to: two
# steps from the sign-in page for everyone.
JOURNEYS = [
    (LEAD, "Continue the assessment", "2026 to 2027"),
    (CONTRIBUTOR, "Give your views", "2026 to 2027"),
    (REVIEWER, "Review the action plan", None),
    (BOARD, "Read the board report", None),
]


@pytest.fixture
def demo(framework_content):
    seeded = demo_seed()
    organisation, previous = seeded["organisation"], seeded["previous_cycle"]
    lead = Membership.objects.get(organisation=organisation, user__email=LEAD).user
    plan = previous.action_plan
    plan_move(plan=plan, to_status=PlanStatus.DRAFT, actor=lead)
    plan_move(plan=plan, to_status=PlanStatus.IN_REVIEW, actor=lead)
    cycle = cycle_start(
        organisation=organisation,
        actor=lead,
        name="2026 to 2027",
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
    )
    contributor = Membership.objects.get(organisation=organisation, user__email=CONTRIBUTOR)
    contributor_invite(cycle=cycle, membership=contributor, actor=lead)
    return seeded


def test_each_member_reaches_their_task_in_two_steps_from_signing_in(page, demo):
    plan_title = demo["previous_cycle"].action_plan.title
    for email, button, heading in JOURNEYS:
        sign_in(page, email, DEMO_PASSWORD)  # step 1
        expect(page.get_by_role("heading", level=1)).to_have_text("Cwm Afon Housing Association")
        next_step = page.locator(".app-next-step")
        expect(next_step).to_have_count(1)
        expect(next_step.locator(".govuk-button")).to_have_count(1)
        assert_accessible(page, f"way-{email.split('@')[0]}-overview")
        next_step.get_by_role("link", name=button).click()  # step 2
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading or "")
        if email == REVIEWER:
            expect(page.get_by_role("heading", level=1)).to_have_text(plan_title)
            expect(page.get_by_role("heading", name="Review the plan")).to_be_visible()
        if email == BOARD:
            expect(page.get_by_role("link", name="Download this report as a PDF")).to_be_visible()
        assert_accessible(page, f"way-{email.split('@')[0]}-task")
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You have signed out.")).to_be_visible()
