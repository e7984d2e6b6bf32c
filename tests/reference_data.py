"""The reference data the migrations store (the framework's content and Wales's areas),
stored again after a transactional test has emptied every table."""

from assessments.content_loader import framework_content_load_all
from framework.models import FrameworkVersion
from organisations.area_data import areas_load
from organisations.models import Area


def reference_data_load() -> None:
    if not FrameworkVersion.objects.exists():
        framework_content_load_all()
    if not Area.objects.exists():
        areas_load(Area)
