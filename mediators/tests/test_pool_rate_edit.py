"""Renaming a rate scheme or changing its note; the rates stay."""

from django.urls import reverse

from mediators.models import RateScheme

from .factories import make_scheme


def url(scheme) -> str:
    return reverse("mediators:rate_edit", args=[scheme.pk])


def test_edit_changes_name_and_note(cast):
    scheme = make_scheme(cast.erz)
    response = cast.client("olga").post(
        url(scheme), {"name": "Sätze ab 2026", "note": "Neu beschlossen"}
    )
    assert response["Location"] == reverse("mediators:rate_detail", args=[scheme.pk])
    scheme.refresh_from_db()
    assert (scheme.name, scheme.note) == ("Sätze ab 2026", "Neu beschlossen")
    assert scheme.rates.count() == 1


def test_name_of_another_scheme_is_refused(cast):
    scheme = make_scheme(cast.erz, "A")
    make_scheme(cast.erz, "B")
    response = cast.client("olga").post(url(scheme), {"name": "b", "note": ""})
    assert response.context["form"].errors["name"]
    assert RateScheme.objects.get(pk=scheme.pk).name == "A"


def test_keeping_the_own_name_is_fine(cast):
    scheme = make_scheme(cast.erz, "A")
    response = cast.client("olga").post(url(scheme), {"name": "A", "note": "x"})
    assert response.status_code == 302


def test_another_offices_scheme_is_404(cast):
    foreign = make_scheme(cast.gr)
    assert cast.client("carla").post(url(foreign), {"name": "X"}).status_code == 404
    assert RateScheme.objects.get(pk=foreign.pk).name == "Honorarordnung"


def test_guide_cannot_edit_a_scheme(cast):
    scheme = make_scheme(cast.erz)
    assert cast.client("gina").post(url(scheme), {"name": "X"}).status_code == 403
