"""Writing the office's pages: texts with their revisions, the required pages."""

from django.db import IntegrityError, transaction

from accounts.models import Office, User
from portal.languages import SOURCE

from .models import REQUIRED_KINDS, Page, PageText
from .starter import starter, starter_translations


def save_text(
    page: Page, language: str, title: str, body: str, user: User | None
) -> PageText:
    """Store the text of ``page`` in ``language``.

    A real change of the German text raises the page's revision, which
    marks every translation made before as outdated; a translation records
    the revision it was made from. Saving an unchanged German text changes
    nothing; saving an unchanged translation confirms it as current.
    """
    title, body = title.strip(), _normalise(body)
    with transaction.atomic():
        # The lock keeps two German saves from taking the same revision.
        locked = Page.objects.select_for_update().get(pk=page.pk)
        text = PageText.objects.filter(page=locked, language=language).first()
        text = text or PageText(page=locked, language=language)
        unchanged = text.pk is not None and (text.title, text.body) == (title, body)
        if language == SOURCE.code:
            if unchanged:
                return text
            locked.source_revision += 1
            locked.save(update_fields=["source_revision", "updated_at"])
        elif unchanged and text.based_on_revision == locked.source_revision:
            return text
        text.title, text.body = title, body
        text.based_on_revision = locked.source_revision
        text.updated_by = user
        text._history_user = user  # type: ignore[attr-defined]  # also outside a request
        text.save()
    page.source_revision = locked.source_revision
    return text


def _normalise(body: str) -> str:
    # Browsers send CRLF; without this every save through a form would look
    # like a change of the German text and outdate all translations.
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def create_page(
    office: Office,
    kind: str,
    slug: str,
    position: int,
    title: str,
    body: str,
    user: User | None,
) -> Page:
    """A new page with its German text, both or neither."""
    with transaction.atomic():
        page = Page.objects.create(
            office=office, kind=kind, slug=slug, position=position
        )
        save_text(page, SOURCE.code, title, body, user)
    return page


def ensure_required_pages(office: Office) -> list[Page]:
    """Create the pages every office must have, with starter texts; the ones
    that exist are left as they are. Returns the pages it created."""
    existing = set(
        Page.objects.filter(office=office, kind__in=REQUIRED_KINDS).values_list(
            "kind", flat=True
        )
    )
    created = []
    for kind in REQUIRED_KINDS:
        if kind in existing:
            continue
        try:
            created.append(_create_required(office, kind))
        except IntegrityError:
            # Another request created it at the same moment.
            continue
    return created


def _create_required(office: Office, kind: str) -> Page:
    text = starter(kind, office.federal_state)
    with transaction.atomic():
        page = create_page(
            office, kind, _free_slug(office, text.slug), 0, text.title, text.body, None
        )
        for language, (title, body) in starter_translations(kind).items():
            save_text(page, language, title, body, None)
    return page


def _free_slug(office: Office, slug: str) -> str:
    # Staff may have used the address for a page of their own already.
    candidate, number = slug, 1
    while Page.objects.filter(office=office, slug=candidate).exists():
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def delete_page(page: Page) -> None:
    if page.required:
        raise ValueError("the pages German law requires cannot be deleted")
    page.delete()
