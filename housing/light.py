"""The traffic light of an inspection, computed from its findings.

The rule, as the inspection page shows it (RULE):

- RED when a critical standard is not met, or when more than 3 standards
  are not met;
- YELLOW when 1 to 3 standards are not met (none of them critical), or when
  a deficiency found at an earlier inspection of the accommodation was still
  not remedied at its deadline (open, or escalated at this inspection);
- GREEN otherwise: every assessed standard is met.

Standards that were not assessed count neither as met nor as failed; the
reason lists them, so that a green light with gaps is visible as such. The
light and its reason are stored when the inspection is completed, so that a
later change of the rule or the catalogue does not rewrite old results.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import (
    Catalogue,
    Deficiency,
    DeficiencyStatus,
    Inspection,
    Light,
    Standard,
)

# More failures than this make the light red.
MOST_FAILURES_FOR_YELLOW = 3

RULE = gettext_lazy(
    "Red: a critical standard is not met, or more than 3 standards are not met. "
    "Yellow: 1 to 3 standards that are not critical are not met, or a deficiency "
    "of an earlier inspection was not remedied by its deadline. "
    "Green: every assessed standard is met. "
    "Standards that were not assessed are listed and count neither way."
)


class Verdict(NamedTuple):
    light: Light
    reason: str


def judge(
    results: Iterable[tuple[Standard, bool | None]],
    overdue: Sequence[Deficiency] = (),
) -> Verdict:
    """The light for standards with their result (None: not assessed) and
    the overdue deficiencies of earlier inspections."""
    results = list(results)
    failed = [standard for standard, met in results if met is False]
    unassessed = [standard for standard, met in results if met is None]
    critical = [standard for standard in failed if standard.critical]
    if critical:
        light = Light.RED
        headline = ngettext(
            "Red: a critical standard is not met.",
            "Red: %(count)d critical standards are not met.",
            len(critical),
        ) % {"count": len(critical)}
    elif len(failed) > MOST_FAILURES_FOR_YELLOW:
        light = Light.RED
        headline = _("Red: %(count)d standards are not met (more than 3).") % {
            "count": len(failed)
        }
    elif failed:
        light = Light.YELLOW
        headline = ngettext(
            "Yellow: %(count)d standard is not met.",
            "Yellow: %(count)d standards are not met.",
            len(failed),
        ) % {"count": len(failed)}
    elif overdue:
        light = Light.YELLOW
        headline = _(
            "Yellow: a deficiency of an earlier inspection was not remedied "
            "by its deadline."
        )
    else:
        light = Light.GREEN
        headline = _("Green: every assessed standard is met.")
    lines = [headline]
    if failed:
        lines.append(_("Not met: %(list)s.") % {"list": _titles(failed)})
    if unassessed:
        lines.append(_("Not assessed: %(list)s.") % {"list": _titles(unassessed)})
    if overdue:
        listed = "; ".join(
            _("%(deficiency)s (by %(deadline)s)")
            % {
                "deficiency": deficiency,
                "deadline": date_format(deficiency.deadline, "SHORT_DATE_FORMAT"),
            }
            for deficiency in overdue
        )
        lines.append(
            _("Overdue deficiencies of earlier inspections: %(list)s.")
            % {"list": listed}
        )
    return Verdict(light, "\n".join(lines))


def _titles(standards: list[Standard]) -> str:
    return "; ".join(
        _("%(title)s (critical)") % {"title": s.title} if s.critical else s.title
        for s in standards
    )


def applicable_standards(catalogue: Catalogue, kind: str) -> QuerySet[Standard]:
    """The standards of the catalogue for an accommodation of this kind."""
    return catalogue.standards.filter(Q(applies_to="") | Q(applies_to=kind))


def overdue_at(inspection: Inspection) -> list[Deficiency]:
    """Deficiencies of earlier inspections of the accommodation that were
    due before this inspection and not remedied: still open, or escalated
    at this inspection."""
    not_remedied = Q(status=DeficiencyStatus.OPEN) | Q(
        status=DeficiencyStatus.ESCALATED, settled_by=inspection
    )
    earlier = Deficiency.objects.filter(
        inspection__accommodation_id=inspection.accommodation_id,
        deadline__lt=inspection.on,
    ).exclude(inspection=inspection)
    return list(earlier.filter(not_remedied).order_by("deadline", "pk"))


def results_of(inspection: Inspection) -> list[tuple[Standard, bool | None]]:
    """Every applicable standard with its result; None when not assessed."""
    findings = {f.standard_id: f for f in inspection.findings.all()}
    standards = applicable_standards(
        inspection.catalogue, inspection.accommodation.kind
    )
    results: list[tuple[Standard, bool | None]] = []
    for standard in standards:
        found = findings.get(standard.pk)
        met = standard.met_by(found.value, found.yes) if found else None
        results.append((standard, met))
    return results


def light_of(inspection: Inspection) -> Verdict:
    return judge(results_of(inspection), overdue_at(inspection))
