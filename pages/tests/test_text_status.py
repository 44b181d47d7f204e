"""Translation status: missing, outdated since the German text changed, current."""

from pages.actions import create_page, save_text
from pages.models import Kind, PageText, Status


def make_page(cast):
    return create_page(
        cast.erz, Kind.FAQ, "fragen", 10, "Fragen", "Text eins", cast.carla
    )


def test_a_new_page_starts_at_revision_one_with_the_german_text_current(cast):
    page = make_page(cast)
    assert page.source_revision == 1
    assert page.status("de") == Status.CURRENT
    assert page.status("en") == Status.MISSING


def test_a_translation_is_current_until_the_german_text_changes(cast):
    page = make_page(cast)
    english = save_text(page, "en", "Questions", "Text one", cast.carla)
    assert english.based_on_revision == 1
    assert page.status("en") == Status.CURRENT

    save_text(page, "de", "Fragen", "Text eins, geändert", cast.carla)
    page.refresh_from_db()
    assert page.source_revision == 2
    assert page.status("en") == Status.OUTDATED
    assert page.status("de") == Status.CURRENT


def test_saving_the_same_german_text_again_does_not_outdate_translations(cast):
    page = make_page(cast)
    save_text(page, "en", "Questions", "Text one", cast.carla)
    # As a browser sends it: CRLF line endings and a trailing newline.
    save_text(page, "de", " Fragen ", "Text eins\r\n", cast.dieter)
    page.refresh_from_db()
    assert page.source_revision == 1
    assert page.status("en") == Status.CURRENT
    german = PageText.objects.get(page=page, language="de")
    assert german.updated_by == cast.carla
    assert german.history.count() == 1


def test_a_change_of_the_title_alone_is_a_change(cast):
    page = make_page(cast)
    save_text(page, "de", "Häufige Fragen", "Text eins", cast.carla)
    page.refresh_from_db()
    assert page.source_revision == 2


def test_saving_an_outdated_translation_unchanged_confirms_it_as_current(cast):
    page = make_page(cast)
    save_text(page, "en", "Questions", "Text one", cast.carla)
    save_text(page, "de", "Fragen", "Text zwei", cast.carla)
    english = save_text(page, "en", "Questions", "Text one", cast.dieter)
    assert english.based_on_revision == 2
    assert english.status == Status.CURRENT


def test_changes_are_kept_in_the_history_with_the_author(cast):
    page = make_page(cast)
    save_text(page, "de", "Fragen", "Text zwei", cast.dieter)
    german = PageText.objects.get(page=page, language="de")
    authors = [
        record.history_user for record in german.history.order_by("history_date")
    ]
    assert authors == [cast.carla, cast.dieter]
