"""Forms of the session page, the walk-in queue and staff bookings."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clients.models import Person
from lib.forms import KernForm, choice_field
from lib.iso import is_language_code, language_choices, language_name
from portal import languages as portal_languages

from .actions import Booker
from .models import WalkIn, WalkInStatus
from .sessions import Session, Slot

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Where someone in the queue may go next; done and left are final.
MOVE_LABELS: dict[str, "StrOrPromise"] = {
    WalkInStatus.SERVING: _("Call in"),
    WalkInStatus.DONE: _("Done"),
    WalkInStatus.LEFT: _("Left"),
}


def slot_label(slot: Slot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return f"{start:%H:%M}–{end:%H:%M}"


def spoken_languages(extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The common languages, plus the given codes if they are not among them."""
    choices = language_choices()
    known = {code for code, _name in choices}
    for code in extra:
        if code not in known and is_language_code(code):
            choices.append((code, language_name(code)))
    return [("", gettext("German or not known")), *choices]


def spoken_language_field() -> forms.ChoiceField:
    # A callable: the names are made in the language of each request.
    return forms.ChoiceField(
        label=_("Language spoken"), required=False, choices=spoken_languages
    )


class WalkInForm(KernForm):
    name = forms.CharField(
        label=_("Name or description"),
        max_length=120,
        required=False,
        help_text=_("Optional, e.g. a first name."),
    )
    language = spoken_language_field()
    mediator_needed = forms.BooleanField(
        label=_("Needs a language mediator"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "walk_in")
        super().__init__(*args, **kwargs)


class WalkInMoveForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=list(MOVE_LABELS.items()))

    def __init__(self, *args: Any, walk_in: WalkIn, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.walk_in = walk_in

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if not self.walk_in.can_move_to(status):
            raise forms.ValidationError(
                _("Number %(number)s is “%(status)s”: this step is not possible.")
                % {
                    "number": self.walk_in.number,
                    "status": self.walk_in.get_status_display(),
                }
            )
        return status


class AppointmentFilterForm(KernForm):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("all", _("All I may see")), ("mine", _("Only mine"))],
    )


class StaffBookingForm(KernForm):
    """Staff book a slot for a client, or for someone given only by name."""

    slot = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=120)
    language = spoken_language_field()
    mediator_needed = forms.BooleanField(
        label=_("Needs a language mediator"), required=False
    )
    subject = forms.CharField(
        label=_("What it is about"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_("If given, a confirmation and a reminder are sent there."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    portal_language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=portal_languages.choices,
        initial=portal_languages.SOURCE.code,
    )

    def __init__(
        self, *args: Any, session: Session, person: Person | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        if person is not None:
            # The client's record holds the name.
            del self.fields["name"]
            codes = list(person.languages.order_by("pk").values_list("code", flat=True))
            choice_field(self, "language").choices = spoken_languages(codes)
            self.initial.setdefault("language", codes[0] if codes else "")
            self.initial.setdefault("email", person.email)
            self.initial.setdefault("phone", person.phone)
        slot = choice_field(self, "slot")
        # Any slot of the session passes the field, so that a taken or past
        # one reaches book() and gets its precise message; only free future
        # slots are offered.
        slot.choices = [(s.key, slot_label(s)) for s in session.slots()]
        slot.widget.choices = [(s.key, slot_label(s)) for s in session.free_slots()]

    def booker(self) -> Booker:
        data = self.cleaned_data
        person = self.person
        return Booker(
            name=person.full_name if person else data["name"],
            email=data["email"],
            phone=data["phone"],
            language=data["language"],
            mediator_needed=data["mediator_needed"],
            subject=data["subject"],
            portal_language=data["portal_language"],
            client_id=person.pk if person else None,
        )
