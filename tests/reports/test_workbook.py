"""Issue 16: a blank printable workbook of the cycle's questions, for a working group that
meets away from screens, in English or Welsh."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Indicator, ReadinessItem
from tests.assessments.factories import CycleFactory
from tests.conftest import client_for
from trauma_wales.kept import kept_clear

# Each test makes a PDF (about 2 s): what it says comes from the framework's content, read
# the same way on either database, so the SQLite run leaves them to PostgreSQL's.
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_workbook_has_every_question_in_the_language_asked_for(
    organisation, framework_content, lead, language
):
    kept_clear()
    cycle = CycleFactory(organisation=organisation)
    url = reverse("reports:workbook", args=[organisation.slug, cycle.pk])

    response = client_for(lead).get(f"{url}?language={language}")

    assert response["Content-Type"] == "application/pdf"
    assert f"workbook-{language}.pdf" in response["Content-Disposition"]
    text = text_of(b"".join(response.streaming_content))
    questions = [
        *Indicator.objects.filter(framework=cycle.framework, is_active=True),
        *ReadinessItem.objects.filter(framework=cycle.framework, is_active=True),
    ]
    field = "text_cy" if language == "cy" else "text_en"
    missing = [q.code for q in questions if " ".join(getattr(q, field).split())[:60] not in text]
    assert len(questions) == 66 and missing == []
    assert ("Don't know" in text) == (language == "en")
    assert ("Ddim yn gwybod" in text) == (language == "cy")


def test_an_unknown_language_gives_the_pages_language(organisation, framework_content, lead):
    cycle = CycleFactory(organisation=organisation)
    url = reverse("reports:workbook", args=[organisation.slug, cycle.pk])
    response = client_for(lead).get(f"{url}?language=fr")
    assert "workbook-en.pdf" in response["Content-Disposition"]
