"""The group's reflections on one domain area: three questions in the group's own words."""

from crispy_forms_gds.layout import Field
from django.utils.translation import gettext_lazy as _

from assessments.models.reflections import REFLECTION_FIELDS, REFLECTION_MAX_LENGTH
from trauma_wales.forms import gds_form_helper, optional_text
from trauma_wales.versions import VersionedForm

TOO_LONG = _("Each answer must be %(limit_value)d characters or fewer")


def _text(label, hint):
    return optional_text(label, hint, max_length=REFLECTION_MAX_LENGTH, too_long=TOO_LONG)


class ReflectionForm(VersionedForm):
    proud = _text(
        _("What are you proud of?"),
        _("Something that is working well here, however small, and who made it happen."),
    )
    learned = _text(
        _("What did you learn?"),
        _("Something that surprised you, or that you see differently after talking it through."),
    )
    heard = _text(
        _("What did people with lived experience tell you?"),
        _(
            "In their words where you can, with their agreement, and without names. Leave "
            "this empty if you did not hear from anyone this time."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_form_helper(
            *[
                Field.textarea(name, rows=4, max_characters=REFLECTION_MAX_LENGTH)
                for name in REFLECTION_FIELDS
            ],
            submit_label=_("Save reflections"),
        )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in REFLECTION_FIELDS}
