from directory.actions import save_partner
from directory.forms import PartnerForm
from directory.models import Partner


def test_name_taken_after_validation_becomes_a_form_error(cast, aue):
    form = PartnerForm(
        {"kind": "bank", "name": "Sparkasse", "municipalities": [aue.pk]},
        office=cast.erz,
    )
    assert form.is_valid()
    Partner.objects.create(office=cast.erz, kind="bank", name="Sparkasse")
    assert save_partner(form) is None
    assert form.errors["name"]
    assert Partner.objects.count() == 1
    assert not aue.partners.exists()
