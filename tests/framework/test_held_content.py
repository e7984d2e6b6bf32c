"""Framework content is read once per process for each (version, content hash), and read
again when the content file is loaded again."""

import pytest

from assessments.content_loader import content_files, framework_content_load
from framework.content import held_items
from framework.models import Domain, FrameworkVersion

pytestmark = pytest.mark.django_db


def test_content_is_read_once_and_again_after_a_reload(
    framework_content, django_assert_num_queries
):
    framework = FrameworkVersion.objects.current()
    with django_assert_num_queries(1):
        first = held_items(Domain, framework)
    with django_assert_num_queries(0):
        assert held_items(Domain, framework) is first
    assert [domain.code for domain in first] == list(
        Domain.objects.filter(framework=framework, is_active=True)
        .order_by("order")
        .values_list("code", flat=True)
    )

    Domain.objects.filter(pk=first[0].pk).update(name_en="Renamed in the file")
    FrameworkVersion.objects.filter(pk=framework.pk).update(content_hash="a new file")
    framework.refresh_from_db()
    assert held_items(Domain, framework)[0].name_en == "Renamed in the file"


def test_loading_the_same_file_again_keeps_what_is_held(framework_content):
    framework = FrameworkVersion.objects.current()
    first = held_items(Domain, framework)
    for path in content_files():
        framework_content_load(path=path)
    framework.refresh_from_db()
    assert held_items(Domain, framework) is first
