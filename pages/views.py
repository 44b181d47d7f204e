"""Staff write the office's portal pages: German first, then translations."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from portal.languages import BY_CODE, LANGUAGES, SOURCE, Language

from . import actions
from .access import EDITOR_ROLES, editor_office, get_page_for
from .forms import PageCreateForm, PageSettingsForm, TextForm
from .models import Page, Status


@dataclass(frozen=True)
class Cell:
    language: Language
    status: Status
    url: str


@dataclass(frozen=True)
class Row:
    page: Page
    title: str
    cells: list[Cell]


def _row(page: Page) -> Row:
    texts = page.texts_by_language()
    source = texts.get(SOURCE.code)
    cells = [
        Cell(
            language,
            page.status_of(texts.get(language.code)),
            reverse("pages_staff:text_edit", args=[page.pk, language.code]),
        )
        for language in LANGUAGES
    ]
    return Row(page, source.title if source else page.slug, cells)


@staff_required(*EDITOR_ROLES)
def page_list(request: StaffRequest) -> HttpResponse:
    office = editor_office(request.user)
    # The pages the law requires are there before anyone can miss them.
    actions.ensure_required_pages(office)
    pages = Page.objects.filter(office=office).prefetch_related("texts")
    context = {
        "nav": "pages",
        "rows": [_row(page) for page in pages],
        "languages": LANGUAGES,
        "office": office,
    }
    return render(request, "pages/staff/page_list.html", context)


@staff_required(*EDITOR_ROLES)
def page_create(request: StaffRequest) -> HttpResponse:
    office = editor_office(request.user)
    form = PageCreateForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.create_page(
            office,
            data["kind"],
            data["slug"],
            data["position"],
            data["title"],
            data["body"],
            request.user,
        )
        messages.success(request, _("The page is saved."))
        return redirect("pages_staff:page_list")
    context = {"nav": "pages", "form": form, "heading": _("New page")}
    return render(request, "pages/staff/page_form.html", context)


@staff_required(*EDITOR_ROLES)
def page_settings(request: StaffRequest, pk: int) -> HttpResponse:
    page = get_page_for(request.user, pk)
    form = PageSettingsForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The page is saved."))
        return redirect("pages_staff:page_list")
    context = {"nav": "pages", "form": form, "heading": _("Address and order")}
    return render(request, "pages/staff/page_form.html", context)


@staff_required(*EDITOR_ROLES)
def text_edit(request: StaffRequest, pk: int, lang: str) -> HttpResponse:
    page = get_page_for(request.user, pk)
    language = BY_CODE.get(lang)
    if language is None:
        raise Http404
    texts = page.texts_by_language()
    source = texts.get(SOURCE.code)
    if language != SOURCE and source is None:
        messages.error(request, _("Write the German text first."))
        return redirect("pages_staff:text_edit", pk=page.pk, lang=SOURCE.code)
    text = texts.get(language.code)
    form = TextForm(request.POST or None, instance=text, language=language)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.save_text(
            page, language.code, data["title"], data["body"], request.user
        )
        messages.success(request, _("The text is saved."))
        return redirect("pages_staff:page_list")
    context = {
        "nav": "pages",
        "page": page,
        "language": language,
        "form": form,
        "text": text,
        "title": source.title if source else page.slug,
        "status": page.status_of(text),
        "source": source if language != SOURCE else None,
    }
    return render(request, "pages/staff/text_form.html", context)


@staff_required(*EDITOR_ROLES)
def page_delete(request: StaffRequest, pk: int) -> HttpResponse:
    page = get_page_for(request.user, pk)
    if page.required:
        raise PermissionDenied
    if request.method == "POST":
        actions.delete_page(page)
        messages.success(request, _("The page is deleted."))
        return redirect("pages_staff:page_list")
    source = page.texts_by_language().get(SOURCE.code)
    context = {"nav": "pages", "page": page, "title": source.title if source else ""}
    return render(request, "pages/staff/page_delete.html", context)
