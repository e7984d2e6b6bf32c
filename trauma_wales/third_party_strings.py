"""Strings that other packages put on our pages, kept in our Welsh catalogue.

`makemessages` reads only our own code, and Django's Welsh catalogue and the GOV.UK
form templates (crispy-forms-gds) leave some of their strings in English. Naming the
exact strings here keeps them in `locale/cy`, where our translation takes precedence,
so a Welsh page never shows them in English.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

CRISPY_FORMS_GDS = [
    # crispy_forms_gds/templates/gds/field.html, whitespace and all (blocktrans, not trimmed)
    gettext_noop(
        "\n              You can enter up to %(max_characters)s characters\n              "
    ),
    gettext_noop("\n              You can enter up to %(max_words)s words\n              "),
    gettext_noop("There is a problem"),
    gettext_noop("Day"),
    gettext_noop("Month"),
    gettext_noop("Year"),
]

DJANGO_AUTH = [
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
]

# GOV.UK Frontend's character count, when JavaScript runs (see govuk_frontend_i18n).
GOVUK_CHARACTER_COUNT = {
    "charactersUnderLimit": (
        pgettext_lazy("character count", "You have %{count} character remaining"),
        pgettext_lazy("character count", "You have %{count} characters remaining"),
    ),
    "charactersAtLimit": pgettext_lazy("character count", "You have 0 characters remaining"),
    "charactersOverLimit": (
        pgettext_lazy("character count", "You have %{count} character too many"),
        pgettext_lazy("character count", "You have %{count} characters too many"),
    ),
}

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # Intl.PluralRules


def govuk_frontend_i18n() -> dict:
    """GOV.UK Frontend's own messages in the page's language, for `initAll` in app.mjs.

    Its JavaScript picks a plural form by the browser's rules for the page's `lang`
    (Welsh has six); the "o" construction reads well for every number but one.
    """
    messages: dict = {}
    for key, value in GOVUK_CHARACTER_COUNT.items():
        if isinstance(value, tuple):
            one, other = (str(text) for text in value)
            messages[key] = {cat: one if cat == "one" else other for cat in PLURAL_CATEGORIES}
        else:
            messages[key] = str(value)
    return {"characterCount": {"i18n": messages}}
