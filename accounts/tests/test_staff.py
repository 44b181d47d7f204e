from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, RoleGrant, User


def new_member(**changes) -> dict:
    data = {
        "username": "nora",
        "first_name": "Nora",
        "last_name": "Neumann",
        "email": "nora@example.org",
        "weekly_hours": "30",
        "roles": [Role.GUIDE, Role.OFFICE_STAFF],
        "password": "Wiesenblume-Kompass-47",
    }
    return data | changes


def edit_data(user: User, **changes) -> dict:
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": f"{user.username}@example.org",
        "weekly_hours": "",
        "roles": sorted(user.roles),
        "is_active": "on",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_list_shows_only_the_own_office(cast):
    page = cast.client("ada").get("/accounts/staff/").content.decode()
    assert "gina" in page
    assert "Integration guide" in page
    assert "otto" not in page
    assert "stella" not in page


def test_commissioner_of_other_office_sees_only_her_own_staff(cast):
    page = cast.client("otto").get("/accounts/staff/").content.decode()
    assert "otto" in page
    assert "gina" not in page


def test_create_stores_roles_and_office(cast):
    response = cast.client("ada").post("/accounts/staff/new/", new_member())
    assert response.status_code == 302
    nora = User.objects.get(username="nora")
    assert nora.office == cast.erz
    assert nora.roles == {Role.GUIDE, Role.OFFICE_STAFF}
    assert nora.check_password("Wiesenblume-Kompass-47")
    assert str(nora.weekly_hours) == "30.0"


def test_new_member_must_pair_an_authenticator_at_first_login(cast):
    cast.client("carla").post("/accounts/staff/new/", new_member())
    client = Client(headers={"accept-language": "en"})
    response = client.post(
        "/accounts/login/",
        {"username": "nora", "password": "Wiesenblume-Kompass-47", "otp_token": ""},
    )
    assert response["Location"] == "/accounts/second-factor/"


def assert_refused(response, field: str) -> None:
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not User.objects.filter(username__in=["nora", "Gina"]).exists()


def test_weak_password_is_refused(cast):
    response = cast.client("ada").post(
        "/accounts/staff/new/", new_member(password="password")
    )
    assert_refused(response, "password")


def test_password_like_the_name_is_refused(cast):
    response = cast.client("ada").post(
        "/accounts/staff/new/", new_member(password="NoraNeumann1")
    )
    assert_refused(response, "password")


def test_duplicate_user_name_is_refused(cast):
    response = cast.client("ada").post(
        "/accounts/staff/new/", new_member(username="gina")
    )
    assert_refused(response, "username")
    assert User.objects.filter(username="gina").count() == 1


def test_user_name_differing_only_in_case_is_refused(cast):
    response = cast.client("ada").post(
        "/accounts/staff/new/", new_member(username="Gina")
    )
    assert_refused(response, "username")


def test_weekly_hours_above_sixty_are_refused(cast):
    response = cast.client("ada").post(
        "/accounts/staff/new/", new_member(weekly_hours="99")
    )
    assert_refused(response, "weekly_hours")


def test_state_view_is_not_offered(cast):
    client = cast.client("ada")
    page = client.get("/accounts/staff/new/").content.decode()
    assert 'value="state_view"' not in page
    assert 'value="guide"' in page
    response = client.post("/accounts/staff/new/", new_member(roles=[Role.STATE_VIEW]))
    assert_refused(response, "roles")


def test_edit_changes_roles_and_keeps_history(cast):
    client = cast.client("ada")
    response = client.post(
        f"/accounts/staff/{cast.gina.pk}/",
        edit_data(cast.gina, roles=[Role.DEPUTY], weekly_hours="20"),
    )
    assert response.status_code == 302
    gina = User.objects.get(pk=cast.gina.pk)
    assert gina.roles == {Role.DEPUTY}
    assert str(gina.weekly_hours) == "20.0"
    withdrawn = RoleGrant.history.filter(user_id=gina.pk, role=Role.GUIDE)
    assert withdrawn.filter(history_type="-").exists()


def test_edit_can_deactivate_someone_else(cast):
    cast.client("carla").post(
        f"/accounts/staff/{cast.gina.pk}/", edit_data(cast.gina, is_active=None)
    )
    assert User.objects.get(pk=cast.gina.pk).is_active is False


def test_administrator_cannot_remove_her_own_administrator_role(cast):
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.ada.pk}/", edit_data(cast.ada, roles=[Role.GUIDE])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["roles"]
    assert User.objects.get(pk=cast.ada.pk).roles == {Role.ADMINISTRATOR}


def test_administrator_cannot_deactivate_herself(cast):
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.ada.pk}/", edit_data(cast.ada, is_active=None)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["is_active"]
    assert User.objects.get(pk=cast.ada.pk).is_active is True


def test_reset_deletes_devices_and_the_user_pairs_again(cast):
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.gina.pk}/second-factor/reset/"
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.gina).exists()
    client = Client(headers={"accept-language": "en"})
    login = client.post(
        "/accounts/login/",
        {"username": "gina", "password": "gina-password-123", "otp_token": ""},
    )
    assert login["Location"] == "/accounts/second-factor/"


def test_reset_needs_post(cast):
    response = cast.client("ada").get(
        f"/accounts/staff/{cast.gina.pk}/second-factor/reset/"
    )
    assert response.status_code == 405
    assert TOTPDevice.objects.filter(user=cast.gina).exists()


def test_guide_and_analyst_are_refused(cast):
    for name in ("gina", "anton"):
        client = cast.client(name)
        assert client.get("/accounts/staff/").status_code == 403
        assert client.get("/accounts/staff/new/").status_code == 403
        assert client.get(f"/accounts/staff/{cast.olga.pk}/").status_code == 403


def test_other_office_cannot_open_or_reset_an_erz_member(cast):
    client = cast.client("otto")
    assert client.get(f"/accounts/staff/{cast.gina.pk}/").status_code == 404
    reset = client.post(f"/accounts/staff/{cast.gina.pk}/second-factor/reset/")
    assert reset.status_code == 404
    assert TOTPDevice.objects.filter(user=cast.gina).exists()


def test_anonymous_is_sent_to_login(client, cast):
    response = client.get("/accounts/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_link_shows_for_administrators_only(cast):
    assert (
        'href="/accounts/staff/"'
        in cast.client("ada").get("/settings/topics/").content.decode()
    )
    assert (
        'href="/accounts/staff/"'
        not in cast.client("gina").get("/desk/").content.decode()
    )


def test_administrator_sets_a_new_password_for_someone_who_forgot_it(cast):
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.gina.pk}/",
        edit_data(cast.gina, new_password="Leuchtturm-Morgenrot-83"),
    )
    assert response.status_code == 302
    assert User.objects.get(pk=cast.gina.pk).check_password("Leuchtturm-Morgenrot-83")


def test_leaving_the_new_password_empty_keeps_the_old_one(cast):
    cast.client("ada").post(f"/accounts/staff/{cast.gina.pk}/", edit_data(cast.gina))
    assert User.objects.get(pk=cast.gina.pk).check_password("gina-password-123")


def test_weak_new_password_is_refused(cast):
    response = cast.client("ada").post(
        f"/accounts/staff/{cast.gina.pk}/",
        edit_data(cast.gina, new_password="gina1234"),
    )
    assert response.status_code == 200
    assert User.objects.get(pk=cast.gina.pk).check_password("gina-password-123")
