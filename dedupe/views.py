from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from accounts.http import StaffRequest
from clients.models import Person

from .access import MERGE_ROLES, get_merge_for, get_pair_for
from .forms import MergeForm
from .merge import MergeError, merge, undo
from .pairs import office_pairs

PAGE_SIZE = 25


@staff_required(*MERGE_ROLES)
def duplicate_list(request: StaffRequest) -> HttpResponse:
    """The office's likely duplicates, most likely first, in pages."""
    office_id = request.user.office_id
    assert office_id is not None  # merge roles belong to an office
    page = Paginator(office_pairs(office_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    ids = {pk for pair in page for pk in (pair.first_id, pair.second_id)}
    persons = Person.objects.filter(pk__in=ids).in_bulk()
    rows = [(pair, persons[pair.first_id], persons[pair.second_id]) for pair in page]
    context = {"nav": "persons", "page_obj": page, "rows": rows}
    return render(request, "dedupe/duplicate_list.html", context)


@staff_required(*MERGE_ROLES)
def merge_pair(request: StaffRequest, pk: int, other: int) -> HttpResponse:
    first, second = get_pair_for(request.user, pk, other)
    form = MergeForm(request.POST or None, first=first, second=second)
    if request.method == "POST" and form.is_valid():
        kept, merged = form.kept_and_merged()
        try:
            merge(kept, merged, request.user, form.cleaned_data["reason"])
        except MergeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(merged)s was merged into %(kept)s.")
                % {"merged": merged.full_name, "kept": kept.full_name},
            )
            return redirect("clients:person_detail", pk=kept.pk)
    context = {"nav": "persons", "form": form, "first": first, "second": second}
    return render(request, "dedupe/merge_form.html", context)


@staff_required(*MERGE_ROLES)
@require_POST
def merge_undo(request: StaffRequest, pk: int) -> HttpResponse:
    record = get_merge_for(request.user, pk)
    try:
        undo(record, request.user)
    except MergeError as error:
        messages.error(request, str(error))
        return redirect("clients:person_detail", pk=record.kept_id)
    messages.success(
        request, _("The merge was undone; both records are separate again.")
    )
    return redirect("clients:person_detail", pk=record.merged_id)
