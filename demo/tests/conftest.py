import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def small_demo_once(django_db_setup, django_db_blocker):
    """One small demo for the whole module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--small", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def small_demo(small_demo_once, db) -> None:
    """Each test runs in a savepoint inside the module's transaction."""
