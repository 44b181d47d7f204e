"""The demo's own users can work with the demo's data: no page breaks on it."""

from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from cases.models import Concern
from clients.models import Person


def demo_client(username: str) -> Client:
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def test_commissioner_opens_desk_lists_and_records_of_the_demo(small_demo):
    client = demo_client("beauftragter")
    erz = User.objects.get(username="beauftragter").office
    urls = [
        reverse("cases:desk"),
        reverse("cases:concern_list") + "?status=all&per_page=100",
        reverse("clients:person_list"),
        reverse("cases:search") + "?q=Muhammad",
    ]
    urls += [c.get_absolute_url() for c in Concern.objects.filter(office=erz)[:10]]
    urls += [
        reverse("clients:person_detail", args=[p.pk])
        for p in Person.objects.filter(office=erz)[:10]
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_guide_opens_the_records_of_own_clients_in_the_demo(small_demo):
    guide = (
        User.objects.filter(role_grants__role=Role.GUIDE)
        .annotate(clients_count=Count("clients"))
        .order_by("-clients_count")
        .first()
    )
    assert guide is not None and guide.clients_count > 0
    client = demo_client(guide.username)
    for person in guide.clients.all():
        url = reverse("clients:person_detail", args=[person.pk])
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("cases:desk")).status_code == 200


def test_ministry_and_analyst_see_the_statistics_of_the_demo(small_demo):
    assert demo_client("ministerium").get(reverse("reports:state")).status_code == 200
    assert demo_client("analyse").get(reverse("reports:office")).status_code == 200
