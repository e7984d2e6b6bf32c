"""The demo's network: the West Wales trauma-informed network, which Cwm Afon has joined
(sharing its figures and its name) with nine peer organisations of several sectors, each
with a submitted assessment, so the coordinator's figures and Cwm Afon's comparisons have
something to show; Bro Teifi is invited and has not answered yet.

Peers answer through the same services as anyone, on the days they would have (the
demo's clock); the network itself and its coordinator are made directly, as platform
staff would from the command line (`manage.py create_network`).
"""

from dataclasses import dataclass
from datetime import date

from accounts.services import user_create
from assessments.models import (
    AssessmentCycle,
    Indicator,
    IndicatorAnswer,
    ReadinessAnswer,
    ReadinessItem,
    ReadinessValue,
)
from assessments.services.cycles import cycle_start, cycle_submit
from demo.accounts import demo_account
from framework.models import FrameworkVersion
from networks.models import Coordinator, Network, NetworkKind, NetworkMembership
from networks.services.case_studies import case_study_highlight, case_study_publish
from networks.services.memberships import network_invite, network_join
from organisations.models import Area, Membership, Organisation, Sector, SizeBand
from organisations.services import organisation_register
from trauma_wales.demo_clock import as_if_on, days_ago
from trauma_wales.emails import emails_not_sent

COORDINATOR_EMAIL = "coordinator@example.org"
COORDINATOR_NAME = "Nia Williams"
NETWORK = {
    "slug": "west-wales",
    "kind": NetworkKind.REGION,
    "name_en": "West Wales Trauma-Informed Network",
    "name_cy": "Rhwydwaith Gorllewin Cymru sy'n Ystyriol o Drawma",
    "description_en": "Organisations across Carmarthenshire, Ceredigion and Pembrokeshire "
    "learning together how to become trauma-informed.",
    "description_cy": "Sefydliadau ar draws Sir Gaerfyrddin, Ceredigion a Sir Benfro yn dysgu "
    "gyda'i gilydd sut i ddod yn ystyriol o drawma.",
}


@dataclass(frozen=True)
class Peer:
    name: str
    sector: str
    area: str
    level: int  # its usual rating, 0 to 4
    named: bool
    submitted_days_ago: int


PEERS = (
    Peer("Tai Teifi Homes", Sector.HOUSING, "ceredigion", 2, True, 120),
    Peer("Preseli Housing Trust", Sector.HOUSING, "pembrokeshire", 1, False, 95),
    Peer("Tywi Valley Homes", Sector.HOUSING, "carmarthenshire", 3, True, 60),
    Peer("Llanelli Tenants Together", Sector.HOUSING, "carmarthenshire", 2, False, 40),
    Peer("Hywel Dda Perinatal Team", Sector.HEALTH, "carmarthenshire", 3, True, 80),
    Peer("Aberystwyth Community Mental Health", Sector.HEALTH, "ceredigion", 2, False, 70),
    Peer("Haverfordwest Recovery Service", Sector.HEALTH, "pembrokeshire", 1, False, 50),
    Peer("Cardigan Bay Youth Project", Sector.THIRD_SECTOR, "ceredigion", 2, True, 30),
    Peer("Ysgol y Preseli", Sector.EDUCATION, "pembrokeshire", 1, False, 20),
)
HOME_AREAS = ("carmarthenshire", "ceredigion")


def _rating(level: int, domain: int, indicator: int, number: int) -> int:
    return max(0, min(4, level + (indicator + domain * number) % 3 - 1))


def _answer(cycle: AssessmentCycle, lead, level: int, number: int) -> None:
    """Every question answered: around `level`, differently in each domain area. Written
    in bulk: nobody signs in as a peer or reads its history, and answering nine
    questionnaires page by page through the question pages' services made the demo (seeded
    by many tests) three times slower. Submitting goes through the service as usual."""
    response = cycle.responses.get(contributor=None)
    ReadinessAnswer.objects.bulk_create(
        ReadinessAnswer(response=response, item=item, value=ReadinessValue.YES, updated_by=lead)
        for item in ReadinessItem.objects.filter(framework=cycle.framework, is_active=True)
    )
    IndicatorAnswer.objects.bulk_create(
        IndicatorAnswer(
            response=response,
            indicator=indicator,
            updated_by=lead,
            score=_rating(level, indicator.domain.order, indicator.order, number),
        )
        for indicator in Indicator.objects.filter(
            framework=cycle.framework, is_active=True
        ).select_related("domain")
    )


def _peer(peer: Peer, number: int, today: date, coordinator, network: Network) -> None:
    email = f"peer{number}@example.org"
    with as_if_on(days_ago(today, peer.submitted_days_ago + 30)):
        lead = user_create(
            email=email, full_name=f"Peer lead {number}", password=None, email_confirmed=True
        )
        organisation = organisation_register(
            user=lead, name=peer.name, sector=peer.sector, size_band=SizeBand.MEDIUM,
            areas=Area.objects.filter(code=peer.area),
        )  # fmt: skip
        network_invite(network=network, actor=coordinator, email=email)
        membership = NetworkMembership.objects.get(network=network, organisation=organisation)
        network_join(membership=membership, actor=lead, shares_figures=True, shares_name=peer.named)
        start = days_ago(today, peer.submitted_days_ago + 20)
        cycle = cycle_start(
            organisation=organisation, actor=lead, name=f"{start.year} assessment",
            period_start=date(start.year, 4, 1), period_end=date(start.year + 1, 3, 31),
        )  # fmt: skip
        _answer(cycle, lead, peer.level, number)
    with as_if_on(days_ago(today, peer.submitted_days_ago)):
        cycle_submit(cycle=cycle, actor=lead)


def seed_network(
    organisation: Organisation,
    lead,
    other: Organisation,
    other_lead,
    today: date,
    password_hash: str,
):
    """The network, its coordinator, its peers; Cwm Afon joined, Bro Teifi invited."""
    if Network.objects.filter(slug=NETWORK["slug"]).exists():
        return
    with as_if_on(days_ago(today, 140)):
        network = Network.objects.create(**NETWORK)
        coordinator = demo_account(
            email=COORDINATOR_EMAIL, full_name=COORDINATOR_NAME, password_hash=password_hash
        )
        Coordinator.objects.create(network=network, user=coordinator)
        organisation.areas.set(Area.objects.filter(code__in=HOME_AREAS))
        network_invite(network=network, actor=coordinator, email=lead.email)
        membership = NetworkMembership.objects.get(network=network, organisation=organisation)
        network_join(membership=membership, actor=lead, shares_figures=True, shares_name=True)
    with emails_not_sent():  # nobody reads a peer's mail
        for number, peer in enumerate(PEERS, start=1):
            _peer(peer, number, today, coordinator, network)
    with as_if_on(days_ago(today, 10)):
        network_invite(network=network, actor=coordinator, email=other_lead.email)
    _case_studies(network, organisation, lead, coordinator, today)


# (who, days ago, indicator, named, title, what changed, what helped)
CASE_STUDIES = (
    (
        "cwm-afon",
        45,
        "policy-03",
        True,
        "Letters tenants are not afraid to open",
        "We rewrote our arrears and tenancy letters with the tenants' panel: plain words, what "
        "happens next, who to call, and no threats in bold. Calls about letters went down and "
        "more tenants got in touch early.",
        "Reading each letter aloud together, and paying panel members for their time.",
    ),
    (
        "peer1",
        25,
        "environment-02",
        False,
        "A calmer reception",
        "We moved the reception desk away from the door, added a quiet corner and a sign in "
        "Welsh and English saying what will happen when you arrive.",
        "Asking people who use the service to walk through the building with us.",
    ),
)


def _case_studies(network: Network, organisation: Organisation, lead, coordinator, today: date):
    """Two case studies: Cwm Afon's, named and highlighted by the coordinator; a peer's,
    without its name."""
    framework = FrameworkVersion.objects.current()
    for who, ago, code, named, title, changed, helped in CASE_STUDIES:
        member = (
            organisation
            if who == "cwm-afon"
            else Organisation.objects.get(memberships__user__email=f"{who}@example.org")
        )
        author = lead if who == "cwm-afon" else Membership.objects.get(organisation=member).user
        with as_if_on(days_ago(today, ago)):
            study = case_study_publish(
                membership=NetworkMembership.objects.get(network=network, organisation=member),
                actor=author, title=title, what_changed=changed, what_helped=helped, named=named,
                indicator=Indicator.objects.get(code=code, framework=framework),
            )  # fmt: skip
        if who == "cwm-afon":
            with as_if_on(days_ago(today, ago - 2)):
                case_study_highlight(case_study=study, actor=coordinator, highlighted=True)
