"""The reference data the migrations store (the framework's content and Wales's areas):
stored again after a transactional test has emptied every table, and the names in it that
are the same in both languages (the Welsh page checks do not count them as English)."""

from django.apps import apps

from assessments.content_loader import framework_content_load_all
from framework.models import FrameworkVersion
from organisations.area_data import areas_load
from organisations.models import Area


def reference_data_load() -> None:
    if not FrameworkVersion.objects.exists():
        framework_content_load_all()
    if not Area.objects.exists():
        areas_load(Area)


def same_in_both_languages() -> list[str]:
    """Texts stored the same in English and Welsh in the bilingual content models."""
    same = []
    for model in apps.get_models():
        names = {field.name for field in model._meta.concrete_fields}
        for welsh in (name for name in names if name.endswith("_cy")):
            english = welsh[:-3] + "_en"
            if english in names:
                same += [
                    en
                    for en, cy in model.objects.values_list(english, welsh)
                    if en and en == cy and len(en) > 1
                ]
    return same
