from datetime import timedelta

import factory
from django.utils import timezone

from organisations.models import Invitation, Membership, Organisation, Sector, SizeBand
from organisations.services import hash_token
from tests.accounts.factories import UserFactory
from trauma_wales.permissions import Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = Sector.HEALTH
    size_band = SizeBand.MEDIUM


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.LEAD


class InvitationFactory(factory.django.DjangoModelFactory):
    """Pass `token="..."` to know the raw token; only its hash is stored."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.CONTRIBUTOR
    token = factory.Sequence(lambda n: f"token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
