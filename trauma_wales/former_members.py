"""How the service names someone who has closed their account.

Closing an account removes the person's name and email address: from their account, and
from the audit entries others keep (trauma_wales.audit.audit_redact_person), where the
name becomes empty. Pages, reports and the history then say "a former member", in the
reader's language, wherever the name was.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

FORMER_MEMBER = _("a former member")


def person_named(name: str | None, *, at_start: bool = False) -> str:
    """`name`, or "a former member" when it was taken out ("A former member" at the start
    of a sentence or in a table cell)."""
    if name:
        return name
    return capfirst(str(FORMER_MEMBER)) if at_start else str(FORMER_MEMBER)
