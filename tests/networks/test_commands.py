"""Platform staff create a network and name its coordinators from the command line."""

import io

import pytest
from django.core.management import CommandError, call_command

from networks.models import Coordinator, Network
from tests.accounts.factories import UserFactory
from trauma_wales.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(email="support@example.org", is_staff=True)


def _call(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_staff_create_a_network_and_name_a_coordinator_with_or_without_an_account(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    out = _call(
        "create_network", "--slug", "gwent", "--kind", "region", "--name-en", "Gwent network",
        "--name-cy", "Rhwydwaith Gwent", "--by", "SUPPORT@example.org",
    )  # fmt: skip
    assert "/n/gwent/" in out
    network = Network.objects.get(slug="gwent")
    UserFactory(email="nia@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _call(
            "add_network_coordinator",
            "--network",
            "gwent",
            "--email",
            "nia@example.org",
            "--by",
            staff.email,
        )
        out = _call(
            "add_network_coordinator", "--network", "gwent", "--email", "new@example.org",
            "--name", "Newydd", "--by", staff.email,
        )  # fmt: skip
    assert "Set-password link" in out
    assert set(
        Coordinator.objects.filter(network=network).values_list("user__email", flat=True)
    ) == {
        "nia@example.org",
        "new@example.org",
    }
    assert AuditEntry.objects.filter(action="network.coordinator_added").count() == 2
    assert any("Gwent network" in message.subject for message in mailoutbox)


@pytest.mark.parametrize(
    "args",
    [
        [
            "create_network",
            "--slug",
            "x",
            "--kind",
            "region",
            "--name-en",
            "X",
            "--name-cy",
            "",
            "--by",
            "support@example.org",
        ],
        [
            "create_network",
            "--slug",
            "x",
            "--kind",
            "region",
            "--name-en",
            "X",
            "--name-cy",
            "Y",
            "--by",
            "nobody@example.org",
        ],
        [
            "add_network_coordinator",
            "--network",
            "missing",
            "--email",
            "a@example.org",
            "--by",
            "support@example.org",
        ],
        [
            "add_network_coordinator",
            "--network",
            "x",
            "--email",
            "not-an-address",
            "--by",
            "support@example.org",
        ],
        [
            "add_network_coordinator",
            "--network",
            "x",
            "--email",
            "new@example.org",
            "--by",
            "support@example.org",
        ],
    ],
)
def test_bad_input_is_refused_with_a_plain_message_and_nothing_saved(staff, args):
    if args[0] == "add_network_coordinator":
        Network.objects.create(slug="x", kind="region", name_en="X", name_cy="Y")
    with pytest.raises(CommandError):
        _call(*args)
    assert not Coordinator.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="network.").exists()
