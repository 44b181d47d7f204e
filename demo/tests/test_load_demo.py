from collections import Counter
from decimal import Decimal

from django.db.models import Count

from accounts.models import Office, Role, Site, User
from cases.models import Referral, Topic
from clients.models import Consent, Person
from schedule.models import HoursBudget, HoursRule

# Seed 004, question 2: guides and weekly hours per district.
MV_HOURS = {
    "SN": [30, 30],
    "HRO": [30, 30, 30],
    "NWM": [40, 35, 25],
    "LUP": [40, 40],
    "LRO": [40, 40, 40, 40],
    "MSE": [30, 40],
    "VG": [40] * 7,
    "VR": [30, 40],
}


def test_demo_has_the_offices_of_the_seeds(small_demo):
    codes = set(Office.objects.values_list("code", flat=True))
    assert codes == {"ERZ", "GR", *MV_HOURS}
    assert set(
        Office.objects.filter(code__in=MV_HOURS).values_list("federal_state", flat=True)
    ) == {"MV"}


def test_erzgebirgskreis_keeps_hours_at_its_four_sites(small_demo):
    sites = Site.objects.filter(office__code="ERZ").values_list("name", flat=True)
    assert sorted(sites) == [
        "Annaberg-Buchholz",
        "Aue-Bad Schlema",
        "Marienberg",
        "Stollberg",
    ]


def test_mv_guides_work_the_weekly_hours_of_seed_004(small_demo):
    guides = User.objects.filter(
        role_grants__role=Role.GUIDE, office__federal_state="MV"
    )
    hours: dict[str, list[int]] = {}
    for guide in guides.select_related("office"):
        hours.setdefault(guide.office.code, []).append(int(guide.weekly_hours))
    assert {code: sorted(h) for code, h in hours.items()} == {
        code: sorted(h) for code, h in MV_HOURS.items()
    }
    # The seed's text says 24 guides; its table lists 25 with 910 hours a week.
    assert guides.count() == 25
    assert sum(g.weekly_hours for g in guides) == Decimal(910)


def test_honorary_commissioner_and_deputy_have_no_weekly_hours(small_demo):
    for username, role in [
        ("beauftragter", Role.COMMISSIONER),
        ("stellvertreterin", Role.DEPUTY),
    ]:
        user = User.objects.get(username=username)
        assert user.office.code == "ERZ"
        assert user.roles == {role}
        assert user.weekly_hours is None


def test_ministry_sees_aggregates_without_an_office(small_demo):
    ministry = User.objects.get(username="ministerium")
    assert ministry.office is None
    assert ministry.roles == {Role.STATE_VIEW}


def test_referrals_pass_on_personal_data_only_under_an_active_consent(small_demo):
    sharing = Referral.objects.filter(shares_personal_data=True)
    assert sharing.exists()
    for referral in sharing.select_related("partner", "person"):
        consents = Consent.objects.covering_partner(referral.partner)
        assert consents.filter(person=referral.person, pk=referral.consent_id).exists()
    assert not Referral.objects.filter(
        shares_personal_data=False, consent__isnull=False
    ).exists()


def test_case_numbers_follow_the_opening_dates(small_demo):
    for office in Office.objects.all():
        concerns = list(office.concerns.order_by("year", "sequence"))
        assert [c.opened_on for c in concerns] == sorted(c.opened_on for c in concerns)
        assert all(
            c.number == f"{office.code}-{c.year}-{c.sequence:05d}" for c in concerns
        )


def test_guides_care_for_clients_of_their_own_office(small_demo):
    mv_persons = Person.objects.filter(office__federal_state="MV")
    assert mv_persons.exists()
    assert not mv_persons.annotate(n=Count("guides")).filter(n=0).exists()
    links = Person.guides.through.objects.select_related("person", "user")
    assert all(link.person.office_id == link.user.office_id for link in links)


def test_every_office_has_its_topics(small_demo):
    per_office = Counter(Topic.objects.values_list("office__code", flat=True))
    assert len(per_office) == 10
    assert len(set(per_office.values())) == 1


def test_commissioner_and_deputy_share_24_hours_at_the_four_sites(small_demo):
    rules = HoursRule.objects.filter(office__code="ERZ")
    assert {rule.site.name for rule in rules} == {
        "Annaberg-Buchholz",
        "Aue-Bad Schlema",
        "Marienberg",
        "Stollberg",
    }
    # Monthly rules: each takes place once a month; the outreach day adds 3.
    assert sum(rule.minutes for rule in rules) == 21 * 60
    budget = HoursBudget.objects.get(office__code="ERZ")
    assert budget.hours_per_month == 24
    assert {u.username for u in budget.members.all()} == {
        "beauftragter",
        "stellvertreterin",
    }
