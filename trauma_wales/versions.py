"""Versions: how an edit form refuses to overwrite a change it has not seen.

Two people open the same action, both change it, both save: without this the second save
silently replaces the first person's words, and both are told "saved". So every thing that
people edit through a form carries a version, a counter that goes up by one with each save
(`Versioned`). The form sends back, in a hidden field, the version the page was loaded at
(`VersionedForm`). The service reads the row under a lock (`select_for_update`) inside its
transaction and calls `version_claim`: when the stored version is not the one the form
was loaded at, someone saved in between, and it refuses with `StaleEdit`, which carries
the thing as it is saved now; otherwise it counts this save. Because the check happens on
the locked row, two saves racing each other cannot both pass it.

The page (`trauma_wales.views.DomainErrorFormMixin`) then shows the message in the error
summary, what is saved now above the form (`saved_values`), and the person's own changes
still in the form, with the hidden version moved on to the current one, so saving again
is a deliberate choice made having seen both.

A counter rather than `updated_at`: timestamps can tie, and are moved by changes that are
not edits (a progress update). Creating a row needs no version: nothing can be overwritten.
The question pages keep their own, older form of the same idea (`SectionRevision`, per
section of answers). docs/adr/0013.
"""

from dataclasses import dataclass
from datetime import date
from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from trauma_wales.errors import DomainError

VERSION_FIELD = "version"
VERSION_MAX = 2**31 - 1  # PositiveIntegerField's largest value on every database
# What a versioned save writes besides its own fields: `update_fields=[..., *VERSION_FIELDS]`.
VERSION_FIELDS = ("version", "edited_by", "edited_at")

BAD_VERSION = _(
    "We could not save this page because part of it was missing. Nothing was saved: "
    "check your changes and save again."
)
NOT_GIVEN = _("Not given")


class Versioned(models.Model):
    """A thing people edit through a form: its version, and who saved it last, when."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text="One more with every save through an edit form; a form loaded at an "
        "older version is refused (trauma_wales.versions).",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who saved the current version (empty before versions were kept).",
    )
    edited_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the current version was saved (empty before versions were kept).",
    )

    class Meta:
        abstract = True


class StaleEdit(DomainError):
    """The form was loaded at an older version: someone saved the thing since.

    `current` is the thing as saved now (read under the service's lock), for the page to
    show beside the person's own changes.
    """

    def __init__(self, current: Versioned, message):
        super().__init__(message)
        self.current = current


def version_stamp(thing: Versioned, *, actor) -> None:
    """Record who saved `thing` and when (a new row keeps version 1)."""
    thing.edited_by = actor if getattr(actor, "is_authenticated", False) else None
    thing.edited_at = timezone.now()


def version_bump(thing: Versioned, *, actor) -> None:
    """Count a save of `thing` (the caller saves it, with `VERSION_FIELDS`)."""
    thing.version += 1
    version_stamp(thing, actor=actor)


def version_check(thing: Versioned, *, expected: int | None, message, required: bool = True):
    """Refuse unless `thing` is still at `expected`, the version the form was loaded at.

    Call it inside the service's transaction, on a row just read with
    `select_for_update()` (or under a lock every writer of the row takes first), so that
    no other save can slip in between the check and the write. `message` says, in the
    person's words, what changed ("This action was changed after you opened it...").
    `expected` None (a caller that did not say which version it edited) is refused, unless
    `required` is False: for steps that are not edits, such as a plan's review steps
    called from scripts, which the state rules already guard.
    """
    if expected is None:
        if required:
            raise DomainError(str(BAD_VERSION))
    elif thing.version != expected:
        raise StaleEdit(thing, message)


def version_claim(
    thing: Versioned, *, expected: int | None, actor, message, required: bool = True
) -> None:
    """`version_check`, then count this save (`version_bump`)."""
    version_check(thing, expected=expected, message=message, required=required)
    version_bump(thing, actor=actor)


def version_parse(value) -> int | None:
    """A version sent in a request outside a form (a plain button), or None if it is not
    one."""
    try:
        return VersionField().clean(value)
    except ValidationError:
        return None


class VersionField(forms.Field):
    """The hidden version a page was loaded at. Anything but a plain number in range (a
    tampered or cut-short page: "²", "١٢", twenty digits) is a form error, never a 500."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> int | None:
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        if not (text.isascii() and text.isdecimal()) or len(text) > len(str(VERSION_MAX)):
            raise ValidationError(BAD_VERSION, code="bad_version")
        number = int(text)
        if not 1 <= number <= VERSION_MAX:
            raise ValidationError(BAD_VERSION, code="bad_version")
        return number


class VersionedForm(forms.Form):
    """The base of every form that edits a saved thing: it carries the thing's version.

    The page puts the version in the form's initial data (`DomainErrorFormMixin` does, from
    `edited_object()`); the view passes `cleaned_data["version"]` to the service. A form
    that can also create (no version yet) leaves it empty, and the service ignores it.
    A bad value is shown as an error about the page, since nobody can see the field.
    """

    version = VersionField()

    def clean(self):
        cleaned = super().clean()
        if VERSION_FIELD in self.errors:
            del self.errors[VERSION_FIELD]
            self.add_error(None, ValidationError(BAD_VERSION, code="bad_version"))
        return cleaned

    def posted_version(self) -> int | None:
        return self.cleaned_data.get(VERSION_FIELD)


def form_data_at_version(form: forms.BaseForm, version: int):
    """The data `form` was sent with, its hidden version moved on to `version`: what the
    page shows again after a refusal, so that saving again is deliberate."""
    data = cast(QueryDict, form.data).copy()  # a QueryDict, or a dict in tests
    data[form.add_prefix(VERSION_FIELD)] = str(version)
    return data


@dataclass(frozen=True)
class SavedValue:
    """One row of "what is saved now": a form field's label and its saved value, in words.
    `typed` is True for text a person wrote (the page marks its language)."""

    label: str
    value: str
    typed: bool = False


def _choice_labels(field: forms.Field, values) -> list[str]:
    wanted = {str(value) for value in values}
    labels = []
    for choice in getattr(field, "choices", ()):
        value, label = choice[0], choice[1]
        if str(value) in wanted and str(value) != "":
            labels.append(str(label))
    return labels


def _in_words(field: forms.Field, value) -> tuple[str, bool]:
    """(the value as a person reads it, whether it is text someone typed)."""
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return "; ".join(_choice_labels(field, value or [])), False
    if hasattr(field, "choices"):
        labels = _choice_labels(field, [value])
        if labels:
            return labels[0], False
        empty = getattr(field, "empty_label", None)
        return (str(empty) if empty and value in (None, "") else ""), False
    if isinstance(value, date):
        return date_format(value, "j F Y"), False  # 5 January 2026
    if value is None:
        return "", False
    return str(value), isinstance(field, forms.CharField)


def saved_values(form: forms.BaseForm) -> list[SavedValue]:
    """An unbound form built from what is saved now, as rows for a summary list: each
    visible field's label and its value in words (choices by their labels, dates as
    "5 January 2026", "Not given" when empty)."""
    rows = []
    for bound in form.visible_fields():
        text, typed = _in_words(bound.field, bound.value())
        rows.append(
            SavedValue(
                label=str(bound.label), value=text or str(NOT_GIVEN), typed=typed and bool(text)
            )
        )
    return rows
