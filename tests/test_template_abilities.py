"""Templates ask `can.<capability>` on pages without a state of their own. A name that is
not a capability must fail loudly, not read as "no"."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template

from trauma_wales.permissions import Abilities, Capability, Role, UnknownCapability

ASKED = re.compile(r"\bcan\.(\w+)")


def template_files():
    roots = [settings.BASE_DIR / "templates"]
    return [path for root in roots for path in root.rglob("*.html")]


def test_every_capability_a_template_asks_about_exists():
    asked = {
        (path.name, name)
        for path in template_files()
        for name in ASKED.findall(path.read_text(encoding="utf-8"))
    }
    assert asked, "no template asks `can.` anything: the scan is looking in the wrong place"
    unknown = {(file, name) for file, name in asked if name not in set(Capability)}
    assert not unknown


@pytest.mark.parametrize("role", list(Role))
def test_abilities_answer_from_the_role(role):
    rendered = Template("{% if can.edit_workforce %}yes{% else %}no{% endif %}").render(
        Context({"can": Abilities(role)})
    )
    assert rendered == ("yes" if role == Role.LEAD else "no")


def test_a_misspelt_capability_is_an_error_not_a_no():
    with pytest.raises(UnknownCapability):
        Template("{% if can.edit_workfroce %}yes{% endif %}").render(
            Context({"can": Abilities(Role.LEAD)})
        )
