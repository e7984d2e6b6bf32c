"""A network from invitation to comparison, in English and in Welsh. The coordinator
invites an organisation by its lead's email address; the lead joins, sharing its figures
but not its name; the coordinator reads the network's figures (sectors, regions, the
heatmap with hidden cells, focus indicators), downloads them, and highlights a case
study the lead published; the lead sees "How we compare" on the results page, chooses
it for the board report, then leaves, and the network no longer counts it. axe (WCAG
2.2 AA) on every page, each also at 320 px without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from networks.models import MembershipStatus, NetworkMembership
from organisations.models import Sector
from tests.accounts.factories import PASSWORD
from tests.assessments.factories import submitted_cycle
from tests.browser.conftest import assert_accessible_and_narrow, sign_in
from tests.networks.factories import NetworkFactory, coordinator_of, member_with_scores

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network(framework_content):
    network = NetworkFactory(slug="west-wales", name_en="West Wales", name_cy="Gorllewin Cymru")
    for number, sector in enumerate([Sector.HOUSING] * 5 + [Sector.HEALTH] * 3):
        member_with_scores(network, sector=sector, score=number % 5, areas=["swansea"])
    return network


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_network_from_invitation_to_comparison(page, network, organisation, lead, language):
    coordinator = coordinator_of(network, full_name="Carys Coordinator")
    coordinator.set_password(PASSWORD)
    coordinator.language = lead.language = language  # each reads the service in it
    coordinator.save()
    lead.save(update_fields=["language"])
    organisation.sector = Sector.HOUSING
    organisation.save()
    cycle = submitted_cycle(organisation, score=3)
    welsh = language == "cy"
    words = {
        "invite": "Gwahodd sefydliad" if welsh else "Invite an organisation",
        "send": "Anfon y gwahoddiad" if welsh else "Send the invitation",
        "answer": "Ateb y gwahoddiad" if welsh else "Answer the invitation",
        "join": "Ymuno â'r rhwydwaith" if welsh else "Join the network",
        "name": "Ein henw wrth ymyl pa mor bell rydym wedi mynd"
        if welsh
        else "Our name beside how far we have got",
        "publish": "Cyhoeddi'r astudiaeth achos" if welsh else "Publish the case study",
        "compare": "Sut rydym yn cymharu" if welsh else "How we compare",
        "options": "Dewis crynodeb byrrach" if welsh else "Choose a shorter board summary",
        "yes": "Ie" if welsh else "Yes",
        "show": "Dangos yr adroddiad hwn" if welsh else "Show this report",
        "leave": "Gadael y rhwydwaith" if welsh else "Leave the network",
    }

    def in_language():
        page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])

    # The coordinator invites the organisation by its lead's email address.
    sign_in(page, coordinator.email, PASSWORD)
    in_language()
    page.goto("/networks/")
    assert_accessible_and_narrow(page, "networks you coordinate")
    page.get_by_role("link", name="Gorllewin Cymru" if welsh else "West Wales").first.click()
    assert_accessible_and_narrow(page, "the network's figures before")
    page.get_by_role("link", name=words["invite"]).click()
    assert_accessible_and_narrow(page, "invite")
    page.get_by_role("button", name=words["send"]).click()
    assert_accessible_and_narrow(page, "an empty address refused")
    page.locator("#id_email").fill(lead.email)
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(lead.email)
    page.context.clear_cookies()

    # The lead joins, sharing figures but not the name, and publishes a case study.
    sign_in(page, lead.email, PASSWORD)
    in_language()
    page.goto(f"/o/{organisation.slug}/networks/")
    assert_accessible_and_narrow(page, "the organisation's networks")
    page.get_by_role("link", name=words["answer"]).click()
    assert_accessible_and_narrow(page, "join")
    expect(page.get_by_label(words["name"])).not_to_be_checked()
    page.get_by_role("button", name=words["join"]).click()
    membership = NetworkMembership.objects.get(network=network, organisation=organisation)
    assert (membership.status, membership.shares_figures, membership.shares_name) == (
        MembershipStatus.JOINED, True, False,
    )  # fmt: skip
    page.goto(f"/o/{organisation.slug}/networks/west-wales/case-studies/new/")
    assert_accessible_and_narrow(page, "publish")
    page.get_by_role("button", name=words["publish"]).click()
    assert_accessible_and_narrow(page, "publish refused")
    page.locator("#id_title").fill("A calmer reception")
    page.locator("#id_indicator").select_option(index=1)
    page.locator("#id_what_changed").fill("We moved the desk away from the door.")
    page.locator("#id_what_helped").fill("Walking the building with tenants.")
    page.get_by_role("button", name=words["publish"]).click()
    assert_accessible_and_narrow(page, "case studies")
    expect(page.locator("main")).to_contain_text("A calmer reception")

    # The lead compares the organisation's scores with its peers'.
    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/results/")
    expect(page.get_by_role("heading", name=words["compare"])).to_be_visible()
    assert_accessible_and_narrow(page, "results with comparisons")
    page.goto(f"/o/{organisation.slug}/assessments/{cycle.pk}/report/")
    expect(page.locator("#compare")).to_have_count(0)
    page.get_by_text(words["options"]).click()
    page.locator("fieldset", has_text=words["compare"]).get_by_label(words["yes"]).check()
    page.get_by_role("button", name=words["show"]).click()
    expect(page.get_by_role("heading", name=words["compare"])).to_be_visible()
    assert "compare=yes" in page.get_by_role("link", name="PDF").get_attribute("href")
    assert_accessible_and_narrow(page, "the board report with comparisons")
    page.context.clear_cookies()

    # The coordinator sees the network's figures, downloads them, highlights the case study.
    sign_in(page, coordinator.email, PASSWORD)
    in_language()
    page.goto("/n/west-wales/")
    assert_accessible_and_narrow(page, "the network's figures")
    heatmap = page.locator("#heat-sector")
    expect(heatmap).to_contain_text("Tai" if welsh else "Housing")
    expect(heatmap).to_contain_text("Wedi'i guddio" if welsh else "Hidden")  # health: 3
    with page.expect_download() as download:
        page.get_by_role("link", name="(CSV)").click()
    assert download.value.suggested_filename == "west-wales-figures.csv"
    page.goto("/n/west-wales/case-studies/")
    assert_accessible_and_narrow(page, "the coordinator's case studies")
    page.get_by_role("button", name="Amlygu" if welsh else "Highlight").first.click()
    assert_accessible_and_narrow(page, "highlighted")
    page.context.clear_cookies()

    # The lead leaves: from then on the network does not count the organisation.
    sign_in(page, lead.email, PASSWORD)
    in_language()
    page.goto(f"/o/{organisation.slug}/networks/west-wales/leave/")
    assert_accessible_and_narrow(page, "leave")
    page.get_by_role("button", name=words["leave"]).click()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
