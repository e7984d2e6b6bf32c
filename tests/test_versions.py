"""The version mechanism itself (trauma_wales.versions): the hidden field refuses anything
but a plain number, the check refuses a stale or missing version, and "what is saved now"
reads as a person would say it. Each edit form's own tests are beside its app's."""

from datetime import date

import pytest
from django import forms

from trauma_wales.errors import DomainError
from trauma_wales.versions import (
    BAD_VERSION,
    NOT_GIVEN,
    StaleEdit,
    VersionedForm,
    form_data_at_version,
    saved_values,
    version_check,
    version_claim,
    version_parse,
)


class Thing:
    """Stands in for a `Versioned` row (the check reads and counts `version`)."""

    def __init__(self, version):
        self.version, self.edited_by, self.edited_at = version, None, None


class NoteForm(VersionedForm):
    note = forms.CharField(label="Note", required=False)
    size = forms.ChoiceField(label="Size", choices=[("s", "Small"), ("l", "Large")])
    colours = forms.MultipleChoiceField(
        label="Colours", choices=[("r", "Red"), ("g", "Green"), ("b", "Blue")], required=False
    )
    due = forms.DateField(label="Due", required=False)


@pytest.mark.parametrize(
    "sent", ["²", "١٢", "9" * 20, "0", "-1", "1.5", " 3x", "<script>", "\x00", "9" * 100_000]
)
def test_the_hidden_version_refuses_anything_but_a_plain_number(sent):
    form = NoteForm(data={"note": "hello", "size": "s", "version": sent})
    assert not form.is_valid()
    assert form.non_field_errors() == [BAD_VERSION]
    assert "version" not in form.errors  # nobody can see that field: the error is the page's
    assert version_parse(sent) is None


def test_a_good_version_is_read_and_an_empty_one_is_none():
    form = NoteForm(data={"size": "s", "version": " 7 "})
    assert form.is_valid() and form.posted_version() == 7
    form = NoteForm(data={"size": "s"})
    assert form.is_valid() and form.posted_version() is None  # creating: no version yet


def test_the_check_refuses_a_stale_version_and_counts_a_current_one():
    thing = Thing(version=3)
    with pytest.raises(StaleEdit) as stale:
        version_claim(thing, expected=2, actor=None, message="Changed meanwhile")
    assert (stale.value.message, stale.value.current, thing.version) == (
        "Changed meanwhile",
        thing,
        3,
    )
    version_claim(thing, expected=3, actor=None, message="Changed meanwhile")
    assert thing.version == 4 and thing.edited_at is not None


def test_a_missing_version_is_refused_unless_the_step_does_not_need_one():
    thing = Thing(version=1)
    with pytest.raises(DomainError) as missing:
        version_check(thing, expected=None, message="x")
    assert not isinstance(missing.value, StaleEdit) and missing.value.message == BAD_VERSION
    version_claim(thing, expected=None, actor=None, message="x", required=False)
    assert thing.version == 2  # a save that was not checked still counts


def test_the_form_sent_again_moves_only_its_version():
    form = NoteForm(data={"note": "mine", "size": "l", "version": "1"})
    data = form_data_at_version(form, 5)
    assert (data["note"], data["size"], data["version"]) == ("mine", "l", "5")


def test_what_is_saved_now_reads_as_words():
    saved = NoteForm(
        initial={"note": "Theirs", "size": "l", "colours": ["r", "b"], "due": date(2026, 1, 5)}
    )
    rows = {row.label: (row.value, row.typed) for row in saved_values(saved)}
    assert rows == {
        "Note": ("Theirs", True),
        "Size": ("Large", False),
        "Colours": ("Red; Blue", False),
        "Due": ("5 January 2026", False),
    }
    empty = {row.label: row.value for row in saved_values(NoteForm())}
    assert empty == dict.fromkeys(["Note", "Size", "Colours", "Due"], str(NOT_GIVEN))
