"""English and Welsh content fields, side by side.

Content models store each text twice (`name_en`, `name_cy`). `localised_property`
gives them a plain attribute (`name`) that returns the text in the active language,
falling back to English while a translation is missing. The value remembers which
language it is in, so templates can mark a fallback with the right `lang` attribute.
"""

from django.utils.translation import get_language

FALLBACK_LANGUAGE = "en"


class LocalisedText(str):
    """A string that knows which language it is written in."""

    lang: str = FALLBACK_LANGUAGE
    is_fallback: bool = False

    def __new__(cls, value: str, *, lang: str, is_fallback: bool):
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.is_fallback = is_fallback
        return obj


def active_language() -> str:
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


def localised(values: dict[str, str]) -> LocalisedText:
    """Pick the active language from {"en": ..., "cy": ...}, falling back to English."""
    wanted = active_language()
    text = values.get(wanted) or ""
    if text:
        return LocalisedText(text, lang=wanted, is_fallback=False)
    return LocalisedText(
        values.get(FALLBACK_LANGUAGE) or "",
        lang=FALLBACK_LANGUAGE,
        is_fallback=wanted != FALLBACK_LANGUAGE,
    )


def localised_property(field: str) -> property:
    """A read-only attribute choosing between `<field>_en` and `<field>_cy`."""

    def getter(self) -> LocalisedText:
        return localised(
            {"en": getattr(self, f"{field}_en", ""), "cy": getattr(self, f"{field}_cy", "")}
        )

    getter.__name__ = field
    getter.__doc__ = f"`{field}` in the active language (English while Welsh is missing)."
    return property(getter)


def localised_list(items: list[dict[str, str]] | None) -> list[LocalisedText]:
    """Localise a list of {"en": ..., "cy": ...} entries (bullet lists in content)."""
    return [localised(item) for item in items or []]
