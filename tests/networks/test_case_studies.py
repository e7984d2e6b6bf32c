"""A network's case studies ("shared learning"): a lead of an organisation that has joined
publishes one (against the service and through the page), members of organisations in
the network read them (named only by consent, filtered by domain area, gone when the
organisation leaves), coordinators highlight them, every page reads in both languages,
and the list pages' query counts do not grow with the number of case studies."""

import pytest
from django.conf import settings
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Indicator
from framework.models import FrameworkVersion
from networks.models import TEXT_MAX_LENGTH, CaseStudy, MembershipStatus
from networks.policies import NOT_COORDINATOR, NOT_JOINED
from networks.selectors.case_studies import (
    case_studies_for_network,
    case_study_in_network,
)
from networks.services.case_studies import (
    CHANGED_NEEDED,
    HELPED_NEEDED,
    INDICATOR_NOT_CURRENT,
    TITLE_NEEDED,
    case_study_highlight,
    case_study_publish,
)
from tests.assessments.factories import indicator, new_framework_version
from tests.conftest import client_for
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory, coordinator_of
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.errors import DomainError
from trauma_wales.models import AuditEntry
from trauma_wales.permissions import Role
from trauma_wales.policies import NOT_YOUR_ROLE

pytestmark = pytest.mark.django_db

NOT_SHOWN = "A member organisation"


@pytest.fixture
def network(framework_content):
    return NetworkFactory(
        slug="west-wales", name_en="West Wales network", name_cy="Rhwydwaith Gorllewin Cymru"
    )


@pytest.fixture
def place(network, organisation):
    """`organisation`'s membership of `network`: joined."""
    return NetworkMembershipFactory(network=network, organisation=organisation)


@pytest.fixture
def coordinator(network):
    return coordinator_of(network, full_name="Carys Coordinator")


def leadership(framework):
    return indicator(framework, "leadership-01")


def environment(framework):
    return indicator(framework, "environment-01")


def publish(membership, actor, **overrides) -> CaseStudy:
    values = {
        "title": "A calmer waiting room",
        "indicator": leadership(FrameworkVersion.objects.current()),
        "what_changed": "We changed the lighting and the seating.",
        "what_helped": "Asking the people who wait there.",
        "named": False,
        **overrides,
    }
    return case_study_publish(membership=membership, actor=actor, **values)


def member_of(network, *, name, status=MembershipStatus.JOINED):
    """Another organisation in `network`, with a lead: (membership, lead)."""
    organisation = OrganisationFactory(name=name)
    lead = MembershipFactory(organisation=organisation, role=Role.LEAD).user
    membership = NetworkMembershipFactory(network=network, organisation=organisation)
    if status != MembershipStatus.JOINED:
        membership.status = status
        membership.save()
    return membership, lead


def case_study_entries() -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="case_study.").values_list("action", flat=True)
    )


def list_url(organisation, network, **query) -> str:
    url = reverse("networks:case_studies", args=[organisation.slug, network.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def publish_url(organisation, network) -> str:
    return reverse("networks:publish", args=[organisation.slug, network.slug])


def coordinator_url(network) -> str:
    return reverse("coordinator:case_studies", args=[network.slug])


def highlight_url(case_study) -> str:
    return reverse("coordinator:highlight", args=[case_study.network.slug, case_study.pk])


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- publishing ----------------------------------------------------------------------------


def test_a_lead_publishes_a_case_study_and_it_is_recorded(place, lead, framework_content):
    study = publish(
        place, lead, title="  A calmer waiting room  ", what_changed="\nNew lighting. ",
        what_helped=" Asking people. ",
    )  # fmt: skip

    study.refresh_from_db()
    assert (study.title, study.what_changed, study.what_helped) == (
        "A calmer waiting room",
        "New lighting.",
        "Asking people.",
    )
    assert study.network == place.network and study.organisation == place.organisation
    assert study.author == lead and study.named is False and study.highlighted is False
    assert study.indicator == leadership(framework_content)
    entry = AuditEntry.objects.get(action="case_study.published")
    assert entry.actor == lead and entry.organisation == place.organisation
    assert entry.target_id == str(study.pk)
    assert entry.details == {
        "network": "west-wales",
        "name_en": "West Wales network",
        "name_cy": "Rhwydwaith Gorllewin Cymru",
        "title": "A calmer waiting room",
    }


def test_a_contributor_cannot_publish(place, contributor, organisation, network):
    with pytest.raises(DomainError) as refused:
        publish(place, contributor)
    assert refused.value.message == NOT_YOUR_ROLE
    assert client_for(contributor).get(publish_url(organisation, network)).status_code == 403
    assert not CaseStudy.objects.exists() and not case_study_entries()


@pytest.mark.parametrize(
    "status", [MembershipStatus.INVITED, MembershipStatus.DECLINED, MembershipStatus.LEFT]
)
def test_an_organisation_that_is_not_in_the_network_cannot_publish(place, lead, status):
    place.status = status
    place.save()
    with pytest.raises(DomainError) as refused:
        publish(place, lead)
    assert str(refused.value.message) == str(NOT_JOINED)
    assert not CaseStudy.objects.exists() and not case_study_entries()


def test_an_indicator_of_an_older_framework_version_is_refused(
    place, lead, framework_content, tmp_path
):
    older = leadership(framework_content)
    new_framework_version(tmp_path)
    with pytest.raises(DomainError) as refused:
        publish(place, lead, indicator=older)
    assert refused.value.field == "indicator" and refused.value.message == INDICATOR_NOT_CURRENT
    assert not CaseStudy.objects.exists()


def test_an_indicator_no_longer_active_is_refused(place, lead, framework_content):
    retired = leadership(framework_content)
    Indicator.objects.filter(pk=retired.pk).update(is_active=False)
    with pytest.raises(DomainError) as refused:
        publish(place, lead, indicator=retired)
    assert refused.value.field == "indicator"
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [("title", TITLE_NEEDED), ("what_changed", CHANGED_NEEDED), ("what_helped", HELPED_NEEDED)],
)
def test_the_service_refuses_blank_text(place, lead, field, message):
    with pytest.raises(DomainError) as refused:
        publish(place, lead, **{field: "   "})
    assert refused.value.field == field and refused.value.message == message
    assert not CaseStudy.objects.exists()


def form_data(framework, **overrides) -> dict:
    return {
        "title": "A calmer waiting room",
        "indicator": str(leadership(framework).pk),
        "what_changed": "We changed the lighting and the seating.",
        "what_helped": "Asking the people who wait there.",
        **overrides,
    }


def test_a_lead_publishes_through_the_page(place, lead, organisation, network, framework_content):
    client = client_for(lead)
    form_page = page(client, publish_url(organisation, network))
    # The indicators come grouped by domain area.
    assert '<optgroup label="Leadership and governance">' in form_page

    response = client.post(
        publish_url(organisation, network), form_data(framework_content, named="named"), follow=True
    )

    assert response.redirect_chain[-1][0] == list_url(organisation, network)
    study = CaseStudy.objects.get()
    assert study.named is True and study.organisation == organisation
    content = response.content.decode()
    assert "Your case study is published." in content and "A calmer waiting room" in content


def test_named_is_off_unless_the_lead_ticks_it(
    place, lead, organisation, network, framework_content
):
    client_for(lead).post(publish_url(organisation, network), form_data(framework_content))
    assert CaseStudy.objects.get().named is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "  "}, "Enter a title for the case study"),
        ({"title": "x" * 151}, "The title must be 150 characters or fewer"),
        ({"indicator": ""}, "Choose the indicator the case study is about"),
        ({"indicator": "999999"}, "Choose an indicator from the list"),
        ({"what_changed": ""}, "Enter what changed"),
        ({"what_changed": "x" * (TEXT_MAX_LENGTH + 1)}, "What changed must be 2000 characters"),
        ({"what_helped": ""}, "Enter what helped"),
        ({"named": "everyone"}, "Choose from the list"),
    ],
)
def test_bad_input_shows_a_clear_error_and_saves_nothing(
    place, lead, organisation, network, framework_content, overrides, message
):
    response = client_for(lead).post(
        publish_url(organisation, network), form_data(framework_content, **overrides)
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content and message in content
    assert not CaseStudy.objects.exists() and not case_study_entries()


def test_the_page_refuses_an_indicator_of_an_older_framework_version(
    place, lead, organisation, network, framework_content, tmp_path
):
    older = leadership(framework_content)
    new_framework_version(tmp_path)
    response = client_for(lead).post(
        publish_url(organisation, network), form_data(framework_content, indicator=str(older.pk))
    )
    assert "Choose an indicator from the list" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_a_lead_whose_organisation_left_sees_a_note_not_the_form(
    place, lead, organisation, network, framework_content
):
    place.status = MembershipStatus.LEFT
    place.save()
    client = client_for(lead)
    content = page(client, publish_url(organisation, network))
    assert "Your organisation is not in this network now." in content
    assert 'name="what_changed"' not in content

    response = client.post(publish_url(organisation, network), form_data(framework_content))
    assert response.status_code == 200
    assert not CaseStudy.objects.exists()


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.LEAD, Role.CONTRIBUTOR, Role.REVIEWER, Role.BOARD])
def test_every_member_of_a_joined_organisation_reads_the_case_studies(
    place, lead, organisation, network, member_for_role, role, framework_content
):
    publish(place, lead, title="A calmer waiting room")
    content = page(client_for(member_for_role(role)), list_url(organisation, network))
    assert "A calmer waiting room" in content
    assert "Leadership and governance" in content
    assert leadership(framework_content).text_en in content
    assert "We changed the lighting and the seating." in content
    assert "Asking the people who wait there." in content
    # Only a lead is offered the button to publish one.
    assert (publish_url(organisation, network) in content) == (role == Role.LEAD)


def test_the_name_shows_only_when_the_lead_chose_it(place, organisation, network, lead):
    named, named_lead = member_of(network, name="Bro Teifi Youth Service")
    unnamed, unnamed_lead = member_of(network, name="Gwent Care Partnership")
    publish(named, named_lead, title="Named study", named=True)
    publish(unnamed, unnamed_lead, title="Unnamed study", named=False)

    content = page(client_for(lead), list_url(organisation, network))

    assert "Bro Teifi Youth Service" in content
    assert "Gwent Care Partnership" not in content
    assert content.count(NOT_SHOWN) == 1
    shown = case_studies_for_network(network=network)
    assert {s.title: s.organisation_name for s in shown} == {
        "Named study": "Bro Teifi Youth Service",
        "Unnamed study": "",
    }


def test_the_list_filters_by_domain_area(place, lead, organisation, network, framework_content):
    publish(place, lead, title="About leadership", indicator=leadership(framework_content))
    publish(place, lead, title="About the environment", indicator=environment(framework_content))
    client = client_for(lead)

    filtered = page(client, list_url(organisation, network, domain="environment"))
    assert "About the environment" in filtered and "About leadership" not in filtered
    assert '<option value="environment" selected>' in filtered

    everything = page(client, list_url(organisation, network, domain="no-such-area"))
    assert "About the environment" in everything and "About leadership" in everything
    assert "govuk-error" not in everything


def test_a_filtered_list_with_nothing_says_so(place, lead, organisation, network):
    publish(place, lead, title="About leadership")
    content = page(client_for(lead), list_url(organisation, network, domain="environment"))
    assert "No case studies about this domain area yet." in content


def test_case_studies_of_an_organisation_that_left_are_not_shown(
    place, lead, organisation, network, coordinator
):
    other, other_lead = member_of(network, name="Bro Teifi Youth Service")
    study = publish(other, other_lead, title="From the one that left", named=True)
    assert "From the one that left" in page(client_for(lead), list_url(organisation, network))

    other.status = MembershipStatus.LEFT
    other.save()

    assert "From the one that left" not in page(client_for(lead), list_url(organisation, network))
    assert "From the one that left" not in page(client_for(coordinator), coordinator_url(network))
    assert case_studies_for_network(network=network) == []
    assert CaseStudy.objects.filter(pk=study.pk).exists()  # kept, only not shown


@pytest.mark.parametrize("status", [MembershipStatus.INVITED, MembershipStatus.LEFT])
def test_a_member_of_an_organisation_not_in_the_network_sees_a_note(
    place, organisation, network, contributor, status
):
    other, other_lead = member_of(network, name="Bro Teifi Youth Service")
    publish(other, other_lead, title="Not for outsiders")
    place.status = status
    place.save()

    content = page(client_for(contributor), list_url(organisation, network))

    assert "Your organisation is not in this network now." in content
    assert "Not for outsiders" not in content and 'name="domain"' not in content


def test_an_organisation_never_invited_finds_no_such_page(network, lead, organisation):
    assert client_for(lead).get(list_url(organisation, network)).status_code == 404


def test_the_networks_page_links_to_the_case_studies_of_a_joined_network(
    place, lead, organisation, network
):
    invited = NetworkMembershipFactory(organisation=organisation, status=MembershipStatus.INVITED)
    content = page(client_for(lead), reverse("networks:organisation", args=[organisation.slug]))
    assert list_url(organisation, network) in content
    assert list_url(organisation, invited.network) not in content


def test_highlighted_come_first_then_the_newest(place, lead, coordinator):
    first = publish(place, lead, title="First")
    second = publish(place, lead, title="Second")
    third = publish(place, lead, title="Third")
    assert [s.id for s in case_studies_for_network(network=place.network)] == [
        third.pk,
        second.pk,
        first.pk,
    ]

    case_study_highlight(case_study=first, actor=coordinator, highlighted=True)

    assert [s.id for s in case_studies_for_network(network=place.network)] == [
        first.pk,
        third.pk,
        second.pk,
    ]


# --- highlighting --------------------------------------------------------------------------


def test_a_coordinator_highlights_a_case_study_and_stops(place, lead, network, coordinator):
    study = publish(place, lead, title="A calmer waiting room")
    client = client_for(coordinator)
    listed = page(client, coordinator_url(network))
    assert highlight_url(study) in listed and "A calmer waiting room" in listed

    response = client.post(highlight_url(study), {"highlighted": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == coordinator_url(network)
    assert "is highlighted: members read it first" in response.content.decode()
    study.refresh_from_db()
    assert study.highlighted is True
    entry = AuditEntry.objects.get(action="case_study.highlighted")
    assert entry.actor == coordinator and entry.organisation == place.organisation
    assert entry.target_type == "networks.casestudy" and entry.target_id == str(study.pk)
    assert entry.details == {
        "network": "west-wales",
        "name_en": "West Wales network",
        "name_cy": "Rhwydwaith Gorllewin Cymru",
        "title": "A calmer waiting room",
        "highlighted": True,
    }

    client.post(highlight_url(study), {"highlighted": "0"})
    study.refresh_from_db()
    assert study.highlighted is False
    last = AuditEntry.objects.filter(action="case_study.highlighted").latest("pk")
    assert last.details["highlighted"] is False


def test_a_highlight_that_changes_nothing_records_nothing(place, lead, coordinator):
    study = publish(place, lead)
    case_study_highlight(case_study=study, actor=coordinator, highlighted=True)
    case_study_highlight(case_study=study, actor=coordinator, highlighted=True)
    assert AuditEntry.objects.filter(action="case_study.highlighted").count() == 1
    client_for(coordinator).post(highlight_url(study), {"highlighted": "1"})
    assert AuditEntry.objects.filter(action="case_study.highlighted").count() == 1


def test_a_lead_cannot_highlight(place, lead, coordinator):
    study = publish(place, lead)
    with pytest.raises(DomainError) as refused:
        case_study_highlight(case_study=study, actor=lead, highlighted=True)
    assert refused.value.message == NOT_COORDINATOR
    assert client_for(lead).post(highlight_url(study), {"highlighted": "1"}).status_code == 404
    study.refresh_from_db()
    assert study.highlighted is False
    assert not AuditEntry.objects.filter(action="case_study.highlighted").exists()


def test_a_member_is_offered_no_highlight_button(place, lead, organisation, network):
    study = publish(place, lead)
    assert highlight_url(study) not in page(client_for(lead), list_url(organisation, network))


def test_highlighting_takes_only_a_post_and_a_known_value(place, lead, coordinator):
    study = publish(place, lead)
    client = client_for(coordinator)
    assert client.get(highlight_url(study)).status_code == 405
    assert client.post(highlight_url(study), {"highlighted": "maybe"}).status_code == 400
    study.refresh_from_db()
    assert study.highlighted is False


def test_a_case_study_of_another_network_is_not_found(place, lead, coordinator, network):
    elsewhere = NetworkFactory()
    other = NetworkMembershipFactory(network=elsewhere, organisation=place.organisation)
    study = publish(other, lead)
    with pytest.raises(Http404):
        case_study_in_network(network, study.pk)
    url = reverse("coordinator:highlight", args=[network.slug, study.pk])
    assert client_for(coordinator).post(url, {"highlighted": "1"}).status_code == 404


# --- both languages ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_reads_in_both_languages(
    place, lead, organisation, network, coordinator, language
):
    study = publish(place, lead, title="A calmer waiting room", named=True)
    case_study_highlight(case_study=study, actor=coordinator, highlighted=True)
    pages = [
        (lead, list_url(organisation, network)),
        (lead, publish_url(organisation, network)),
        (lead, reverse("networks:organisation", args=[organisation.slug])),
        (coordinator, coordinator_url(network)),
        (coordinator, reverse("coordinator:network", args=[network.slug])),
    ]
    network_name = {"en": "West Wales network", "cy": "Rhwydwaith Gorllewin Cymru"}[language]
    for person, url in pages:
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        content = page(client, url)
        assert f'<html lang="{language}"' in content, url
        assert network_name in content, url
    for person, url in pages[:1] + pages[3:4]:
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        content = page(client, url)
        assert "A calmer waiting room" in content
        assert {"en": "Domain area", "cy": "Maes"}[language] in content


# --- query counts --------------------------------------------------------------------------


def with_case_studies(network, count: int) -> None:
    """`count` case studies from three organisations in the network, some named, some
    highlighted, across two domain areas."""
    members = [member_of(network, name=f"Member {n}") for n in range(3)]
    framework = FrameworkVersion.objects.current()
    for n in range(count):
        membership, lead = members[n % 3]
        study = publish(
            membership, lead, title=f"Study {n}", named=n % 2 == 0,
            indicator=leadership(framework) if n % 2 else environment(framework),
        )  # fmt: skip
        if n % 5 == 0:
            CaseStudy.objects.filter(pk=study.pk).update(highlighted=True)


def queries(client, url) -> int:
    client.get(url)  # the framework content is held from the first request on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("side", ["member", "coordinator"])
def test_the_list_pages_queries_do_not_grow_with_the_case_studies(
    place, lead, organisation, network, coordinator, framework_content, side
):
    person, url = (
        (lead, list_url(organisation, network))
        if side == "member"
        else (coordinator, coordinator_url(network))
    )
    with_case_studies(network, 3)
    few = queries(client_for(person), url)
    with_case_studies(network, 27)
    assert len(case_studies_for_network(network=network)) == 30
    assert queries(client_for(person), url) == few
