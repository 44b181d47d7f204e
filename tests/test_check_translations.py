"""The translation check that `make lint` runs finds what is missing."""

import polib

from tools.check_translations import ROOT, problems


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


def test_the_project_catalogue_is_complete():
    catalogue = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
    assert problems(catalogue) == []
