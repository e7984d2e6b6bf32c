"""The working group's reflections on each domain area: who may write them and when, a
stale page refused with what is saved now, every change audited, and the board report
opening with them and the planned actions before any figure."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import DomainReflection
from assessments.policies import CycleStep, cycle_steps
from assessments.services.reflections import (
    NOT_THIS_CYCLE,
    REFLECTION_CHANGED,
    domain_reflection_save,
)
from framework.models import Domain
from tests.action_plans.factories import ActionFactory, PlanFactory
from tests.assessments.factories import CycleFactory, new_framework_version, submitted_cycle
from tests.conftest import client_for
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from trauma_wales.versions import StaleEdit

pytestmark = pytest.mark.django_db

PROUD = "Tenants helped redesign reception."
LEARNED = "Small changes to the space matter."
HEARD = "The quiet room helped when I was upset."


@pytest.fixture
def cycle(organisation):
    return CycleFactory(organisation=organisation, year=2026)


def domain(cycle, code="environment") -> Domain:
    return Domain.objects.get(framework=cycle.framework, code=code)


def save(cycle, actor, expected=None, code="environment", **texts):
    return domain_reflection_save(
        cycle=cycle,
        domain=domain(cycle, code),
        texts=texts or {"proud": PROUD},
        actor=actor,
        expected_version=expected,
    )


def page_url(cycle, code="environment"):
    return reverse("assessments:reflection", args=[cycle.organisation.slug, cycle.pk, code])


def list_url(cycle):
    return reverse("assessments:reflections", args=[cycle.organisation.slug, cycle.pk])


# --- the service -------------------------------------------------------------------------


def test_the_first_save_writes_the_reflection_and_audits_it(cycle, lead):
    reflection = save(cycle, lead, proud=f"  {PROUD} ", learned=LEARNED, heard="")

    assert (reflection.proud, reflection.learned, reflection.heard) == (PROUD, LEARNED, "")
    assert (reflection.version, reflection.edited_by) == (1, lead)
    entry = AuditEntry.objects.get(action="reflection.saved")
    assert entry.details == {
        "cycle": cycle.name,
        "domain": "environment",
        "changed": {"proud": ["", PROUD], "learned": ["", LEARNED]},
    }


def test_a_later_save_needs_the_version_it_was_opened_at(cycle, lead, member_for_role):
    other_lead = member_for_role(Role.LEAD)
    first = save(cycle, lead, proud=PROUD)
    save(cycle, other_lead, expected=first.version, proud=PROUD, heard=HEARD)

    with pytest.raises(StaleEdit, match=str(REFLECTION_CHANGED)) as refused:
        save(cycle, lead, expected=first.version, proud="Something else")

    assert refused.value.current.heard == HEARD
    stored = DomainReflection.objects.get()
    assert (stored.proud, stored.heard, stored.version) == (PROUD, HEARD, 2)


def test_a_page_opened_before_the_first_save_is_refused_once_someone_has_written(cycle, lead):
    save(cycle, lead, proud=PROUD)

    with pytest.raises(StaleEdit):
        save(cycle, lead, expected=None, proud="Written on a page opened earlier")

    assert DomainReflection.objects.get().proud == PROUD


def test_a_save_that_changes_nothing_records_nothing(cycle, lead):
    first = save(cycle, lead, proud=PROUD)

    save(cycle, lead, expected=first.version, proud=PROUD)

    assert AuditEntry.objects.filter(action="reflection.saved").count() == 1


@pytest.mark.parametrize("role", [Role.CONTRIBUTOR, Role.REVIEWER, Role.BOARD])
def test_only_those_who_run_the_assessment_may_write_reflections(cycle, member_for_role, role):
    with pytest.raises(DomainError):
        save(cycle, member_for_role(role))

    assert not DomainReflection.objects.exists()


def test_reflections_may_be_written_after_submission(organisation, lead):
    cycle = submitted_cycle(organisation)

    assert CycleStep.REFLECT in cycle_steps(cycle, Role.LEAD)
    assert save(cycle, lead).proud == PROUD


def test_a_domain_area_of_another_framework_version_is_refused(cycle, lead, tmp_path):
    other = new_framework_version(tmp_path)

    with pytest.raises(DomainError, match=str(NOT_THIS_CYCLE)):
        domain_reflection_save(
            cycle=cycle,
            domain=Domain.objects.get(framework=other, code="environment"),
            texts={"proud": PROUD},
            actor=lead,
        )


def test_an_answer_over_2000_characters_is_refused(cycle, lead):
    with pytest.raises(DomainError):
        save(cycle, lead, proud="x" * 2001)
    assert not DomainReflection.objects.exists()


# --- the pages ---------------------------------------------------------------------------


def test_the_list_shows_every_domain_area_and_what_is_written(cycle, lead):
    save(cycle, lead, proud=PROUD, heard=HEARD)

    page = client_for(lead).get(list_url(cycle)).content.decode()

    assert page.count('class="govuk-summary-card"') == 6
    assert PROUD in page and HEARD in page
    assert page.count("Nothing written yet.") == 5
    assert f'href="{page_url(cycle)}"' in page


def test_the_page_saves_and_goes_back_to_the_list(cycle, lead):
    client = client_for(lead)

    response = client.post(page_url(cycle), {"proud": PROUD, "learned": "", "heard": HEARD})

    assert response.status_code == 302 and response["Location"] == list_url(cycle)
    stored = DomainReflection.objects.get()
    assert (stored.proud, stored.heard) == (PROUD, HEARD)
    form_page = client.get(page_url(cycle)).content.decode()
    assert 'name="version" value="1"' in form_page


def test_the_page_refuses_a_long_answer_and_saves_nothing(cycle, lead):
    response = client_for(lead).post(page_url(cycle), {"proud": "x" * 2001})

    assert response.status_code == 200
    assert "Each answer must be 2000 characters or fewer" in response.content.decode()
    assert not DomainReflection.objects.exists()


def test_a_stale_page_shows_what_is_saved_now_and_keeps_the_changes(cycle, lead):
    first = save(cycle, lead, proud=PROUD)
    save(cycle, lead, expected=first.version, proud=PROUD, heard=HEARD)

    response = client_for(lead).post(
        page_url(cycle), {"version": "1", "proud": "My newer words", "learned": "", "heard": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "What is saved now" in page and HEARD in page
    assert "My newer words" in page
    assert 'name="version" value="2"' in page
    assert DomainReflection.objects.get().proud == PROUD


def test_an_unknown_domain_area_is_not_found(cycle, lead):
    assert client_for(lead).get(page_url(cycle, "no-such-domain")).status_code == 404


def test_the_history_says_what_changed_in_plain_words(cycle, lead):
    save(cycle, lead, proud=PROUD)

    page = (
        client_for(lead)
        .get(reverse("organisations:history", args=[cycle.organisation.slug]))
        .content.decode()
    )

    assert "Saved reflections on Environment in the assessment" in page
    assert "Changed what we are proud of from" in page


def test_the_list_page_asks_the_same_number_of_queries_with_one_or_six_written(cycle, lead):
    client = client_for(lead)
    save(cycle, lead, proud=PROUD)
    client.get(list_url(cycle))
    with CaptureQueriesContext(connection) as one:
        client.get(list_url(cycle))
    for code in ("leadership", "policy", "workforce", "involvement", "evaluation"):
        save(cycle, lead, code=code, proud=PROUD)
    with CaptureQueriesContext(connection) as six:
        client.get(list_url(cycle))

    assert len(six) == len(one)


# --- the board report --------------------------------------------------------------------


def test_the_report_opens_with_the_reflections_and_what_we_will_do(organisation, lead):
    cycle = submitted_cycle(organisation)
    save(cycle, lead, proud=PROUD, heard=HEARD)
    plan = PlanFactory(cycle=cycle)
    ActionFactory(plan=plan, domain=domain(cycle, "policy"), description="Rewrite arrears letters")
    ActionFactory(
        plan=plan,
        domain=domain(cycle, "leadership"),
        description="A cancelled idea",
        delivery_status="cancelled",
    )
    url = reverse("reports:report", args=[organisation.slug, cycle.pk])

    for version in ("full", "summary"):
        page = client_for(lead).get(f"{url}?version={version}&language=en").content.decode()
        story = page.index('id="story"')
        assert story < page.index('id="summary"') < page.index('id="domains"')
        assert PROUD in page and HEARD in page
        assert "Rewrite arrears letters" in page
        assert "A cancelled idea" not in page[story : page.index('id="summary"')]
        assert 'href="#story"' in page


def test_the_report_has_no_story_section_when_there_is_nothing_to_tell(organisation, lead):
    cycle = submitted_cycle(organisation)

    page = client_for(lead).get(reverse("reports:report", args=[organisation.slug, cycle.pk]))

    assert 'id="story"' not in page.content.decode()
