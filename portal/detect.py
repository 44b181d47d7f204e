"""Which language a text is written in, offline (lingua-language-detector).

Staff see it on the concern, so that they know a mediator is needed. The
detector knows only the languages below: the ones people in German counties
most often write in. The low-accuracy mode (trigrams only) loads in a
fraction of a second instead of several and is reliable for what people
send: sentences, not single words.
"""

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

CANDIDATES = [
    Language.GERMAN,
    Language.ENGLISH,
    Language.ARABIC,
    Language.PERSIAN,
    Language.UKRAINIAN,
    Language.RUSSIAN,
    Language.TURKISH,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.POLISH,
    Language.ROMANIAN,
    Language.BULGARIAN,
    Language.ALBANIAN,
    Language.SERBIAN,
    Language.CROATIAN,
    Language.BOSNIAN,
    Language.GREEK,
    Language.GEORGIAN,
    Language.ARMENIAN,
    Language.URDU,
    Language.HINDI,
    Language.PUNJABI,
    Language.VIETNAMESE,
    Language.SOMALI,
    Language.SWAHILI,
    Language.YORUBA,
    Language.PORTUGUESE,
]
# Below this the text is too short or too mixed to say.
MIN_CONFIDENCE = 0.5


@cache
def detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*CANDIDATES)
        .with_low_accuracy_mode()
        .build()
    )


def detect(text: str) -> str:
    """ISO 639-3 code of the text's language (as stored elsewhere), or ""."""
    if len(text.strip()) < 3:
        return ""
    values = detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return ""
    return values[0].language.iso_code_639_3.name.lower()
