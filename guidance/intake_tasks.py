"""Long recognition lists, checked and committed by the task worker."""

from django.utils import translation
from django_tasks import task

from .intake_actions import check_import, run_commit
from .models import RecognitionImport


@task()
def check_list(import_id: int, language: str) -> None:
    found = RecognitionImport.objects.select_related("office").get(pk=import_id)
    # Row messages are stored in the language of who uploaded the list.
    with translation.override(language):
        check_import(found)


@task()
def commit_list(import_id: int, user_id: int, language: str) -> None:
    with translation.override(language):
        run_commit(import_id, user_id)
