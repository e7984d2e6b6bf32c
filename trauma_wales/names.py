"""Names people type that the service then puts in emails: an organisation's name and a
person's full name.

Mail programs turn anything that looks like a web or email address into a link, so a name
such as "NHS Wales - ACTION REQUIRED: http://..." would turn an invitation sent from our
address into a phishing email. Such names are refused with a message that says why, and
the invitation email quotes the names it carries.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Top-level domains that mail programs link without a scheme: example.com, nhs.wales.
_LINKED_DOMAINS = (
    "com|org|net|info|biz|io|co|uk|wales|cymru|gov|nhs|eu|ie|us|ru|cn|xyz|top|site|"
    "online|app|dev|ly|me|link|click|shop|live"
)
WEB_ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*://"  # https://, ftp://
    r"|\b(?:mailto|tel|sms|javascript|data):"
    r"|\bwww\."
    rf"|[a-z0-9-]\.(?:{_LINKED_DOMAINS})\b"  # example.com, x@nhs.wales
    r"|@",
    re.IGNORECASE,
)


def has_web_address(text: str) -> bool:
    return bool(WEB_ADDRESS.search(text or ""))


@deconstructible
class NoWebAddressValidator:
    """Refuses text a mail program would turn into a link. `message` names the field."""

    code = "web_address"

    def __init__(self, message):
        self.message = message

    def __call__(self, value) -> None:
        if has_web_address(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoWebAddressValidator) and self.message == other.message
