"""Demo data: an example organisation with one person for each role, and a second
organisation so the boundary between organisations can be seen.

Used by `manage.py seed_demo` (and so by the README's first command). Safe to run again:
it finds what it made before and resets the demo passwords.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.services import user_create
from organisations.models import Organisation, Sector, SizeBand
from organisations.services import membership_add, organisation_register
from trauma_wales.permissions import Role

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
OTHER_ORGANISATION = {
    "name": "Bro Teifi Youth Service",
    "sector": Sector.LOCAL_AUTHORITY,
    "size_band": SizeBand.SMALL,
}
OTHER_LEAD = DemoPerson("other-lead@example.org", "Owain Jones", Role.LEAD)


def _person(person: DemoPerson):
    User = get_user_model()
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        return user_create(email=person.email, full_name=person.full_name, password=DEMO_PASSWORD)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _organisation(details: dict, lead) -> Organisation:
    existing = Organisation.objects.filter(name=details["name"]).first()
    return existing or organisation_register(user=lead, **details)


@transaction.atomic
def demo_seed() -> dict:
    lead = _person(DEMO_PEOPLE[0])
    organisation = _organisation(DEMO_ORGANISATION, lead)
    for person in DEMO_PEOPLE:
        membership_add(organisation=organisation, user=_person(person), role=person.role)
    other_lead = _person(OTHER_LEAD)
    other = _organisation(OTHER_ORGANISATION, other_lead)
    membership_add(organisation=other, user=other_lead, role=OTHER_LEAD.role)
    return {"organisation": organisation, "other_organisation": other}
