"""Text fields encrypted at rest (Fernet: AES-128-CBC with HMAC-SHA256).

A copy of the database or of a backup does not reveal counselling notes: the
column holds a Fernet token, the application sees the text. The keys are
settings.FIELD_KEYS (LOTSE_FIELD_KEYS): the first encrypts, all decrypt, so
that a new key can be put first while values under the old one are still
read; `manage.py reencrypt` then moves every value to the new key.

Empty strings are stored as they are, so that blank=True and "is there a
note?" (`exclude(notes="")`) keep working: that a note exists is not secret,
its text is. Nothing else can be compared in the database (the same text
encrypts differently each time), so every other lookup raises.
"""

import functools
from collections.abc import Callable, Iterator
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.functions import Cast
from django.db.models.lookups import Exact

# Rows per transaction when stored values are rewritten (migrations and
# `reencrypt`): short locks, and an interrupted run keeps what it did.
BATCH_SIZE = 500

GENERATE_KEY = (
    'python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)


class DecryptionError(Exception):
    """A stored value that none of the configured keys opens."""


@functools.cache
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    ciphers = [Fernet(key) for key in keys]
    return ciphers[0], MultiFernet(ciphers)


def _configured() -> tuple[Fernet, MultiFernet]:
    # Read at each use, so that a test can change the keys with settings.
    keys = tuple(settings.FIELD_KEYS)
    if not keys:
        raise ImproperlyConfigured(
            "LOTSE_FIELD_KEYS is not set: encrypted fields can be neither "
            "read nor written."
        )
    return _fernets(keys)


def _token(value: str) -> bytes:
    # Fernet raises ValueError, not InvalidToken, on text that is no token.
    try:
        return value.encode("ascii")
    except UnicodeEncodeError:
        raise InvalidToken from None


def encrypt(text: str) -> str:
    return _configured()[1].encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text; InvalidToken when no configured key opens it."""
    return _configured()[1].decrypt(_token(token)).decode()


def opens(token: str) -> bool:
    """Whether one of the configured keys decrypts the stored value."""
    try:
        decrypt(token)
    except InvalidToken:
        return False
    return True


def under_current_key(token: str) -> bool:
    try:
        _configured()[0].decrypt(_token(token))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """The same text encrypted under the current (first) key."""
    return _configured()[1].rotate(_token(token)).decode("ascii")


def _label(field: models.Field) -> str:
    return f"{field.model._meta.label}.{field.name}"


class EmptyOnlyExact(Exact):
    """`field=""` asks whether there is a text; any other value is ciphertext."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(
                f"{_label(self.lhs.output_field)} is encrypted: it can only be "
                "compared with the empty string."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """A TextField whose non-empty values are stored as Fernet tokens.

    With max_length it also replaces a CharField: the column is text (a token
    is longer than its text) and the limit is checked on the text.
    """

    description = "Text encrypted at rest"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        try:
            return decrypt(value)
        except InvalidToken:
            # Never show the ciphertext as if it were the note.
            raise DecryptionError(
                f"{_label(self)}: a stored value cannot be decrypted with any "
                "key in LOTSE_FIELD_KEYS (was a key removed before "
                "`manage.py reencrypt` had moved every value to the new one?)"
            ) from None

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return EmptyOnlyExact
        raise FieldError(
            f"{_label(self)} is encrypted: it cannot be searched or compared "
            f"in the database ({lookup_name!r})."
        )

    def get_transform(self, lookup_name: str) -> Any:
        raise FieldError(
            f"{_label(self)} is encrypted: the database cannot work on its "
            f"text ({lookup_name!r})."
        )


# --- Stored values, for migrations and `manage.py reencrypt` -------------------


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    """The model's own encrypted columns (history models have their copies)."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def _stored(
    model: type[models.Model], field: models.Field, after: Any, lock: bool
) -> list[tuple[Any, str]]:
    """The next batch of (pk, stored token) with a text, in key order."""
    rows = model._base_manager.exclude(**{field.name: ""}).filter(
        **{f"{field.name}__isnull": False}
    )
    if after is not None:
        rows = rows.filter(pk__gt=after)
    if lock:
        rows = rows.select_for_update()
    # Cast to a plain text field: the token as stored, not decrypted.
    stored = rows.annotate(stored=Cast(field.name, models.TextField()))
    return list(stored.order_by("pk").values_list("pk", "stored")[:BATCH_SIZE])


def stored_values(model: type[models.Model], field: models.Field) -> Iterator[str]:
    """Every non-empty stored token of the column, read a batch at a time."""
    after = None
    while True:
        batch = _stored(model, field, after, lock=False)
        yield from (token for _pk, token in batch)
        if len(batch) < BATCH_SIZE:
            return
        after = batch[-1][0]


def rewrite(
    model: type[models.Model],
    field: models.Field,
    change: Callable[[str], str | None],
) -> int:
    """Replace each stored value by change(value) unless that is None.

    One transaction per batch, with the rows locked against a concurrent
    edit; `change` must leave values it has done alone (None), so that an
    interrupted run can simply be started again. Returns how many changed.
    """
    changed, after = 0, None
    while True:
        with transaction.atomic():
            batch = _stored(model, field, after, lock=True)
            for pk, stored in batch:
                new = change(stored)
                if new is None:
                    continue
                # A plain-text Value: written as it is, not encrypted again.
                model._base_manager.filter(pk=pk).update(
                    **{field.name: models.Value(new, output_field=models.TextField())}
                )
                changed += 1
        if len(batch) < BATCH_SIZE:
            return changed
        after = batch[-1][0]


def _encrypt_plain(stored: str) -> str | None:
    return None if opens(stored) else encrypt(stored)


def _decrypt_token(stored: str) -> str | None:
    return decrypt(stored) if opens(stored) else None


def _app_fields(apps: Any, app_label: str) -> Iterator[tuple[Any, models.Field]]:
    for model in apps.get_app_config(app_label).get_models():
        for field in encrypted_fields(model):
            yield model, field


def encrypt_app_values(apps: Any, app_label: str) -> None:
    """Data migration: encrypt the plain texts left from before the fields
    were encrypted (models from the migration's state)."""
    for model, field in _app_fields(apps, app_label):
        rewrite(model, field, _encrypt_plain)


def decrypt_app_values(apps: Any, app_label: str) -> None:
    """The data migration's way back: plain text again."""
    for model, field in _app_fields(apps, app_label):
        rewrite(model, field, _decrypt_token)


# --- The system check ------------------------------------------------------------


@checks.register(checks.Tags.security)
def check_field_keys(**kwargs: Any) -> list[checks.CheckMessage]:
    """Production must bring its own keys (settings give debug, the demo and
    the tests a development key)."""
    keys = list(settings.FIELD_KEYS)
    if not keys:
        return [
            checks.Error(
                "LOTSE_FIELD_KEYS is not set: counselling notes cannot be "
                "encrypted or read.",
                hint=f"Generate a key with {GENERATE_KEY} and set "
                "LOTSE_FIELD_KEYS to it (or LOTSE_FIELD_KEYS_FILE to a file "
                "holding it).",
                id="lotse.E101",
            )
        ]
    return [
        checks.Error(
            f"Key number {position} in LOTSE_FIELD_KEYS is no Fernet key "
            "(32 bytes, URL-safe base64).",
            hint=f"Generate a key with {GENERATE_KEY}.",
            id="lotse.E102",
        )
        for position, key in enumerate(keys, start=1)
        if not _valid(key)
    ]


def _valid(key: str) -> bool:
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return False
    return True
