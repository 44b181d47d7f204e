"""Records the permission matrix and the page registry need: two likely
duplicates of the Erzgebirgskreis, and a merge of two others to undo."""

import datetime

from cases.tests.factories import make_person
from dedupe.merge import merge


def build_dedupe(cast) -> dict:
    born = {"birth_date": datetime.date(1993, 1, 1), "birth_date_precision": "year"}
    first = make_person(cast.erz, "Hussein", "Abd al-Rahman", **born)
    second = make_person(
        cast.erz, "الحسين", "عبد الرحمن", name_original="عبد الرحمن الحسين", **born
    )
    kept = make_person(cast.erz, "Tesfay", "Yonas", **born)
    merged = make_person(cast.erz, "Tesfai", "Jonas", **born)
    record = merge(kept, merged, cast.carla, "Dieselbe Person")
    return {"dup_first": first.pk, "dup_second": second.pk, "merge": record.pk}
