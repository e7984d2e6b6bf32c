"""The matrices' fixtures. Test modules import them by name (`world_fixture` is the
`world` fixture), so no shared conftest needs to change."""

import pytest
from django.db import transaction

import reports.pdf
from tests.matrix.world import build_world


@pytest.fixture(scope="module", name="world")
def world_fixture(django_db_setup, django_db_blocker):
    """The shared organisation for this module; rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.sign_in_everyone()
        yield world
        transaction.set_rollback(True)


_PDFS: dict[str, bytes] = {}


@pytest.fixture
def pdf_rendered_once(monkeypatch):
    """The same report HTML is rendered to PDF once per worker: the matrices check what a
    page answers, not WeasyPrint (tests/reports does), and each render takes seconds."""
    render = reports.pdf.html_to_pdf

    def once(html, **kwargs):
        if kwargs:
            return render(html, **kwargs)
        if html not in _PDFS:
            _PDFS[html] = render(html)
        return _PDFS[html]

    monkeypatch.setattr(reports.pdf, "html_to_pdf", once)
