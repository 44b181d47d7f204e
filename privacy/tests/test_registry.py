"""Every table is declared, and every table that reaches a client is part of
the access report and of erasure (privacy/registry.py)."""

from django.apps import apps
from django.db import models

from privacy.registry import DECLARATIONS, About, Nothing, client_models, label_of

# Field names that only hold data about a named human being.
PERSONAL_NAMES = {
    "family_name",
    "given_names",
    "first_name",
    "last_name",
    "birth_date",
    "name_original",
    "contact_name",
    "contact_email",
    "contact_phone",
}


def installed_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if not hasattr(m, "instance_type")]


def test_every_model_of_the_installation_is_declared():
    missing = [
        m._meta.label for m in installed_models() if m._meta.label not in DECLARATIONS
    ]
    assert missing == []


def test_no_declaration_names_a_model_that_does_not_exist():
    labels = {m._meta.label for m in installed_models()}
    assert sorted(set(DECLARATIONS) - labels) == []


def test_history_tables_answer_for_their_model():
    person_history = apps.get_model("clients", "HistoricalPerson")
    assert label_of(person_history) == "clients.Person"


def test_a_model_that_points_at_client_data_is_client_data_too():
    """A new table with a foreign key to a person, a concern, a care … must
    be in the report and be erased; declaring it otherwise fails here."""
    about = {label for label, d in DECLARATIONS.items() if isinstance(d, About)}
    wrong = []
    for model in installed_models():
        targets = {
            f.related_model._meta.label
            for f in model._meta.get_fields()
            if f.concrete and f.is_relation and f.related_model is not None
        }
        if targets & {"clients.Person", "cases.Concern"} and (
            model._meta.label not in about
        ):
            wrong.append(model._meta.label)
    assert wrong == []


def test_a_model_with_names_or_birth_dates_is_not_declared_free_of_personal_data():
    wrong = [
        m._meta.label
        for m in installed_models()
        if isinstance(DECLARATIONS.get(m._meta.label), Nothing)
        and {f.name for f in m._meta.get_fields()} & PERSONAL_NAMES
    ]
    assert wrong == []


def _end_of(model: type[models.Model], path: str) -> type[models.Model]:
    for part in path.split("__"):
        if part == "pk":
            continue
        model = model._meta.get_field(part).related_model  # type: ignore[assignment]
    return model


def test_every_declared_path_leads_to_a_person():
    person = apps.get_model("clients", "Person")
    for model, declared in client_models():
        for path in declared.paths:
            assert _end_of(model, path) is person, (model._meta.label, path)


def test_hidden_fields_exist():
    for model, declared in client_models():
        names = {f.name for f in model._meta.get_fields()}
        assert set(declared.hidden) <= names, model._meta.label
