"""The responsibility and timescale columns read the same on the plan page, the action
page and the board report (through the `plan_tags` filters) as in the downloads."""

from datetime import date

import pytest
from django.template import Context, Template

from tests.action_plans.factories import ActionFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

COLUMNS = Template("{% load plan_tags %}{{ action|responsibility }} | {{ action|timescale }}")


def test_member_and_team_with_a_start_date(organisation):
    member = MembershipFactory(organisation=organisation, user__full_name="Rhian <b>Evans</b>")
    action = ActionFactory(
        responsible_member=member,
        responsible_other="Wellbeing team",
        start_date=date(2026, 1, 5),
        target_date=date(2027, 3, 31),
    )
    assert COLUMNS.render(Context({"action": action})) == (
        "Rhian &lt;b&gt;Evans&lt;/b&gt;, Wellbeing team | 5 January 2026 to 31 March 2027"
    )


def test_team_only_and_no_start_date():
    action = ActionFactory(
        responsible_other="Estates", start_date=None, target_date=date(2026, 9, 1)
    )
    assert COLUMNS.render(Context({"action": action})) == "Estates | 1 September 2026"


@pytest.mark.parametrize(
    ("priority", "english", "welsh"),
    [("high", "High priority", "Blaenoriaeth uchel"), ("low", "Low priority", "Blaenoriaeth isel")],
)
def test_priority_reads_as_one_phrase_in_each_language(priority, english, welsh):
    from django.utils import translation

    action = ActionFactory(priority=priority)
    template = Template("{% load plan_tags %}{{ action|priority_phrase }}")
    assert template.render(Context({"action": action})) == english
    with translation.override("cy"):
        assert template.render(Context({"action": action})) == welsh
