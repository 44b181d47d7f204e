from .factories import make_concern, make_person


def test_case_number_opens_the_concern(cast):
    concern = make_concern(cast.erz, cast.carla, make_person(cast.erz))
    response = cast.client("carla").get(f"/search/?q={concern.number.lower()}")
    assert response.status_code == 302
    assert response["Location"] == f"/concerns/{concern.pk}/"


def test_case_number_of_another_office_is_not_found(cast):
    foreign = make_concern(cast.gr, cast.otto, make_person(cast.gr))
    foreign.number = "ERZ-2026-09999"  # even a look-alike number stays hidden
    foreign.save()
    response = cast.client("carla").get("/search/?q=ERZ-2026-09999")
    assert response.status_code == 200
    assert "No concern found." in response.content.decode()


def test_name_search_folds_transliteration_variants(cast):
    make_person(cast.erz, "Haddad", "Mohammed")
    make_person(cast.erz, "Kovalenko", "Oleksandr", name_original="Олександр Коваленко")
    make_person(cast.erz, "Nasser", "Yusuf")
    client = cast.client("carla")
    assert (
        "Haddad, Mohammed" in client.get("/search/?q=Muhammad Hadad").content.decode()
    )
    assert "Kovalenko, Oleksandr" in client.get("/search/?q=Aleksandr").content.decode()
    assert "Kovalenko, Oleksandr" in client.get("/search/?q=Олександр").content.decode()
    assert "Nasser, Yusuf" in client.get("/search/?q=Youssef").content.decode()
    page = client.get("/search/?q=Jusuf").content.decode()
    assert "Haddad" not in page


def test_name_search_joins_split_names(cast):
    make_person(cast.erz, "Abdulrahman", "Ali")
    page = cast.client("carla").get("/search/?q=Abd al-Rahman").content.decode()
    assert "Abdulrahman, Ali" in page


def test_name_search_never_shows_another_office(cast):
    make_person(cast.gr, "Haddad", "Mohammed")
    page = cast.client("carla").get("/search/?q=Mohammed").content.decode()
    assert "Haddad" not in page


def test_guide_finds_only_persons_she_may_see(cast):
    mine = make_person(cast.erz, "Haddad", "Mohammed")
    mine.guides.add(cast.gina)
    make_person(cast.erz, "Haddad", "Muhammad")
    page = cast.client("gina").get("/search/?q=Haddad").content.decode()
    assert "Haddad, Mohammed" in page
    assert "Haddad, Muhammad" not in page


def test_long_or_strange_queries_do_not_fail(cast):
    client = cast.client("carla")
    for query in ["x" * 5000, "%_%", "' OR 1=1 --", "\u202e", "<b>"]:
        assert client.get("/search/", {"q": query}).status_code == 200
