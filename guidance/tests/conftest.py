import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Actions and billing called directly speak the active language; the
    tests read the source strings, as the pages they open are in English
    (conftest.logged_in). The German catalogue is checked by lint."""
    with translation.override("en"):
        yield
