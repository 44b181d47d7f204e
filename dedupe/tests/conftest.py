import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """The matcher's reasons and the merge's messages speak the active
    language; the tests read the source strings, whatever an earlier test in
    the same process left active. The German catalogue is checked by lint."""
    with translation.override("en"):
        yield
