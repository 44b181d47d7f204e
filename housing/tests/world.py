"""The accommodation records the permission matrix and the page registry
need: an accommodation of the Erzgebirgskreis with an open inspection that
has a photo and a deficiency, and a catalogue with its standards."""

import datetime

from django.core.files.base import ContentFile

from housing.models import Deficiency, Photo
from housing.tests.inspection_world import make_accommodation, make_inspection


def build_housing(cast) -> dict:
    place = make_accommodation(cast.erz, "GU Welt")
    inspection = make_inspection(place, cast.carla, on=datetime.date(2026, 1, 10))
    catalogue = inspection.catalogue
    standard = catalogue.standards.first()
    photo = Photo(
        inspection=inspection, name="flur.jpg", content_type="image/jpeg", size=4
    )
    photo.file.save("flur.jpg", ContentFile(b"\xff\xd8ok"), save=False)
    photo.save()
    deficiency = Deficiency.objects.create(
        inspection=inspection,
        standard=standard,
        description="Duschen defekt",
        deadline=datetime.date(2026, 2, 10),
    )
    # A re-inspection, where the deficiency is closed or escalated.
    again = make_inspection(
        place, cast.carla, on=datetime.date(2026, 2, 20), follows_up=inspection
    )
    return {
        "reinspection": again.pk,
        "accommodation": place.pk,
        "inspection": inspection.pk,
        "catalogue": catalogue.pk,
        "standard": standard.pk if standard else 0,
        "photo": photo.pk,
        "deficiency": deficiency.pk,
    }
