from django import forms
from django.utils.translation import gettext_lazy as _

from clients.models import Person
from lib.forms import KernForm


class MergeForm(KernForm):
    """Which of two records lives on, and why they are one person."""

    keep = forms.ChoiceField(label=_("Record to keep"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why these are the same person"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: same passport number, confirmed in the consultation."
        ),
    )

    def __init__(self, *args, first: Person, second: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.persons = {str(first.pk): first, str(second.pk): second}
        self.fields["keep"].choices = [  # type: ignore[attr-defined]
            (str(person.pk), _label(person)) for person in (first, second)
        ]
        self.fields["keep"].initial = str(_older(first, second).pk)

    def kept_and_merged(self) -> tuple[Person, Person]:
        kept = self.persons[self.cleaned_data["keep"]]
        merged = next(p for p in self.persons.values() if p.pk != kept.pk)
        return kept, merged


def _label(person: Person) -> str:
    return f"{person.full_name} ({_('record')} {person.pk})"


def _older(first: Person, second: Person) -> Person:
    # The older record usually carries the longer history.
    return min(first, second, key=lambda person: (person.created_at, person.pk))
