"""The translation check that `make lint` runs finds what is missing."""

import polib
import pytest

from tools.check_translations import REQUIRED, ROOT, STAFF_LANGUAGE, problems


def write_catalogue(path, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    po.save(str(path))


def test_untranslated_and_fuzzy_messages_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.check_translations.ROOT", tmp_path)
    catalogue = tmp_path / "django.po"
    write_catalogue(
        catalogue,
        [
            polib.POEntry(msgid="Concerns", msgstr="Anliegen"),
            polib.POEntry(msgid="Referral", msgstr=""),
            polib.POEntry(msgid="Consent", msgstr="Einwilligung", flags=["fuzzy"]),
        ],
    )
    found = problems(catalogue)
    assert found == [
        "untranslated: django.po: 'Referral'",
        "fuzzy: django.po: 'Consent'",
    ]


def test_portal_languages_need_only_what_the_public_sees(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.check_translations.ROOT", tmp_path)
    catalogue = tmp_path / "django.po"
    staff_only = polib.POEntry(msgid="Referral", msgstr="")
    staff_only.occurrences = [("cases/views.py", "10")]
    public = polib.POEntry(msgid="Send", msgstr="")
    public.occurrences = [
        ("cases/views.py", "3"),
        ("templates/portal/submit.html", "9"),
    ]
    write_catalogue(catalogue, [staff_only, public])
    assert problems(catalogue, public_only=True) == ["untranslated: django.po: 'Send'"]
    assert len(problems(catalogue)) == 2


@pytest.mark.parametrize("language", REQUIRED)
def test_the_project_catalogues_are_complete(language):
    catalogue = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert problems(catalogue, public_only=language != STAFF_LANGUAGE) == []
