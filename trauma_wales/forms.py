"""Shared form building: every form is a GOV.UK form that the server validates.

`novalidate` turns off the browser's own validation bubbles so that people always get the
GOV.UK error summary and inline messages, written in our words.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit


def gds_form_helper(*fields, submit_label) -> FormHelper:
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*fields, Submit("submit", submit_label))
    return helper
