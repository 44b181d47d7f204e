"""A person saved gets new blocking keys, in the same transaction as the
save, so that keys and names never disagree."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from clients.models import Person

from . import keys


@receiver(post_save, sender=Person, dispatch_uid="dedupe_person_keys")
def person_saved(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures: no names to trust yet
    changed = kwargs.get("update_fields")
    if changed is not None and not keys.KEYED_FIELDS & set(changed):
        return  # a phone number or a household: the keys stay as they are
    keys.refresh(instance)
