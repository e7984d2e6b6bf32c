"""Networks, their coordinators and members, and organisations with stored findings, for
the networks tests and the generated matrices."""

import factory
from django.utils import timezone

from assessments.services.submitted import submitted_scores_store
from networks.models import Coordinator, MembershipStatus, Network, NetworkKind, NetworkMembership
from organisations.models import Area
from tests.accounts.factories import UserFactory
from tests.assessments.factories import submitted_cycle
from tests.organisations.factories import OrganisationFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    slug = factory.Sequence(lambda n: f"network-{n}")
    kind = NetworkKind.REGION
    name_en = factory.Sequence(lambda n: f"Network {n}")
    name_cy = factory.Sequence(lambda n: f"Rhwydwaith {n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = MembershipStatus.JOINED
    shares_figures = True
    shares_name = False
    invited_at = factory.LazyFunction(timezone.now)
    answered_at = factory.LazyFunction(timezone.now)


def coordinator_of(network: Network, **user):
    person = UserFactory(**user)
    Coordinator.objects.create(network=network, user=person)
    return person


def member_with_scores(
    network: Network, *, sector: str, score: int, areas=(), status=MembershipStatus.JOINED,
    shares_figures: bool = True, shares_name: bool = False, **organisation,
):  # fmt: skip
    """An organisation in `network` whose latest submitted cycle rated every indicator
    `score` (0 to 4: a domain score of 25 times the score per cent), its findings stored."""
    member = OrganisationFactory(sector=sector, **organisation)
    if areas:
        member.areas.set(Area.objects.filter(code__in=areas))
    cycle = submitted_cycle(member, score=score)
    submitted_scores_store(cycle=cycle)
    NetworkMembershipFactory(
        network=network, organisation=member, status=status, shares_figures=shares_figures,
        shares_name=shares_name,
    )  # fmt: skip
    return member
