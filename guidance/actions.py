"""Writes on cares: start, assignment, transfer, end, reopening, plan steps.

Every refusal is a CareError with a sentence for the user; nothing is half
written. A guide who takes over a care also becomes one of the person's
responsible guides, so that the person's page and concerns open for them.
"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Office, Role, User
from cases.models import Activity
from clients.models import Consent, ConsentPurpose, Person
from directory.models import PartnerKind

from .models import (
    Care,
    CareKind,
    CareSpell,
    EndReason,
    PlanStep,
    PlanTemplate,
    Source,
    StepStatus,
    TemplateStep,
    Training,
)
from .templates_seed import ensure_templates


class CareError(Exception):
    """Why a write on a care is refused, in the user's language."""


def _running_message() -> str:
    return _("This person already has a running care of this kind.")


def check_guide(office_id: int, guide: User) -> None:
    if guide.office_id != office_id:
        raise CareError(_("This guide works for another office."))
    if not guide.is_active or not guide.has_role(Role.GUIDE):
        raise CareError(_("This staff member is not an active integration guide."))


def _open_spell(care: Care, guide: User, on: datetime.date, note: str = "") -> None:
    CareSpell.objects.create(care=care, guide=guide, began_on=on, handover_note=note)
    care.person.guides.add(guide)


def plan_for(care: Care, steps: list[TemplateStep]) -> list[PlanStep]:
    """The care's first steps as copies of the template's (unsaved), due
    counted from the day the care began; later template edits leave them."""
    return [
        PlanStep(
            care=care,
            position=step.position,
            title=step.title,
            description=step.description,
            needs_consent=step.needs_consent,
            due_on=care.started_on + datetime.timedelta(days=step.due_after_days),
        )
        for step in steps
    ]


def start_care(
    office: Office,
    person: Person,
    kind: str,
    source: str,
    by: User,
    guide: User | None = None,
    started_on: datetime.date | None = None,
    recognised_on: datetime.date | None = None,
) -> Care:
    """A new care with its plan copied from the office's template."""
    started_on = started_on or timezone.localdate()
    if person.office_id != office.pk:
        raise CareError(_("This person belongs to another office."))
    if kind not in CareKind.values or source not in Source.values:
        raise CareError(_("Choose a kind of care and how the office learnt of it."))
    if started_on > timezone.localdate():
        raise CareError(_("A care cannot begin in the future."))
    if guide is not None:
        check_guide(office.pk, guide)
    ensure_templates(office)
    template = PlanTemplate.objects.get(office=office, kind=kind)
    try:
        with transaction.atomic():
            care = Care.objects.create(
                office=office,
                person=person,
                kind=kind,
                source=source,
                guide=guide,
                started_on=started_on,
                recognised_on=recognised_on,
                created_by=by,
            )
            PlanStep.objects.bulk_create(plan_for(care, list(template.steps.all())))
            if guide is not None:
                _open_spell(care, guide, started_on)
    except IntegrityError:
        raise CareError(_running_message()) from None
    return care


def assign(care: Care, guide: User, by: User, on: datetime.date | None = None) -> None:
    """The first guide of a care (or the first after a reopening without one)."""
    if not care.is_active:
        raise CareError(_("This care has ended. Reopen it first."))
    if care.guide_id is not None:
        raise CareError(_("This care already has a guide: transfer it instead."))
    check_guide(care.office_id, guide)
    on = on or timezone.localdate()
    with transaction.atomic():
        care.guide = guide
        care.save(update_fields=["guide"])
        _open_spell(care, guide, max(on, care.started_on))
        if not care.steps.exists():
            # An imported care gets its plan with its first guide.
            ensure_templates(care.office)
            template = PlanTemplate.objects.get(office=care.office, kind=care.kind)
            PlanStep.objects.bulk_create(plan_for(care, list(template.steps.all())))


def transfer(
    care: Care,
    to_guide: User,
    note: str,
    by: User,
    on: datetime.date | None = None,
) -> None:
    """Hand the care to another guide: the spell of the one before ends on
    the day, the new one begins with the handover note."""
    if not care.is_active:
        raise CareError(_("This care has ended. Reopen it first."))
    if care.guide_id is None:
        raise CareError(_("This care has no guide yet: assign one instead."))
    if to_guide.pk == care.guide_id:
        raise CareError(_("This guide already holds the care. Choose another."))
    check_guide(care.office_id, to_guide)
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise CareError(_("A transfer cannot be dated in the future."))
    with transaction.atomic():
        spell = care.spells.filter(ended_on__isnull=True).first()
        if spell is not None:
            if on < spell.began_on:
                raise CareError(
                    _("The transfer cannot be before the current guide took over.")
                )
            spell.ended_on = on
            spell.save(update_fields=["ended_on"])
        previous = care.guide
        care.guide = to_guide
        care.save(update_fields=["guide"])
        _open_spell(care, to_guide, on, note)
        _drop_guide_of_person(care.person, previous)


def _drop_guide_of_person(person: Person, guide: User | None) -> None:
    """The former guide stops being responsible unless another running care
    of the person is still theirs."""
    if guide is None:
        return
    still = Care.objects.active().filter(person=person, guide=guide).exists()
    if not still:
        person.guides.remove(guide)


def end_care(
    care: Care, reason: str, note: str = "", on: datetime.date | None = None
) -> None:
    if not care.is_active:
        raise CareError(_("This care has already ended."))
    if reason not in EndReason.values:
        raise CareError(_("Choose why the care ended."))
    on = on or timezone.localdate()
    if on < care.started_on:
        raise CareError(_("A care cannot end before it began."))
    if on > timezone.localdate():
        raise CareError(_("A care cannot end in the future."))
    with transaction.atomic():
        spell = care.spells.filter(ended_on__isnull=True).first()
        if spell is not None:
            if on < spell.began_on:
                raise CareError(
                    _("The care cannot end before the current guide took over.")
                )
            spell.ended_on = on
            spell.save(update_fields=["ended_on"])
        care.ended_on = on
        care.end_reason = reason
        care.end_note = note
        care.save(update_fields=["ended_on", "end_reason", "end_note"])


def reopen(care: Care, by: User) -> None:
    """Run an ended care again: the last guide takes it up if still an
    active guide of the office; otherwise it waits for an assignment."""
    if care.is_active:
        raise CareError(_("This care is still running."))
    others = Care.objects.active().filter(person=care.person_id, kind=care.kind)
    if others.exclude(pk=care.pk).exists():
        raise CareError(_running_message())
    today = timezone.localdate()
    guide = care.guide
    if guide is not None:
        try:
            check_guide(care.office_id, guide)
        except CareError:
            guide = None
    try:
        with transaction.atomic():
            care.ended_on = None
            care.end_reason = ""
            care.guide = guide
            care.save(update_fields=["ended_on", "end_reason", "guide"])
            if guide is not None:
                _open_spell(care, guide, max(today, care.started_on))
    except IntegrityError:
        care.refresh_from_db()
        raise CareError(_running_message()) from None


def has_consent_for_authority(person: Person) -> bool:
    """A recorded, not withdrawn consent to share data with the immigration
    authority (a partner of that kind named in the consent)."""
    return (
        Consent.objects.active()
        .filter(
            person=person,
            purpose=ConsentPurpose.SHARE_WITH_PARTNER,
            partner__kind=PartnerKind.IMMIGRATION_AUTHORITY,
        )
        .exists()
    )


def set_step(
    step: PlanStep, status: str, note: str = "", done_on: datetime.date | None = None
) -> None:
    """A step's status; a done step without a date was done today."""
    care = step.care
    if not care.is_active:
        raise CareError(_("This care has ended. Reopen it to change its plan."))
    if status not in StepStatus.values:
        raise CareError(_("Choose a status."))
    today = timezone.localdate()
    if status == StepStatus.DONE:
        done_on = done_on or today
        if done_on > today:
            raise CareError(_("A step cannot be done in the future."))
        if step.needs_consent and not has_consent_for_authority(care.person):
            raise CareError(
                _("Nothing goes to the authority without the person's consent.")
                + " "
                + _(
                    "Record the person's consent to share data with the "
                    "immigration authority first."
                )
            )
    else:
        done_on = None
    step.status = status
    step.note = note
    step.done_on = done_on
    step.save(update_fields=["status", "note", "done_on"])


def link_activity(step: PlanStep, activity: Activity) -> None:
    """An activity that served the step: it must be of a concern of the
    same person."""
    if not activity.concern.persons.filter(pk=step.care.person_id).exists():
        raise CareError(_("This activity belongs to a concern of another person."))
    step.activities.add(activity)


def save_step(
    step: PlanStep,
    status: str,
    note: str,
    done_on: datetime.date | None,
    activities: Iterable[Activity],
) -> None:
    """The step page's save: status and the activities that served it, as
    one write."""
    with transaction.atomic():
        set_step(step, status, note, done_on)
        chosen = list(activities)
        for activity in chosen:
            link_activity(step, activity)
        step.activities.remove(*step.activities.exclude(pk__in=[a.pk for a in chosen]))


def save_template(form: ModelForm, steps: BaseInlineFormSet) -> None:
    """A template and its steps together. Running plans are copies and stay
    as they are."""
    with transaction.atomic():
        form.save()
        steps.save()


def save_training(form: ModelForm, by: User, *, chooses_guides: bool) -> Training:
    """Save a training record; a guide records their own participation."""
    with transaction.atomic():
        training = form.save(commit=False)
        if training.pk is None:
            training.created_by = by
        training.save()
        if chooses_guides:
            form.save_m2m()
        elif not training.guides.exists():
            training.guides.add(by)
    return training
