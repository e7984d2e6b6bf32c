"""Staff groups and their training needs, built directly (no services), for selector, page
and query tests: `group_with_needs(organisation, headcount=12, trained={"aware": 10})`."""

from datetime import date

import factory

from framework.models import FrameworkVersion, PracticeLevel
from tests.organisations.factories import OrganisationFactory
from workforce.models import StaffGroup, StaffGroupNeed

COUNTED_ON = date(2026, 3, 1)


def level(code: str) -> PracticeLevel:
    """A practice level of the current framework version, by code."""
    return PracticeLevel.objects.get(framework=FrameworkVersion.objects.current(), code=code)


class StaffGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffGroup

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Staff group {n}")
    description = "People who meet tenants every day"
    headcount = 10


def group_with_needs(
    organisation, *, trained: dict[str, int], headcount: int = 10, counted_on=COUNTED_ON, **kwargs
) -> StaffGroup:
    """A group needing each level in `trained` ({level code: number trained})."""
    group = StaffGroupFactory(organisation=organisation, headcount=headcount, **kwargs)
    StaffGroupNeed.objects.bulk_create(
        StaffGroupNeed(
            group=group,
            level=level(code),
            trained=number,
            counted_on=counted_on if number else None,
        )
        for code, number in trained.items()
    )
    return group
