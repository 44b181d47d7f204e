"""What the demo installation is made of: offices, staff, partners and name pools.

Everything here is invented except the place names, the partner agencies'
public names and what the source documents in seeds/ say (the four sites of
the Erzgebirgskreis, seed 000; the integration guides of Mecklenburg-Vorpommern
and their weekly hours, seed 004). Addresses, people and cases are made up.
"""

import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# One password for every demo user; shown on the login page of the demo.
DEMO_PASSWORD = "Lotse-Demo-2026"

_DIGIT_WORDS = ["NULL", "EINS", "ZWEI", "DREI", "VIER", "FUENF", "SECHS", "SIEBEN"]


def totp_secret(username: str) -> str:
    """A readable base32 secret (20 bytes) derived from the user name.

    "lotse-vg-3" gives LOTSEVGDREIDEMOLOTSEDEMOLOTSEDEM: anyone can retype it
    into an authenticator app, which is the point of a demo and nothing else.
    """
    letters = re.sub(r"\d", lambda m: _DIGIT_WORDS[int(m.group())], username.upper())
    letters = re.sub(r"[^A-Z]", "", letters)
    return (letters + "DEMOLOTSE" * 4)[:32]


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    weekly_hours: int | None = None
    note: str | Promise = ""
    # For a state viewer: the federal state whose offices they see.
    federal_state: str = ""


@dataclass(frozen=True)
class OfficeSpec:
    name: str
    code: str
    slug: str
    federal_state: str
    commissioner_title: str = ""
    address: str = ""
    email: str = ""
    # (name, address, accessibility)
    sites: tuple[tuple[str, str, str], ...] = ()
    # (name, district or region); a region named like a site is served there.
    municipalities: tuple[tuple[str, str], ...] = ()
    # (partner kind, name, municipalities served)
    partners: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    staff: tuple[StaffSpec, ...] = ()
    clients: int = 0
    concerns: int = 0
    # Origin groups (ORIGINS) and their weights among this office's clients.
    origins: dict[str, int] = field(default_factory=dict)
    # Share of clients whose status is "protection" whatever their origin:
    # the guides of seed 004 care for recognised refugees.
    recognised_share: float = 0.0
    # Concerns of a whole group, e.g. the residents of one accommodation.
    groups: tuple[str, ...] = ()


# --- Erzgebirgskreis (seed 000) -------------------------------------------

_ACCESS_LIFT = "Stufenloser Zugang am Seiteneingang, Aufzug, barrierefreies WC im EG."
_ERZ_MAIN = (
    "Landratsamt Erzgebirgskreis\nPaulus-Jenisius-Weg 7\n09456 Annaberg-Buchholz"
)
_ACCESS_RAMP = "Rampe am Haupteingang, Beratungsraum im Erdgeschoss."

ERZ_REGIONS = {
    "aue": "Raum Aue-Bad Schlema",
    "stl": "Raum Stollberg",
    "anna": "Raum Annaberg-Buchholz",
    "mbg": "Raum Marienberg",
}

ERZ = OfficeSpec(
    name="Erzgebirgskreis",
    code="ERZ",
    slug="erzgebirgskreis",
    federal_state="SN",
    commissioner_title=(
        "Ehrenamtlicher Integrations- und Ausländerbeauftragter des Erzgebirgskreises"
    ),
    address=_ERZ_MAIN,
    email="integration@erzgebirgskreis.example",
    sites=(
        (
            "Aue-Bad Schlema",
            "Landratsamt, Dienststelle Aue\nLessingstraße 14\n08280 Aue-Bad Schlema",
            _ACCESS_LIFT,
        ),
        (
            "Stollberg",
            "Landratsamt, Dienststelle Stollberg\nHohensteiner Weg 3\n"
            "09366 Stollberg/Erzgeb.",
            _ACCESS_RAMP,
        ),
        (
            "Annaberg-Buchholz",
            _ERZ_MAIN,
            _ACCESS_LIFT,
        ),
        (
            "Marienberg",
            "Landratsamt, Dienststelle Marienberg\nAm Lautengrund 9\n09496 Marienberg",
            "Zugang über den Hof, drei Stufen mit Handlauf; Beratung bei Bedarf im "
            "Bürgerbüro im Erdgeschoss.",
        ),
    ),
    municipalities=(
        ("Aue-Bad Schlema", ERZ_REGIONS["aue"]),
        ("Schwarzenberg/Erzgeb.", ERZ_REGIONS["aue"]),
        ("Lößnitz", ERZ_REGIONS["aue"]),
        ("Schneeberg", ERZ_REGIONS["aue"]),
        ("Johanngeorgenstadt", ERZ_REGIONS["aue"]),
        ("Eibenstock", ERZ_REGIONS["aue"]),
        ("Zwönitz", ERZ_REGIONS["aue"]),
        ("Stollberg/Erzgeb.", ERZ_REGIONS["stl"]),
        ("Thalheim/Erzgeb.", ERZ_REGIONS["stl"]),
        ("Oelsnitz/Erzgeb.", ERZ_REGIONS["stl"]),
        ("Lugau", ERZ_REGIONS["stl"]),
        ("Annaberg-Buchholz", ERZ_REGIONS["anna"]),
        ("Thum", ERZ_REGIONS["anna"]),
        ("Ehrenfriedersdorf", ERZ_REGIONS["anna"]),
        ("Geyer", ERZ_REGIONS["anna"]),
        ("Marienberg", ERZ_REGIONS["mbg"]),
        ("Olbernhau", ERZ_REGIONS["mbg"]),
        ("Zschopau", ERZ_REGIONS["mbg"]),
    ),
    partners=(
        ("immigration_authority", "Ausländerbehörde des Erzgebirgskreises", ()),
        ("jobcenter", "Jobcenter Erzgebirgskreis", ()),
        ("employment_agency", "Agentur für Arbeit Annaberg-Buchholz", ()),
        ("bamf", "BAMF Außenstelle Chemnitz", ()),
        ("state_directorate", "Landesdirektion Sachsen", ()),
        ("embassy", "Botschaft der Ukraine", ()),
        ("embassy", "Botschaft der Republik Irak", ()),
        ("embassy", "Generalkonsulat der Republik Türkei in Leipzig", ()),
        ("municipality", "Stadtverwaltung Aue-Bad Schlema", ("Aue-Bad Schlema",)),
        ("municipality", "Stadtverwaltung Annaberg-Buchholz", ("Annaberg-Buchholz",)),
        ("municipality", "Stadtverwaltung Stollberg/Erzgeb.", ("Stollberg/Erzgeb.",)),
        ("municipality", "Stadtverwaltung Marienberg", ("Marienberg",)),
        ("municipality", "Bürgermeister der Stadt Olbernhau", ("Olbernhau",)),
        ("county_department", "Sozialamt des Erzgebirgskreises", ()),
        ("county_department", "Jugendamt des Erzgebirgskreises", ()),
        (
            "welfare",
            "Diakonisches Werk Aue/Schwarzenberg",
            ("Aue-Bad Schlema", "Schwarzenberg/Erzgeb.", "Schneeberg"),
        ),
        (
            "welfare",
            "Caritas Beratungsstelle Annaberg-Buchholz",
            ("Annaberg-Buchholz",),
        ),
        ("welfare", "AWO Erzgebirge", ()),
        (
            "welfare",
            "DRK-Kreisverband Stollberg",
            ("Stollberg/Erzgeb.", "Thalheim/Erzgeb.", "Oelsnitz/Erzgeb.", "Lugau"),
        ),
        ("welfare", "DRK-Kreisverband Marienberg", ("Marienberg", "Olbernhau")),
        ("refugee_council", "Sächsischer Flüchtlingsrat", ()),
        ("state_commissioner", "Sächsischer Ausländerbeauftragter", ()),
        ("welcome_centre", "Welcome Center Erzgebirgskreis", ()),
        ("other", "IBAS", ()),
        ("volunteers", "Helferkreis Aue-Bad Schlema", ("Aue-Bad Schlema",)),
        ("volunteers", "Helferkreis Olbernhau", ("Olbernhau",)),
        (
            "accommodation",
            "Gemeinschaftsunterkunft Schneeberg – Betreiber und Sozialbetreuung",
            ("Schneeberg",),
        ),
        (
            "migration_counselling",
            "Migrationsberatung für erwachsene Zuwanderer (MBE) Annaberg-Buchholz",
            (),
        ),
        ("youth_migration", "Jugendmigrationsdienst Erzgebirge", ()),
        ("debt_counselling", "Schuldner- und Insolvenzberatung Stollberg", ()),
        ("addiction_counselling", "Suchtberatung Marienberg", ()),
        ("family_counselling", "Ehe-, Familien- und Lebensberatung Aue", ()),
        ("health_insurer", "AOK PLUS Filiale Annaberg-Buchholz", ()),
        ("bank", "Erzgebirgssparkasse", ()),
        (
            "housing_company",
            "Wohnungsgesellschaft Aue-Bad Schlema",
            ("Aue-Bad Schlema",),
        ),
        ("school", "Oberschule Zschopau", ("Zschopau",)),
        ("school", "Berufliches Schulzentrum Annaberg-Buchholz", ()),
        ("club", "Interkultureller Sportverein Thalheim", ("Thalheim/Erzgeb.",)),
    ),
    staff=(
        StaffSpec(
            "beauftragter",
            "Frank",
            "Uhlig",
            ("commissioner",),
            note=_("honorary, 24 hours a month together with the deputy"),
        ),
        StaffSpec(
            "stellvertreterin",
            "Ines",
            "Bräuer",
            ("deputy",),
            note=_("honorary, stands in for the commissioner"),
        ),
        StaffSpec("buero", "Petra", "Lorenz", ("office_staff",), 40),
        StaffSpec("analyse", "Jens", "Kaden", ("analyst",), 40),
        StaffSpec("admin-erz", "Tobias", "Fiedler", ("administrator",), 40),
    ),
    clients=300,
    concerns=600,
    origins={
        "ua": 26,
        "sy": 18,
        "sy_kurd": 5,
        "af_dari": 9,
        "af_pashto": 4,
        "iq": 4,
        "iq_kurd": 2,
        "tr": 5,
        "ru": 3,
        "aussiedler": 4,
        "er": 3,
        "ir": 3,
        "so": 2,
        "vn": 3,
        "xx": 2,
        "ge": 1,
        "eu": 4,
        "de": 2,
    },
    groups=("Bewohner der Gemeinschaftsunterkunft Schneeberg",),
)

# --- Landkreis Görlitz (seed 003) -----------------------------------------

GR = OfficeSpec(
    name="Landkreis Görlitz",
    code="GR",
    slug="goerlitz",
    federal_state="SN",
    commissioner_title="Beauftragte für Integration und Teilhabe",
    address="Landratsamt Görlitz\nAm Obermarkt 40\n02826 Görlitz",
    email="integration@landkreis-goerlitz.example",
    sites=(
        (
            "Görlitz",
            "Landratsamt Görlitz\nAm Obermarkt 40\n02826 Görlitz",
            _ACCESS_LIFT,
        ),
    ),
    municipalities=(
        ("Görlitz", "Görlitz"),
        ("Niesky", "Niesky"),
        ("Zittau", "Zittau"),
        ("Weißwasser/O.L.", "Weißwasser"),
        ("Löbau", "Löbau"),
        ("Ebersbach-Neugersdorf", "Löbau"),
        ("Rothenburg/O.L.", "Niesky"),
        ("Reichenbach/O.L.", "Görlitz"),
        ("Herrnhut", "Löbau"),
    ),
    partners=(
        ("immigration_authority", "Ausländerbehörde des Landkreises Görlitz", ()),
        ("jobcenter", "Jobcenter Landkreis Görlitz", ()),
        (
            "employment_agency",
            "Agentur für Arbeit Bautzen, Geschäftsstelle Görlitz",
            (),
        ),
        ("bamf", "BAMF Außenstelle Dresden", ()),
        ("state_directorate", "Landesdirektion Sachsen", ()),
        ("municipality", "Stadtverwaltung Niesky", ("Niesky",)),
        ("municipality", "Stadtverwaltung Zittau", ("Zittau",)),
        ("welfare", "Diakonie Oberlausitz", ()),
        ("welfare", "DRK-Kreisverband Görlitz", ("Görlitz",)),
        ("refugee_council", "Sächsischer Flüchtlingsrat", ()),
        ("state_commissioner", "Sächsischer Ausländerbeauftragter", ()),
        (
            "accommodation",
            "Gemeinschaftsunterkunft Niesky – Betreiber und Sozialbetreuung",
            ("Niesky",),
        ),
        ("migration_counselling", "Migrationsberatung (MBE) Görlitz", ()),
        ("health_insurer", "AOK PLUS Filiale Görlitz", ()),
        ("school", "Grundschule Niesky", ("Niesky",)),
        ("volunteers", "Helferkreis Weißwasser", ("Weißwasser/O.L.",)),
    ),
    staff=(
        StaffSpec(
            "beauftragte-gr",
            "Katrin",
            "Wendler",
            ("commissioner",),
            40,
            note=_("full-time"),
        ),
    ),
    clients=150,
    concerns=300,
    origins={
        "sy": 16,
        "ua": 20,
        "af_dari": 10,
        "af_pashto": 4,
        "iq": 5,
        "iq_kurd": 3,
        "tr": 6,
        "ru": 4,
        "er": 4,
        "ir": 3,
        "so": 3,
        "ge": 3,
        "xx": 2,
        "eu": 8,
        "de": 4,
    },
    groups=(
        "Bewohner der Gemeinschaftsunterkunft Niesky",
        "Bewohnerinnen und Bewohner der Gemeinschaftsunterkunft Niesky, Haus 2",
        "Anwohner der geplanten Erweiterung der Unterkunft in Niesky",
    ),
)

# --- Mecklenburg-Vorpommern (seed 004) ------------------------------------
# The seed's text speaks of "24 guides in 8 districts", but its table adds up
# to 25 (2+3+3+2+4+2+7+2). The table is the fact; the demo creates 25.

MV_ORIGINS = {
    "sy": 35,
    "af_dari": 14,
    "af_pashto": 5,
    "ua": 12,
    "iq": 6,
    "iq_kurd": 3,
    "er": 8,
    "so": 5,
    "ir": 5,
    "xx": 3,
}

_MV_GUIDE_NAMES = [
    ("Anja", "Krüger"),
    ("Maik", "Bartels"),
    ("Sandra", "Voß"),
    ("Rami", "Saleh"),
    ("Kathleen", "Jahnke"),
    ("Steffen", "Peters"),
    ("Dilara", "Yıldız"),
    ("Christin", "Lange"),
    ("Marco", "Stüdemann"),
    ("Nadine", "Köpke"),
    ("René", "Brandt"),
    ("Jana", "Wichmann"),
    ("Ahmad", "Nasser"),
    ("Susann", "Kröger"),
    ("Daniel", "Rosenow"),
    ("Mandy", "Thiede"),
    ("Olga", "Hartmann"),
    ("Henning", "Witt"),
    ("Yvonne", "Ramelow"),
    ("Karim", "Mansour"),
    ("Ulrike", "Behn"),
    ("Sebastian", "Dittmer"),
    ("Franziska", "Möller"),
    ("Tim", "Haase"),
    ("Marlen", "Schult"),
]

_EDUCATION_NOTE = _("education integration guide: childcare and school")


def _mv_office(
    name: str,
    code: str,
    slug: str,
    hours: tuple[int, ...],
    towns: tuple[str, ...],
    first_guide: int,
    notes: dict[int, str | Promise] | None = None,
    main: str = "",
) -> OfficeSpec:
    staff = tuple(
        StaffSpec(
            f"lotse-{code.lower()}-{n + 1}",
            *_MV_GUIDE_NAMES[first_guide + n],
            ("guide",),
            weekly,
            note=(notes or {}).get(n, ""),
        )
        for n, weekly in enumerate(hours)
    )
    main = main or towns[0]
    return OfficeSpec(
        name=name,
        code=code,
        slug=slug,
        federal_state="MV",
        commissioner_title="",
        email=f"integrationslotsen@{slug}.example",
        municipalities=tuple((town, "") for town in towns),
        partners=_mv_partners(name, main, main in towns),
        staff=staff,
        clients=16 + 3 * len(hours),
        concerns=30 + 2 * len(hours),
        origins=MV_ORIGINS,
        recognised_share=0.8,
    )


def _mv_partners(
    office_name: str, main: str, is_municipality: bool
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    # Seed 004: flyers lie at the immigration authority, employment agency,
    # banks, health insurers, housing companies and other associations.
    region = office_name.removeprefix("Landeshauptstadt ")
    local = (main,) if is_municipality else ()
    return (
        ("immigration_authority", f"Ausländerbehörde {region}", ()),
        ("jobcenter", f"Jobcenter {region}", ()),
        ("employment_agency", f"Agentur für Arbeit, Geschäftsstelle {main}", ()),
        ("migration_counselling", f"AWO-Migrationsberatung {main}", ()),
        ("health_insurer", f"AOK Nordost, Servicecenter {main}", ()),
        ("bank", f"Sparkasse, Filiale {main}", local),
        ("housing_company", f"Wohnungsgesellschaft {main}", local),
        ("school", f"Grundschule am Markt {main}", local),
        ("addiction_counselling", f"Suchtberatung {main}", ()),
        ("debt_counselling", f"Schuldnerberatung {main}", ()),
        ("refugee_council", "Flüchtlingsrat Mecklenburg-Vorpommern", ()),
        (
            "state_commissioner",
            "Integrationsbeauftragte der Landesregierung Mecklenburg-Vorpommern",
            (),
        ),
    )


MV_OFFICES = (
    _mv_office(
        "Landeshauptstadt Schwerin",
        "SN",
        "schwerin",
        (30, 30),
        ("Weststadt", "Lankow", "Neu Zippendorf", "Mueßer Holz", "Altstadt"),
        0,
        {1: _EDUCATION_NOTE},
        main="Schwerin",
    ),
    _mv_office(
        "Hansestadt Rostock",
        "HRO",
        "rostock",
        (30, 30, 30),
        ("Lütten Klein", "Groß Klein", "Evershagen", "Toitenwinkel", "Südstadt"),
        2,
        main="Rostock",
    ),
    _mv_office(
        "Landkreis Nordwestmecklenburg",
        "NWM",
        "nordwestmecklenburg",
        (40, 35, 25),
        ("Wismar", "Grevesmühlen", "Gadebusch", "Bad Kleinen", "Rehna"),
        5,
    ),
    _mv_office(
        "Landkreis Ludwigslust-Parchim",
        "LUP",
        "ludwigslust-parchim",
        (40, 40),
        ("Ludwigslust", "Parchim", "Hagenow", "Boizenburg/Elbe", "Lübz"),
        8,
    ),
    _mv_office(
        "Landkreis Rostock",
        "LRO",
        "landkreis-rostock",
        (40, 40, 40, 40),
        ("Güstrow", "Bad Doberan", "Teterow", "Bützow", "Sanitz"),
        10,
    ),
    _mv_office(
        "Landkreis Mecklenburgische Seenplatte",
        "MSE",
        "seenplatte",
        (30, 40),
        ("Neubrandenburg", "Waren (Müritz)", "Neustrelitz", "Demmin", "Malchin"),
        14,
    ),
    _mv_office(
        "Landkreis Vorpommern-Greifswald",
        "VG",
        "vorpommern-greifswald",
        (40, 40, 40, 40, 40, 40, 40),
        ("Greifswald", "Anklam", "Pasewalk", "Ueckermünde", "Wolgast", "Torgelow"),
        16,
    ),
    _mv_office(
        "Landkreis Vorpommern-Rügen",
        "VR",
        "vorpommern-ruegen",
        (30, 40),
        ("Stralsund", "Bergen auf Rügen", "Ribnitz-Damgarten", "Barth", "Grimmen"),
        23,
    ),
)

OFFICES = (ERZ, GR, *MV_OFFICES)

# Installation-wide users, without an office.
STATE_STAFF = (
    StaffSpec(
        "ministerium",
        "Martina",
        "Behrens",
        ("state_view",),
        note=_("state ministry of Mecklenburg-Vorpommern: aggregates only"),
        federal_state="MV",
    ),
)

# Staff who join after the invented caseload is generated, so that the
# Erzgebirgskreis' clients stay with its commissioner and deputy: a guide
# who asks for mediators, and a mediator with their own login (issue 5).
LATER_STAFF = {
    # Keeps the register of accommodations and inspects them (issue 9).
    "GR": (
        StaffSpec(
            "unterbringung-gr",
            "Jan",
            "Pohl",
            ("office_staff",),
            40,
            note=_("accommodation controlling: register, occupancy, inspections"),
        ),
    ),
    # Who takes in the recognition lists and assigns them to the guides.
    "NWM": (
        StaffSpec(
            "koordination-nwm",
            "Katrin",
            "Lübbe",
            ("office_staff",),
            30,
            note=_("coordinates the integration guides, imports recognition lists"),
        ),
    ),
    "ERZ": (
        StaffSpec("lotse-erz", "Maria", "Weber", ("guide",), 30),
        StaffSpec(
            "sprachmittler-dari",
            "Farid",
            "Ahmadi",
            ("mediator",),
            note=_("freelance language mediator (Dari, Pashto, Persian)"),
        ),
    ),
}

ALL_STAFF = (
    tuple(s for spec in OFFICES for s in spec.staff)
    + tuple(s for specs in LATER_STAFF.values() for s in specs)
    + STATE_STAFF
)
DEMO_USERNAMES = tuple(s.username for s in ALL_STAFF)

# --- Names -----------------------------------------------------------------
# A name is its Latin spellings (the first is the most common) and its form in
# the original script, if any. The variants are what papers, offices and the
# person themselves write differently.

Name = tuple[tuple[str, ...], str]


@dataclass(frozen=True)
class Origin:
    # Nationality sets to draw from; XX is stateless or unclear.
    countries: tuple[tuple[str, ...], ...]
    # ISO 639-3 codes with weights; the first drawn is the main language.
    languages: tuple[tuple[str, int], ...]
    statuses: tuple[tuple[str, int], ...]
    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    # Share of birth dates known only by year (written 01.01.YYYY).
    year_only: float = 0.0
    # Suffix of women's family names (Latin, original script), e.g. Russian -a.
    feminine: tuple[str, str] = ("", "")
    # Vietnamese names start with the family name.
    family_first: bool = False


ARABIC_MALE: tuple[Name, ...] = (
    (("Mohammed", "Muhammad", "Mohamad", "Mohamed"), "محمد"),
    (("Ahmad", "Ahmed"), "أحمد"),
    (("Yusuf", "Youssef", "Yousef", "Jusuf"), "يوسف"),
    (("Abdul Rahman", "Abdulrahman", "Abdelrahman", "Abd al-Rahman"), "عبد الرحمن"),
    (("Omar", "Umar"), "عمر"),
    (("Khaled", "Khalid", "Chaled"), "خالد"),
    (("Hussein", "Husain", "Hussain"), "حسين"),
    (("Ali",), "علي"),
    (("Mahmoud", "Mahmud"), "محمود"),
    (("Ibrahim", "Ebrahim"), "إبراهيم"),
    (("Mustafa", "Moustafa", "Mostafa"), "مصطفى"),
    (("Hassan", "Hasan"), "حسن"),
)
ARABIC_FEMALE: tuple[Name, ...] = (
    (("Fatima", "Fatimah", "Fatme"), "فاطمة"),
    (("Aisha", "Aischa", "Ayesha"), "عائشة"),
    (("Maryam", "Mariam", "Meryem"), "مريم"),
    (("Nour", "Noor", "Nur"), "نور"),
    (("Rasha",), "رشا"),
    (("Zainab", "Zeinab", "Sainab"), "زينب"),
    (("Amal",), "أمل"),
    (("Hiba", "Heba"), "هبة"),
    (("Layla", "Leila", "Laila"), "ليلى"),
    (("Rania",), "رانيا"),
)
ARABIC_FAMILY: tuple[Name, ...] = (
    (("Al-Hassan", "Alhassan", "Al Hasan"), "الحسن"),
    (("Haddad", "Hadad"), "حداد"),
    (("Khalil", "Chalil"), "خليل"),
    (("Al-Ahmad", "Alahmad"), "الأحمد"),
    (("Ibrahim",), "إبراهيم"),
    (("Othman", "Osman", "Uthman"), "عثمان"),
    (("Al-Khatib", "Alkhatib", "El-Chatib"), "الخطيب"),
    (("Hamdan",), "حمدان"),
    (("Suleiman", "Sulaiman", "Soliman"), "سليمان"),
    (("Darwish", "Darwisch"), "درويش"),
    (("Al-Jabouri", "Aljuburi", "Al-Juburi"), "الجبوري"),
    (("Al-Obaidi", "Alubaidi"), "العبيدي"),
    (("Mansour", "Mansur"), "منصور"),
    (("Nasser", "Naser"), "ناصر"),
)
KURDISH_MALE: tuple[Name, ...] = (
    (("Azad",), "ئازاد"),
    (("Rebwar", "Rebuar"), "ڕێبوار"),
    (("Sherwan", "Şêrwan", "Scherwan"), "شێروان"),
    (("Hozan",), "هۆزان"),
    (("Dilshad", "Dilşad"), "دڵشاد"),
    (("Baran",), "باران"),
)
KURDISH_FEMALE: tuple[Name, ...] = (
    (("Rojin",), "ڕۆژین"),
    (("Berfin",), "بەفرین"),
    (("Dilan",), "دیلان"),
    (("Nisrin", "Nesrin"), "نەسرین"),
    (("Shirin", "Şîrîn", "Schirin"), "شیرین"),
)
KURDISH_FAMILY: tuple[Name, ...] = (
    (("Sheikho", "Şêxo", "Scheicho"), "شێخۆ"),
    (("Hassan", "Hasan"), "حەسەن"),
    (("Mustafa", "Mistefa"), "مستەفا"),
    (("Osman", "Usman"), "عوسمان"),
    (("Hawrami", "Hewrami"), "هەورامی"),
    (("Murad", "Mirad"), "موراد"),
)
PERSIAN_MALE: tuple[Name, ...] = (
    (("Mohammad", "Mohammed", "Muhammad"), "محمد"),
    (("Ahmad", "Ahmed"), "احمد"),
    (("Ali",), "علی"),
    (("Hamid",), "حمید"),
    (("Reza", "Resa"), "رضا"),
    (("Mehdi", "Mahdi"), "مهدی"),
    (("Jawad", "Javad", "Dschawad"), "جواد"),
    (("Farid",), "فرید"),
    (("Sayed", "Said", "Seyed"), "سید"),
    (("Mustafa", "Mostafa"), "مصطفی"),
)
PERSIAN_FEMALE: tuple[Name, ...] = (
    (("Zahra", "Sahra"), "زهرا"),
    (("Maryam", "Mariam"), "مریم"),
    (("Fatemeh", "Fatima", "Fatema"), "فاطمه"),
    (("Shabnam", "Schabnam"), "شبنم"),
    (("Parisa",), "پریسا"),
    (("Narges", "Nargis"), "نرگس"),
    (("Mina",), "مینا"),
    (("Soraya", "Suraya"), "ثریا"),
    (("Farzana", "Farsana"), "فرزانه"),
)
PERSIAN_FAMILY: tuple[Name, ...] = (
    (("Ahmadi", "Achmadi"), "احمدی"),
    (("Hosseini", "Husseini", "Hussaini"), "حسینی"),
    (("Rahimi",), "رحیمی"),
    (("Mohammadi", "Muhammadi"), "محمدی"),
    (("Karimi",), "کریمی"),
    (("Rezaei", "Rezai", "Resai"), "رضایی"),
    (("Jafari", "Dschafari", "Jafary"), "جعفری"),
    (("Soltani", "Sultani"), "سلطانی"),
    (("Nazari",), "نظری"),
    (("Heydari", "Haidari", "Haidary"), "حیدری"),
)
PASHTO_FAMILY: tuple[Name, ...] = (
    (("Khan", "Chan"), "خان"),
    (("Wardak",), "وردک"),
    (("Safi",), "صافی"),
    (("Stanikzai", "Stanekzai"), "ستانکزی"),
    (("Popal",), "پوپل"),
)
UKRAINIAN_MALE: tuple[Name, ...] = (
    (("Oleksandr", "Aleksandr", "Olexandr"), "Олександр"),
    (("Serhii", "Serhiy", "Serhij", "Sergej"), "Сергій"),
    (("Andrii", "Andriy", "Andrij"), "Андрій"),
    (("Dmytro", "Dmitro"), "Дмитро"),
    (("Mykola", "Mikola"), "Микола"),
    (("Yurii", "Yuriy", "Jurij"), "Юрій"),
    (("Vitalii", "Vitaliy", "Witalij"), "Віталій"),
)
UKRAINIAN_FEMALE: tuple[Name, ...] = (
    (("Olena", "Jelena", "Elena"), "Олена"),
    (("Iryna", "Irina"), "Ірина"),
    (("Tetiana", "Tetyana", "Tatjana"), "Тетяна"),
    (("Nataliia", "Natalia", "Natalija"), "Наталія"),
    (("Oksana",), "Оксана"),
    (("Yuliia", "Yulia", "Julija"), "Юлія"),
    (("Kateryna", "Katerina"), "Катерина"),
    (("Anastasiia", "Anastasia", "Anastasija"), "Анастасія"),
)
UKRAINIAN_FAMILY: tuple[Name, ...] = (
    (("Kovalenko", "Kowalenko"), "Коваленко"),
    (("Shevchenko", "Schewtschenko"), "Шевченко"),
    (("Bondarenko",), "Бондаренко"),
    (("Tkachenko", "Tkatschenko"), "Ткаченко"),
    (("Kravchenko", "Krawtschenko"), "Кравченко"),
    (("Melnyk", "Melnik"), "Мельник"),
    (("Boiko", "Boyko", "Bojko"), "Бойко"),
    (("Kovalchuk", "Kowaltschuk"), "Ковальчук"),
    (("Oliinyk", "Olijnyk"), "Олійник"),
    (("Savchenko", "Sawtschenko"), "Савченко"),
)
RUSSIAN_MALE: tuple[Name, ...] = (
    (("Aleksandr", "Alexander", "Alexandr"), "Александр"),
    (("Sergei", "Sergej", "Sergey"), "Сергей"),
    (("Dmitrii", "Dmitrij", "Dmitry"), "Дмитрий"),
    (("Vladimir", "Wladimir"), "Владимир"),
    (("Nikolai", "Nikolaj"), "Николай"),
    (("Andrei", "Andrej", "Andrey"), "Андрей"),
)
RUSSIAN_FEMALE: tuple[Name, ...] = (
    (("Elena", "Jelena", "Yelena"), "Елена"),
    (("Tatiana", "Tatjana", "Tatyana"), "Татьяна"),
    (("Natalia", "Natalja", "Natalya"), "Наталья"),
    (("Olga",), "Ольга"),
    (("Svetlana", "Swetlana"), "Светлана"),
)
RUSSIAN_FAMILY: tuple[Name, ...] = (
    (("Ivanov", "Iwanow"), "Иванов"),
    (("Petrov", "Petrow"), "Петров"),
    (("Smirnov", "Smirnow"), "Смирнов"),
    (("Kuznetsov", "Kusnezow"), "Кузнецов"),
    (("Popov", "Popow"), "Попов"),
)
AUSSIEDLER_FAMILY: tuple[Name, ...] = (
    (("Schmidt",), "Шмидт"),
    (("Becker",), "Беккер"),
    (("Wagner", "Vagner"), "Вагнер"),
    (("Schulz",), "Шульц"),
    (("Reimer",), "Реймер"),
    (("Dyck", "Dick"), "Дик"),
)
TIGRINYA_MALE: tuple[Name, ...] = (
    (("Yonas", "Jonas"), "ዮናስ"),
    (("Dawit", "Dawid"), "ዳዊት"),
    (("Samuel",), "ሳሙኤል"),
    (("Filmon", "Philmon"), "ፊልሞን"),
    (("Tesfay", "Tesfaye"), "ተስፋይ"),
    (("Yohannes", "Johannes", "Yohanes"), "ዮሃንስ"),
    (("Mehari",), "መሓሪ"),
)
TIGRINYA_FEMALE: tuple[Name, ...] = (
    (("Senait", "Senayt"), "ሰናይት"),
    (("Selam",), "ሰላም"),
    (("Yordanos", "Jordanos"), "ዮርዳኖስ"),
    (("Helen",), "ሄለን"),
    (("Luwam",), "ሉዋም"),
)
TIGRINYA_FAMILY: tuple[Name, ...] = (
    (("Tesfay", "Tesfai"), "ተስፋይ"),
    (("Kidane",), "ኪዳነ"),
    (("Habte",), "ሃብተ"),
    (("Ghebremedhin", "Gebremedhin", "Gebremedhn"), "ገብረመድህን"),
    (("Tekle", "Teklay"), "ተኽለ"),
    (("Berhane",), "ብርሃነ"),
    (("Asmerom",), "ኣስመሮም"),
    (("Woldemichael", "Weldemichael"), "ወልደሚካኤል"),
)
# Somali is written in Latin script: x for ḥ, c for ʿain.
SOMALI_MALE: tuple[Name, ...] = (
    (("Mohamed", "Maxamed", "Mohammed"), ""),
    (("Abdirahman", "Cabdiraxmaan", "Abdurahman"), ""),
    (("Ahmed", "Axmed"), ""),
    (("Hassan", "Xasan"), ""),
    (("Abdullahi", "Cabdullaahi"), ""),
)
SOMALI_FEMALE: tuple[Name, ...] = (
    (("Fadumo", "Faadumo", "Fatuma"), ""),
    (("Hodan",), ""),
    (("Ayaan", "Ayan"), ""),
    (("Khadija", "Khadiija", "Hadija"), ""),
    (("Hamdi",), ""),
)
SOMALI_FAMILY: tuple[Name, ...] = (
    (("Warsame",), ""),
    (("Farah", "Faarax"), ""),
    (("Abdi", "Cabdi"), ""),
    (("Hussein", "Xuseen"), ""),
    (("Osman", "Cismaan"), ""),
    (("Ali", "Cali"), ""),
)
# Latin script at home; the variants are what German forms make of ı, ş, ç, ö, ü.
TURKISH_MALE: tuple[Name, ...] = (
    (("Mehmet",), ""),
    (("Mustafa",), ""),
    (("Ahmet",), ""),
    (("Emre",), ""),
    (("Murat",), ""),
    (("Yusuf",), ""),
)
TURKISH_FEMALE: tuple[Name, ...] = (
    (("Ayşe", "Ayse", "Ayshe"), ""),
    (("Fatma",), ""),
    (("Elif",), ""),
    (("Zeynep", "Zeynap"), ""),
    (("Emine",), ""),
)
TURKISH_FAMILY: tuple[Name, ...] = (
    (("Yılmaz", "Yilmaz"), ""),
    (("Kaya",), ""),
    (("Demir",), ""),
    (("Şahin", "Sahin", "Schahin"), ""),
    (("Çelik", "Celik", "Tschelik"), ""),
    (("Öztürk", "Oeztuerk", "Ozturk"), ""),
    (("Aydın", "Aydin"), ""),
)
# Vietnamese: the papers drop the diacritics; the original keeps them.
VIETNAMESE_MALE: tuple[Name, ...] = (
    (("Van Minh",), "Văn Minh"),
    (("Duc Anh",), "Đức Anh"),
    (("Quang Huy",), "Quang Huy"),
    (("Van Thanh",), "Văn Thành"),
)
VIETNAMESE_FEMALE: tuple[Name, ...] = (
    (("Thi Lan",), "Thị Lan"),
    (("Thi Huong",), "Thị Hương"),
    (("Ngoc Anh",), "Ngọc Anh"),
    (("Thu Trang",), "Thu Trang"),
)
VIETNAMESE_FAMILY: tuple[Name, ...] = (
    (("Nguyen",), "Nguyễn"),
    (("Tran",), "Trần"),
    (("Le",), "Lê"),
    (("Pham",), "Phạm"),
    (("Hoang",), "Hoàng"),
)
GEORGIAN_MALE: tuple[Name, ...] = (
    (("Giorgi", "Georgi"), "გიორგი"),
    (("Levan", "Lewan"), "ლევანი"),
    (("Davit", "David"), "დავითი"),
)
GEORGIAN_FEMALE: tuple[Name, ...] = (
    (("Nino",), "ნინო"),
    (("Tamar", "Tamari"), "თამარი"),
    (("Mariam",), "მარიამი"),
)
GEORGIAN_FAMILY: tuple[Name, ...] = (
    (("Beridze",), "ბერიძე"),
    (("Kapanadze",), "კაპანაძე"),
    (("Gelashvili", "Gelaschwili"), "გელაშვილი"),
)
EU_MALE: tuple[Name, ...] = (
    (("Piotr",), ""),
    (("Tomasz",), ""),
    (("Ion", "Ioan"), ""),
    (("Andrei",), ""),
)
EU_FEMALE: tuple[Name, ...] = (
    (("Katarzyna",), ""),
    (("Agnieszka",), ""),
    (("Maria",), ""),
    (("Elena",), ""),
)
EU_FAMILY: tuple[Name, ...] = (
    (("Nowak",), ""),
    (("Wiśniewski", "Wisniewski"), ""),
    (("Popescu",), ""),
    (("Ionescu",), ""),
)
GERMAN_MALE: tuple[Name, ...] = (
    (("Andreas",), ""),
    (("Thomas",), ""),
    (("Uwe",), ""),
    (("Steffen",), ""),
)
GERMAN_FEMALE: tuple[Name, ...] = (
    (("Sandra",), ""),
    (("Kerstin",), ""),
    (("Heike",), ""),
    (("Jana",), ""),
)
GERMAN_FAMILY: tuple[Name, ...] = (
    (("Seidel",), ""),
    (("Günther", "Guenther"), ""),
    (("Köhler", "Koehler"), ""),
    (("Richter",), ""),
    (("Weißflog", "Weissflog"), ""),
)

_PROTECTED = (
    ("protection", 60),
    ("asylum_procedure", 15),
    ("settlement", 8),
    ("tolerated", 5),
    ("other_permit", 7),
    ("german", 5),
)

ORIGINS: dict[str, Origin] = {
    "sy": Origin(
        (("SY",),),
        (("apc", 60), ("ara", 40)),
        _PROTECTED,
        ARABIC_MALE,
        ARABIC_FEMALE,
        ARABIC_FAMILY,
        year_only=0.15,
    ),
    "sy_kurd": Origin(
        (("SY",), ("SY",), ("XX",)),
        (("kmr", 80), ("apc", 20)),
        _PROTECTED,
        KURDISH_MALE,
        KURDISH_FEMALE,
        KURDISH_FAMILY,
        year_only=0.3,
    ),
    "iq": Origin(
        (("IQ",),),
        (("ara", 100),),
        (
            ("protection", 35),
            ("asylum_procedure", 25),
            ("tolerated", 30),
            ("other_permit", 10),
        ),
        ARABIC_MALE,
        ARABIC_FEMALE,
        ARABIC_FAMILY,
        year_only=0.4,
    ),
    "iq_kurd": Origin(
        (("IQ",),),
        (("ckb", 60), ("kmr", 40)),
        (("protection", 40), ("asylum_procedure", 30), ("tolerated", 30)),
        KURDISH_MALE,
        KURDISH_FEMALE,
        KURDISH_FAMILY,
        year_only=0.4,
    ),
    "af_dari": Origin(
        (("AF",),),
        (("prs", 85), ("fas", 15)),
        (
            ("protection", 35),
            ("asylum_procedure", 30),
            ("tolerated", 20),
            ("other_permit", 10),
            ("unknown", 5),
        ),
        PERSIAN_MALE,
        PERSIAN_FEMALE,
        PERSIAN_FAMILY,
        year_only=0.6,
    ),
    "af_pashto": Origin(
        (("AF",),),
        (("pus", 80), ("prs", 20)),
        (("protection", 30), ("asylum_procedure", 35), ("tolerated", 35)),
        PERSIAN_MALE,
        PERSIAN_FEMALE,
        PASHTO_FAMILY,
        year_only=0.7,
    ),
    "ir": Origin(
        (("IR",),),
        (("fas", 100),),
        (
            ("asylum_procedure", 40),
            ("protection", 40),
            ("tolerated", 10),
            ("other_permit", 10),
        ),
        PERSIAN_MALE,
        PERSIAN_FEMALE,
        PERSIAN_FAMILY,
        year_only=0.1,
    ),
    "ua": Origin(
        (("UA",),),
        (("ukr", 65), ("rus", 35)),
        (("temporary_protection", 90), ("other_permit", 5), ("unknown", 5)),
        UKRAINIAN_MALE,
        UKRAINIAN_FEMALE,
        UKRAINIAN_FAMILY,
    ),
    "ru": Origin(
        (("RU",),),
        (("rus", 100),),
        (
            ("asylum_procedure", 30),
            ("other_permit", 30),
            ("settlement", 20),
            ("protection", 10),
            ("german", 10),
        ),
        RUSSIAN_MALE,
        RUSSIAN_FEMALE,
        RUSSIAN_FAMILY,
        feminine=("a", "а"),
    ),
    "aussiedler": Origin(
        (("DE", "KZ"), ("DE", "RU"), ("DE",)),
        (("rus", 70), ("deu", 30)),
        (("late_repatriate", 80), ("german", 20)),
        RUSSIAN_MALE,
        RUSSIAN_FEMALE,
        AUSSIEDLER_FAMILY,
    ),
    "er": Origin(
        (("ER",),),
        (("tir", 90), ("amh", 10)),
        (("protection", 75), ("asylum_procedure", 15), ("other_permit", 10)),
        TIGRINYA_MALE,
        TIGRINYA_FEMALE,
        TIGRINYA_FAMILY,
        year_only=0.5,
    ),
    "so": Origin(
        (("SO",),),
        (("som", 100),),
        (("protection", 60), ("asylum_procedure", 20), ("tolerated", 20)),
        SOMALI_MALE,
        SOMALI_FEMALE,
        SOMALI_FAMILY,
        year_only=0.7,
    ),
    "tr": Origin(
        (("TR",), ("TR",), ("TR", "DE")),
        (("tur", 75), ("kmr", 25)),
        (
            ("asylum_procedure", 55),
            ("tolerated", 15),
            ("protection", 10),
            ("settlement", 10),
            ("german", 10),
        ),
        TURKISH_MALE,
        TURKISH_FEMALE,
        TURKISH_FAMILY,
    ),
    "vn": Origin(
        (("VN",), ("VN",), ("VN", "DE")),
        (("vie", 100),),
        (("settlement", 50), ("other_permit", 30), ("german", 20)),
        VIETNAMESE_MALE,
        VIETNAMESE_FEMALE,
        VIETNAMESE_FAMILY,
        family_first=True,
    ),
    "xx": Origin(
        (("XX",),),
        (("apc", 60), ("ara", 40)),
        (("protection", 60), ("tolerated", 30), ("unknown", 10)),
        ARABIC_MALE,
        ARABIC_FEMALE,
        ARABIC_FAMILY,
        year_only=0.3,
    ),
    "ge": Origin(
        (("GE",),),
        (("kat", 80), ("rus", 20)),
        (("asylum_procedure", 50), ("tolerated", 50)),
        GEORGIAN_MALE,
        GEORGIAN_FEMALE,
        GEORGIAN_FAMILY,
    ),
    "eu": Origin(
        (("PL",), ("RO",), ("BG",)),
        (("pol", 50), ("ron", 50)),
        (("eu", 100),),
        EU_MALE,
        EU_FEMALE,
        EU_FAMILY,
    ),
    "de": Origin(
        (("DE",),),
        (("deu", 100),),
        (("german", 100),),
        GERMAN_MALE,
        GERMAN_FEMALE,
        GERMAN_FAMILY,
    ),
}


def spelling_variants() -> dict[str, tuple[str, ...]]:
    """Every Latin spelling, mapped to all spellings of the same name."""
    variants: dict[str, tuple[str, ...]] = {}
    for origin in ORIGINS.values():
        for spellings, _original in (*origin.male, *origin.female, *origin.family):
            for spelling in spellings:
                variants[spelling] = tuple(dict.fromkeys(spellings))
    return variants


# --- Concerns ----------------------------------------------------------------
# (topic as in cases.topics, concern type, subject, weight)

SUBJECTS: tuple[tuple[str, str, str, int], ...] = (
    ("Asylum procedure", "inquiry", "Frage zum Stand des Asylverfahrens", 5),
    ("Asylum procedure", "visit", "Ladung zur Anhörung beim BAMF – Vorbereitung", 3),
    ("Asylum procedure", "complaint", "Beschwerde über lange Verfahrensdauer", 2),
    ("Residence", "request", "Verlängerung der Aufenthaltserlaubnis", 5),
    ("Residence", "visit", "Termin bei der Ausländerbehörde begleiten", 3),
    (
        "Residence",
        "complaint",
        "Beschwerde über Wartezeiten bei der Ausländerbehörde",
        3,
    ),
    ("Residence", "petition", "Eingabe gegen die Abschiebung einer Familie", 1),
    ("Benefits (AsylbLG)", "visit", "Bescheid nach dem AsylbLG erklären", 4),
    ("Benefits (AsylbLG)", "complaint", "Leistungskürzung nach dem AsylbLG", 2),
    (
        "Benefits (SGB II / Bürgergeld)",
        "request",
        "Anmeldung beim Jobcenter nach Anerkennung",
        6,
    ),
    (
        "Benefits (SGB II / Bürgergeld)",
        "visit",
        "Bürgergeldbescheid verstehen, Widerspruchsfrist",
        4,
    ),
    ("Benefits (SGB XII)", "request", "Grundsicherung im Alter beantragen", 1),
    (
        "Moving house",
        "request",
        "Umzug aus der Gemeinschaftsunterkunft in eine Wohnung",
        4,
    ),
    ("Moving house", "request", "Umzug in eine andere Stadt trotz Wohnsitzauflage", 2),
    ("Language courses", "request", "Anmeldung zum Integrationskurs", 5),
    ("Language courses", "inquiry", "Berufssprachkurs B2 gesucht", 2),
    ("School", "request", "Schulanmeldung der Kinder", 3),
    ("Childcare and school", "request", "Kita-Platz gesucht", 3),
    ("Vocational training", "inquiry", "Ausbildung in der Pflege", 2),
    ("Study", "inquiry", "Hochschulzugang mit ausländischem Schulabschluss", 1),
    ("Work", "inquiry", "Beschäftigungserlaubnis für einen Minijob", 3),
    ("Work", "request", "Bewerbungsunterlagen erstellen", 3),
    (
        "Recognition of foreign qualifications",
        "inquiry",
        "Anerkennung des Berufsabschlusses",
        2,
    ),
    ("Health", "request", "Facharzttermin mit Sprachmittlung", 3),
    ("Health", "complaint", "Behandlungsschein wurde nicht ausgestellt", 1),
    (
        "Family reunification",
        "request",
        "Familiennachzug der Ehefrau und der Kinder",
        4,
    ),
    (
        "Neighbourhood conflicts",
        "conflict",
        "Lärmbeschwerde von Nachbarn im Wohnblock",
        2,
    ),
    (
        "Neighbourhood conflicts",
        "conflict",
        "Streit um Mülltrennung und Hausordnung",
        2,
    ),
    ("Discrimination and racism", "complaint", "Beleidigung im Bus", 2),
    (
        "Discrimination and racism",
        "complaint",
        "Absage einer Wohnung wegen der Herkunft",
        1,
    ),
    (
        "Return and voluntary departure",
        "request",
        "Beratung zur freiwilligen Ausreise",
        1,
    ),
    ("Addiction", "request", "Vermittlung an die Suchtberatung", 1),
    ("Domestic violence", "visit", "Schutz vor häuslicher Gewalt", 1),
    ("Debts", "visit", "Mahnungen des Mobilfunkanbieters", 2),
    (
        "Everyday matters (bank account, health insurance)",
        "request",
        "Kontoeröffnung",
        4,
    ),
    (
        "Everyday matters (bank account, health insurance)",
        "request",
        "Anmeldung bei der Krankenkasse",
        3,
    ),
    ("Leisure and clubs", "inquiry", "Anmeldung der Kinder im Sportverein", 1),
    ("Housing and accommodation", "complaint", "Schimmel in der Wohnung", 2),
    (
        "Housing and accommodation",
        "request",
        "Wohnungsnutzungsvereinbarung in einen Mietvertrag umwandeln",
        3,
    ),
)

# Concerns of a group or of nobody named (an anonymous complaint).
GROUP_SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("Housing and accommodation", "complaint", "Heizung in der Unterkunft ausgefallen"),
    (
        "Housing and accommodation",
        "complaint",
        "Zu wenige Waschmaschinen in der Unterkunft",
    ),
    ("Housing and accommodation", "complaint", "Kein Internetzugang in der Unterkunft"),
    (
        "Neighbourhood conflicts",
        "conflict",
        "Konflikt zwischen Bewohnern und Sicherheitsdienst",
    ),
    ("Housing and accommodation", "petition", "Eingabe zur Erweiterung der Unterkunft"),
    ("Neighbourhood conflicts", "inquiry", "Fragen aus der Einwohnerversammlung"),
)
ANONYMOUS_SUBJECTS: tuple[tuple[str, str, str], ...] = (
    (
        "Housing and accommodation",
        "complaint",
        "Anonyme Beschwerde über Zustände in der Unterkunft",
    ),
    (
        "Discrimination and racism",
        "complaint",
        "Anonymer Hinweis auf Diskriminierung in einer Behörde",
    ),
    (
        "Neighbourhood conflicts",
        "complaint",
        "Anonyme Beschwerde über Lärm an einer Unterkunft",
    ),
)

# Which partners a topic typically goes to.
TOPIC_PARTNERS: dict[str, tuple[str, ...]] = {
    "Asylum procedure": ("bamf", "refugee_council", "migration_counselling"),
    "Residence": ("immigration_authority", "refugee_council"),
    "Benefits (AsylbLG)": ("county_department",),
    "Benefits (SGB II / Bürgergeld)": ("jobcenter",),
    "Benefits (SGB XII)": ("county_department",),
    "Moving house": ("housing_company", "accommodation", "immigration_authority"),
    "Language courses": (
        "migration_counselling",
        "welcome_centre",
        "employment_agency",
    ),
    "School": ("school", "youth_migration"),
    "Childcare and school": ("school", "county_department"),
    "Vocational training": ("employment_agency", "youth_migration"),
    "Study": ("welcome_centre",),
    "Work": ("jobcenter", "employment_agency", "welcome_centre"),
    "Recognition of foreign qualifications": ("welcome_centre", "other"),
    "Health": ("health_insurer",),
    "Family reunification": ("embassy", "migration_counselling", "refugee_council"),
    "Neighbourhood conflicts": ("municipality", "housing_company", "volunteers"),
    "Discrimination and racism": ("state_commissioner", "welfare"),
    "Return and voluntary departure": ("welfare", "immigration_authority"),
    "Addiction": ("addiction_counselling",),
    "Domestic violence": ("welfare", "family_counselling"),
    "Debts": ("debt_counselling",),
    "Everyday matters (bank account, health insurance)": ("bank", "health_insurer"),
    "Leisure and clubs": ("club", "volunteers"),
    "Housing and accommodation": ("accommodation", "housing_company", "municipality"),
}

# Partners a client may agree to share data with, and how often they do.
SHARING_PARTNERS: tuple[tuple[str, float], ...] = (
    ("jobcenter", 0.35),
    ("employment_agency", 0.1),
    ("welcome_centre", 0.08),
    ("immigration_authority", 0.05),
)

CHANNELS: dict[str, tuple[tuple[str, int], ...]] = {
    "visit": (("consultation_hour", 80), ("outreach", 20)),
    "request": (
        ("consultation_hour", 40),
        ("phone", 25),
        ("email", 15),
        ("letter", 5),
        ("partner_referral", 15),
    ),
    "complaint": (
        ("letter", 30),
        ("email", 30),
        ("portal", 20),
        ("consultation_hour", 20),
    ),
    "petition": (("letter", 70), ("email", 30)),
    "inquiry": (("phone", 45), ("email", 35), ("portal", 20)),
    "conflict": (("phone", 40), ("outreach", 30), ("partner_referral", 30)),
}

ACTIVITY_KINDS: dict[str, tuple[str, ...]] = {
    "consultation_hour": (
        "counselling",
        "counselling",
        "clarification",
        "accompaniment",
    ),
    "phone": ("call", "call", "clarification", "counselling"),
    "email": ("email", "email", "clarification", "call"),
    "letter": ("letter", "clarification", "call"),
    "portal": ("email", "clarification", "call"),
    "partner_referral": ("call", "counselling", "clarification"),
    "outreach": ("visit", "visit", "mediation", "counselling"),
}

DESCRIPTIONS = (
    "Unterlagen gemeinsam gesichtet, Kopien für die Akte gemacht.",
    "Klient schildert die Lage ausführlich; nächste Schritte besprochen.",
    "Klientin kam mit Bekannter, die übersetzt hat.",
    "Schreiben der Behörde liegt vor, Frist läuft in zwei Wochen ab.",
    "Sachverhalt ist unklar, Rückfrage bei der zuständigen Stelle nötig.",
    "Familie lebt seit einigen Monaten im Landkreis, erste Vorsprache.",
    "Anliegen wurde bereits beim Jobcenter vorgetragen, bisher ohne Antwort.",
    "Dringend: Termin steht kurz bevor.",
)
ACTIVITY_NOTES = (
    "Unterlagen erklärt, Antrag gemeinsam ausgefüllt.",
    "Rücksprache mit der Sachbearbeitung gehalten.",
    "Telefonisch nachgefragt, Rückruf zugesagt.",
    "Zum Termin begleitet.",
    "Schreiben an die Behörde aufgesetzt.",
    "Gespräch mit allen Beteiligten geführt.",
    "",
)
FOLLOW_UP_NOTES = (
    "Rückmeldung des Jobcenters abwarten und nachfragen",
    "Bescheid prüfen, ob der Widerspruch nötig ist",
    "Termin bei der Ausländerbehörde nachhalten",
    "Fehlende Unterlagen anfordern",
    "Klientin anrufen und Ergebnis mitteilen",
    "Rückruf der Unterkunftsleitung einfordern",
)
OUTCOME_NOTES: dict[str, tuple[str, ...]] = {
    "resolved": (
        "Antrag bewilligt, Bescheid liegt vor.",
        "Termin kam zustande, Anliegen erledigt.",
        "Mangel wurde behoben.",
    ),
    "referred": (
        "An die zuständige Stelle vermittelt, Klient hat dort einen Termin.",
        "Weiterleitung mit Einverständnis, dort weiter betreut.",
    ),
    "advised": (
        "Rechtslage erklärt, Klient entscheidet selbst.",
        "Beratung erfolgt, keine weiteren Schritte nötig.",
    ),
    "mediated": (
        "Gemeinsames Gespräch geführt, Einigung erzielt.",
        "Vermittlung zwischen den Beteiligten, Lage hat sich beruhigt.",
    ),
    "not_resolved": (
        "Rechtlich keine Möglichkeit, Klient informiert.",
        "Behörde bleibt bei ihrer Entscheidung.",
    ),
    "withdrawn": ("Klient hat das Anliegen zurückgezogen.",),
}
REFERRAL_REASONS = (
    "Zuständigkeit liegt dort; Unterlagen übergeben.",
    "Fachberatung nötig, Termin vereinbart.",
    "Bitte um Prüfung und Rückmeldung.",
)
REFERRAL_RESULTS = (
    "Termin hat stattgefunden, Antrag gestellt.",
    "Rückmeldung erhalten: Anliegen erledigt.",
    "Stelle hat den Fall übernommen.",
)
STREETS = (
    "Bahnhofstraße",
    "Schillerstraße",
    "Lindenstraße",
    "Gartenstraße",
    "Hauptstraße",
    "Schulstraße",
    "Friedensstraße",
    "Bergstraße",
    "Am Sonnenhang",
    "Wiesenweg",
    "Straße der Einheit",
    "Goethestraße",
)

OUTCOMES: dict[str, tuple[tuple[str, int], ...]] = {
    "complaint": (
        ("resolved", 30),
        ("not_resolved", 25),
        ("mediated", 15),
        ("advised", 20),
        ("referred", 5),
        ("withdrawn", 5),
    ),
    "conflict": (
        ("mediated", 55),
        ("resolved", 20),
        ("not_resolved", 15),
        ("advised", 10),
    ),
    "petition": (
        ("not_resolved", 35),
        ("resolved", 25),
        ("advised", 30),
        ("referred", 10),
    ),
    "other": (
        ("advised", 35),
        ("resolved", 30),
        ("referred", 25),
        ("not_resolved", 7),
        ("withdrawn", 3),
    ),
}
JUSTIFICATIONS = (("justified", 35), ("partly", 30), ("not_justified", 35))

# The first steps after recognition that the guides of seed 004 see through.
FIRST_STEPS = {
    "Benefits (SGB II / Bürgergeld)",
    "Everyday matters (bank account, health insurance)",
    "Housing and accommodation",
    "Childcare and school",
    "School",
    "Language courses",
    "Work",
    "Family reunification",
}

MINUTES = (
    (10, 10),
    (15, 15),
    (20, 15),
    (30, 25),
    (45, 15),
    (60, 12),
    (90, 5),
    (120, 3),
)
