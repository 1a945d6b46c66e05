"""Writes the end-to-end merging corpus: made-up events, each told by several text reports.

Run ``python benchmarks/merge_reports.py`` to regenerate (deterministic, seeded):

- ``tests/fixtures/merge/reports.jsonl``: one document a line, in the input format of
  ``groundfacts ingest`` (``id``, ``text``, ``published``, ``source``) plus ``event``, the
  key of the real event it reports, ``written_in`` (``en`` or ``id``) and ``wording`` (which
  template told it, to find the wordings extraction gets wrong);
- ``tests/fixtures/merge/reports_events.jsonl``: the real events, with the fields a merged
  record should get (type, actors as ACLED names without year ranges, the most precise
  place with its coordinates, the date, the toll).

The events are made up, in real places (GeoNames coordinates) and with real actors of the
theatres they happen in. Each main event is told by two to four reports that differ as real
reports do: other wording, English or Indonesian, the village or only its district or
province, "near" the town, a named group or "gunmen", a different or missing toll, a report
dated a day late. Distinct events that share a place and a week sit beside them, so that
false merges have a chance: the same town a few days later, another kind of event in the
same town on the same day, the same kind of event in another town of the province.
The reports go through real extraction when scored (``groundfacts eval merge``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "merge"


@dataclass(frozen=True)
class Town:
    name: str
    district: str  # a second-level unit named in reports ("" when reports name none)
    lat: float
    lon: float


@dataclass(frozen=True)
class Group:
    acled: str  # ACLED's name, without year ranges
    en: tuple[str, ...]
    id: tuple[str, ...]


@dataclass
class Theatre:
    iso: str
    en: str  # the country in English ("" for the home country of the Indonesian press)
    id: str  # and in Indonesian
    # province (first-level unit) -> its towns; the words for "province" and "district"
    provinces: dict[str, list[Town]]
    groups: list[Group]
    kinds: list[str]
    unit_en: str = "province"
    unit_id: str = "provinsi"
    district_en: str = "district"
    district_id: str = "distrik"
    state: str = ""  # "Military Forces of X"
    police: str = ""
    foreign: str = ""  # a foreign state force that strikes here, if any
    foreign_en: tuple[str, ...] = ()
    foreign_id: tuple[str, ...] = ()
    civilians: str = ""
    extra: dict[str, object] = field(default_factory=dict)
    # provinces as the Indonesian press names them, where it does not keep the name
    provinces_id: dict[str, str] = field(default_factory=dict)
    # the groups active in a province, where not all of the theatre's are
    province_groups: dict[str, list[Group]] = field(default_factory=dict)
    shelling: str = "state"  # who shells here: "state", "group" or "foreign"


def _t(name: str, district: str, lat: float, lon: float) -> Town:
    return Town(name, district, lat, lon)


JNIM = Group(
    "JNIM: Group for Support of Islam and Muslims",
    ("JNIM militants", "fighters of the al-Qaeda-linked JNIM", "JNIM jihadists"),
    ("militan JNIM", "kelompok JNIM", "anggota JNIM"),
)
ISGS = Group(
    "Islamic State (Greater Sahara)",
    ("Islamic State in the Greater Sahara fighters", "ISGS militants"),
    ("militan ISGS", "kelompok Negara Islam di Sahara Raya (ISGS)"),
)
ANSAROUL = Group("Ansaroul Islam", ("Ansaroul Islam militants",), ("kelompok Ansaroul Islam",))
BOKO = Group(
    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    ("Boko Haram insurgents", "Boko Haram fighters", "suspected Boko Haram militants"),
    ("militan Boko Haram", "kelompok Boko Haram", "gerilyawan Boko Haram"),
)
ISWAP = Group(
    "Islamic State (West Africa)",
    ("ISWAP fighters", "Islamic State West Africa Province militants"),
    ("militan ISWAP", "kelompok ISWAP"),
)
SHABAAB = Group(
    "Al Shabaab",
    ("Al Shabaab militants", "al-Shabab fighters", "Al-Shabaab insurgents"),
    ("militan Al Shabaab", "kelompok Al-Shabaab", "gerilyawan Al Shabaab"),
)
ADF = Group(
    "ADF: Allied Democratic Forces",
    ("ADF rebels", "fighters of the Allied Democratic Forces (ADF)"),
    ("pemberontak ADF", "kelompok Allied Democratic Forces (ADF)"),
)
CODECO = Group(
    "CODECO: Cooperative for the Development of Congo", ("CODECO militiamen",), ("milisi CODECO",)
)
ASG = Group(
    "ASG: Abu Sayyaf",
    ("Abu Sayyaf militants", "Abu Sayyaf gunmen"),
    ("militan Abu Sayyaf", "kelompok Abu Sayyaf"),
)
BIFF = Group(
    "BIFF: Bangsamoro Islamic Freedom Fighters",
    ("BIFF fighters", "members of the Bangsamoro Islamic Freedom Fighters"),
    ("anggota BIFF", "kelompok Bangsamoro Islamic Freedom Fighters (BIFF)"),
)
NPA = Group(
    "NPA: New People's Army",
    ("New People's Army rebels", "NPA guerrillas", "communist NPA rebels"),
    ("pemberontak NPA", "gerilyawan Tentara Rakyat Baru (NPA)"),
)
TPNPB = Group(
    "TPNPB: West Papua National Liberation Army",
    ("TPNPB rebels", "separatist rebels of the West Papua National Liberation Army (TPNPB)"),
    ("kelompok kriminal bersenjata (KKB)", "anggota TPNPB", "KKB"),
)
AA = Group("AA: Arakan Army", ("Arakan Army fighters", "the Arakan Army"), ("Tentara Arakan",))
KIA = Group(
    "KIA: Kachin Independence Army",
    ("Kachin Independence Army fighters", "KIA rebels"),
    ("pemberontak KIA", "Tentara Kemerdekaan Kachin (KIA)"),
)
HTS = Group(
    "Hay'at Tahrir al-Sham",
    ("Hayat Tahrir al-Sham fighters", "HTS militants"),
    ("militan HTS", "kelompok Hayat Tahrir al-Sham (HTS)"),
)
IS_SY = Group(
    "Islamic State (Syria)",
    ("Islamic State militants", "IS fighters", "ISIS militants"),
    ("militan ISIS", "kelompok Negara Islam (ISIS)", "anggota ISIS"),
)
IS_IQ = Group(
    "Islamic State (Iraq)",
    ("Islamic State militants", "IS fighters", "ISIS militants"),
    ("militan ISIS", "kelompok Negara Islam (ISIS)", "anggota ISIS"),
)
HOUTHI = Group(
    "Ansar Allah",
    ("Houthi rebels", "Houthi fighters"),
    ("pemberontak Houthi", "milisi Houthi"),
)
RSF = Group(
    "RSF: Rapid Support Forces",
    ("Rapid Support Forces (RSF) fighters", "the paramilitary RSF"),
    ("pasukan paramiliter RSF", "Pasukan Dukungan Cepat (RSF)"),
)

ATTACK, CLASH, IED, AIR, ABDUCT, SHELL, SUICIDE, PROTEST, PROTEST_INT = (
    "Attack",
    "Armed clash",
    "Remote explosive/landmine/IED",
    "Air/drone strike",
    "Abduction/forced disappearance",
    "Shelling/artillery/missile attack",
    "Suicide bomb",
    "Peaceful protest",
    "Protest with intervention",
)
EVENT_TYPE = {
    ATTACK: "Violence against civilians",
    ABDUCT: "Violence against civilians",
    CLASH: "Battles",
    IED: "Explosions/Remote violence",
    AIR: "Explosions/Remote violence",
    SHELL: "Explosions/Remote violence",
    SUICIDE: "Explosions/Remote violence",
    PROTEST: "Protests",
    PROTEST_INT: "Protests",
}

THEATRES = [
    Theatre(
        "BF",
        "Burkina Faso",
        "Burkina Faso",
        {
            "Sahel": [
                _t("Djibo", "Soum", 14.09864, -1.62665),
                _t("Arbinda", "Soum", 14.22963, -0.86537),
                _t("Dori", "Seno", 14.03326, -0.03333),
                _t("Gorom-Gorom", "Oudalan", 14.4429, -0.23468),
                _t("Sebba", "Yagha", 13.43641, 0.53044),
            ],
            "Nord": [
                _t("Ouahigouya", "Yatenga", 13.5769, -2.41786),
                _t("Titao", "Loroum", 13.76667, -2.06667),
            ],
            "Centre-Nord": [
                _t("Kaya", "Sanmatenga", 13.0883, -1.08368),
                _t("Kongoussi", "Bam", 13.32583, -1.53472),
            ],
            "Est": [
                _t("Fada N'Gourma", "Gourma", 12.06157, 0.35843),
                _t("Diapaga", "Tapoa", 12.0729, 1.78835),
            ],
        },
        [JNIM, ISGS, ANSAROUL],
        [ATTACK, ATTACK, CLASH, IED, ABDUCT],
        unit_en="region",
        unit_id="wilayah",
        district_en="province",
        district_id="provinsi",
        state="Military Forces of Burkina Faso",
        civilians="Civilians (Burkina Faso)",
    ),
    Theatre(
        "ML",
        "Mali",
        "Mali",
        {
            "Mopti": [
                _t("Mopti", "", 14.4843, -4.18296),
                _t("Douentza", "", 15.00605, -2.9517),
                _t("Bandiagara", "", 14.35005, -3.61038),
                _t("Koro", "", 14.064, -3.07539),
                _t("Bankass", "", 14.0775, -3.51594),
            ],
            "Ségou": [_t("Ségou", "", 13.44032, -6.25947), _t("Niono", "", 14.25054, -5.98679)],
            "Gao": [_t("Gao", "", 16.27167, -0.04472)],
            "Ménaka": [_t("Ménaka", "", 15.91985, 2.39609)],
        },
        [JNIM, ISGS],
        [ATTACK, CLASH, IED, ABDUCT],
        unit_en="region",
        unit_id="wilayah",
        state="Military Forces of Mali",
        civilians="Civilians (Mali)",
    ),
    Theatre(
        "NE",
        "Niger",
        "Niger",
        {
            "Tillabéri": [
                _t("Tillabéri", "", 14.20711, 1.45418),
                _t("Ouallam", "", 14.31641, 2.08597),
                _t("Ayorou", "", 14.73075, 0.91739),
                _t("Téra", "", 14.00776, 0.75306),
                _t("Filingué", "", 14.3521, 3.3168),
            ],
            "Diffa": [_t("Diffa", "", 13.31536, 12.61135), _t("Bosso", "", 13.69869, 13.30951)],
        },
        [ISGS, BOKO],
        [ATTACK, CLASH, IED],
        unit_en="region",
        unit_id="wilayah",
        state="Military Forces of Niger",
        province_groups={"Tillabéri": [ISGS], "Diffa": [BOKO]},
        civilians="Civilians (Niger)",
    ),
    Theatre(
        "NG",
        "Nigeria",
        "Nigeria",
        {
            "Borno": [
                _t("Maiduguri", "", 11.84692, 13.15712),
                _t("Konduga", "", 11.65331, 13.41787),
                _t("Bama", "", 11.52134, 13.68952),
                _t("Gwoza", "", 11.08313, 13.69595),
                _t("Monguno", "", 12.67059, 13.61224),
                _t("Dikwa", "", 12.03609, 13.91815),
                _t("Damboa", "", 11.15534, 12.75638),
            ],
            "Yobe": [_t("Damaturu", "", 11.74697, 11.96083)],
        },
        [BOKO, ISWAP],
        [ATTACK, CLASH, SUICIDE, ABDUCT, AIR],
        unit_en="state",
        unit_id="negara bagian",
        state="Military Forces of Nigeria",
        civilians="Civilians (Nigeria)",
    ),
    Theatre(
        "SO",
        "Somalia",
        "Somalia",
        {
            "Lower Shabelle": [
                _t("Afgooye", "", 2.1381, 45.1212),
                _t("Marka", "", 1.71594, 44.77166),
            ],
            "Bay": [_t("Baidoa", "", 3.11383, 43.6498)],
            "Hiraan": [_t("Beledweyne", "", 4.73583, 45.20361)],
            "Middle Shabelle": [_t("Jowhar", "", 2.78087, 45.50048)],
            "Lower Juba": [_t("Kismayo", "", -0.35817, 42.54536)],
        },
        [SHABAAB],
        [CLASH, IED, SUICIDE, ATTACK, AIR],
        unit_en="region",
        unit_id="wilayah",
        state="Military Forces of Somalia",
        civilians="Civilians (Somalia)",
    ),
    Theatre(
        "CD",
        "Democratic Republic of Congo",
        "Republik Demokratik Kongo",
        {
            "North Kivu": [
                _t("Beni", "", 0.49113, 29.47306),
                _t("Butembo", "", 0.14164, 29.29117),
                _t("Oicha", "", 0.69781, 29.51863),
                _t("Rutshuru", "", -1.18666, 29.44669),
            ],
            "Ituri": [_t("Bunia", "", 1.55941, 30.25224), _t("Djugu", "", 1.91932, 30.50257)],
        },
        [ADF, CODECO],
        [ATTACK, ATTACK, CLASH, ABDUCT],
        state="Military Forces of the Democratic Republic of Congo",
        province_groups={"North Kivu": [ADF], "Ituri": [CODECO]},
        civilians="Civilians (Democratic Republic of Congo)",
        provinces_id={"North Kivu": "Kivu Utara"},
    ),
    Theatre(
        "PH",
        "the Philippines",
        "Filipina",
        {
            "Bangsamoro": [
                _t("Jolo", "Sulu", 6.05222, 121.00222),
                _t("Patikul", "Sulu", 6.08917, 121.10528),
                _t("Talipao", "Sulu", 5.97639, 121.11611),
                _t("Marawi", "Lanao del Sur", 8.0034, 124.28395),
                _t("Datu Piang", "Maguindanao", 7.02833, 124.5025),
            ],
            "Eastern Visayas": [
                _t("Catarman", "Northern Samar", 12.4989, 124.6377),
                _t("Borongan", "Eastern Samar", 11.60806, 125.43194),
            ],
        },
        [ASG, BIFF, NPA],
        [CLASH, CLASH, ATTACK, IED],
        unit_en="region",
        unit_id="wilayah",
        district_en="province",
        district_id="provinsi",
        state="Military Forces of the Philippines",
        province_groups={"Bangsamoro": [ASG, BIFF], "Eastern Visayas": [NPA]},
        civilians="Civilians (Philippines)",
        provinces_id={"Eastern Visayas": "Visayas Timur"},
    ),
    Theatre(
        "ID",
        "Indonesia",
        "",
        {
            "Central Papua": [
                _t("Ilaga", "Puncak", -3.95, 137.4),
                _t("Sugapa", "Intan Jaya", -3.74306, 137.05),
                _t("Beoga", "Puncak", -3.8395, 137.1667),
                _t("Timika", "Mimika", -4.61407, 136.67679),
            ],
            "Highland Papua": [
                _t("Wamena", "Jayawijaya", -4.09583, 138.94806),
                _t("Kenyam", "Nduga", -4.59972, 138.38417),
            ],
        },
        [TPNPB],
        [ATTACK, CLASH, CLASH],
        district_en="regency",
        district_id="kabupaten",
        state="Military Forces of Indonesia",
        police="Police Forces of Indonesia",
        civilians="Civilians (Indonesia)",
        provinces_id={"Central Papua": "Papua Tengah", "Highland Papua": "Papua Pegunungan"},
    ),
    Theatre(
        "MM",
        "Myanmar",
        "Myanmar",
        {
            "Rakhine": [
                _t("Sittwe", "", 20.14624, 92.89835),
                _t("Buthidaung", "", 20.87537, 92.53),
                _t("Kyauktaw", "", 20.84468, 92.97527),
                _t("Mrauk-U", "", 20.59, 93.19062),
            ],
            "Kachin": [
                _t("Myitkyina", "", 25.38327, 97.39637),
                _t("Hpakant", "", 25.6138, 96.31482),
            ],
        },
        [AA, KIA],
        [CLASH, CLASH, AIR, SHELL],
        unit_en="state",
        unit_id="negara bagian",
        state="Military Forces of Myanmar",
        province_groups={"Rakhine": [AA], "Kachin": [KIA]},
        civilians="Civilians (Myanmar)",
    ),
    Theatre(
        "SY",
        "Syria",
        "Suriah",
        {
            "Idlib": [
                _t("Idlib", "", 35.93062, 36.63393),
                _t("Ariha", "", 35.81374, 36.60964),
                _t("Saraqib", "", 35.86447, 36.80591),
                _t("Maarat al-Numan", "", 35.6483, 36.67693),
                _t("Jisr al-Shughur", "", 35.81418, 36.31983),
            ],
            "Deir ez-Zor": [
                _t("Deir ez-Zor", "", 35.33588, 40.14084),
                _t("Al-Bukamal", "", 34.45226, 40.91854),
            ],
        },
        [HTS, IS_SY],
        [AIR, AIR, SHELL, CLASH, IED],
        state="Military Forces of Syria",
        province_groups={"Idlib": [HTS], "Deir ez-Zor": [IS_SY]},
        foreign="Military Forces of Russia",
        foreign_en=("Russian warplanes", "Russian jets"),
        foreign_id=("pesawat tempur Rusia", "jet tempur Rusia"),
        civilians="Civilians (Syria)",
    ),
    Theatre(
        "IQ",
        "Iraq",
        "Irak",
        {
            "Kirkuk": [_t("Kirkuk", "", 35.46806, 44.39222), _t("Hawija", "", 35.32592, 43.77267)],
            "Salah al-Din": [
                _t("Tikrit", "", 34.61581, 43.67861),
                _t("Samarra", "", 34.1959, 43.88568),
                _t("Baiji", "", 34.92915, 43.48878),
            ],
            "Diyala": [_t("Baqubah", "", 33.75403, 44.60518)],
        },
        [IS_IQ],
        [IED, CLASH, ATTACK, AIR],
        state="Military Forces of Iraq",
        civilians="Civilians (Iraq)",
    ),
    Theatre(
        "YE",
        "Yemen",
        "Yaman",
        {
            "Taiz": [_t("Taiz", "", 13.57952, 44.02091)],
            "Marib": [_t("Marib", "", 15.46253, 45.32581)],
            "Al Hudaydah": [_t("Hodeidah", "", 14.79781, 42.95452)],
            "Saada": [_t("Sa'dah", "", 16.94021, 43.76393)],
        },
        [HOUTHI],
        [CLASH, SHELL, AIR],
        state="Military Forces of Yemen",
        shelling="group",
        foreign="Military Forces of Saudi Arabia",
        foreign_en=("Saudi-led coalition aircraft", "the Saudi-led coalition"),
        foreign_id=("pesawat koalisi pimpinan Saudi", "koalisi pimpinan Saudi"),
        civilians="Civilians (Yemen)",
    ),
    Theatre(
        "UA",
        "Ukraine",
        "Ukraina",
        {
            "Donetsk": [
                _t("Bakhmut", "", 48.59419, 37.99886),
                _t("Avdiivka", "", 48.14019, 37.75008),
                _t("Kramatorsk", "", 48.73106, 37.56779),
            ],
            "Kharkiv": [_t("Kharkiv", "", 49.98177, 36.25475), _t("Izium", "", 49.20697, 37.27679)],
            "Kherson": [_t("Kherson", "", 46.63695, 32.61458)],
            "Zaporizhzhia": [_t("Zaporizhzhia", "", 46.96173, 35.04281)],
        },
        [],
        [SHELL],
        state="Military Forces of Ukraine",
        shelling="foreign",
        foreign="Military Forces of Russia",
        foreign_en=("Russian forces", "Russian troops"),
        foreign_id=("pasukan Rusia", "militer Rusia"),
        civilians="Civilians (Ukraine)",
    ),
    Theatre(
        "SD",
        "Sudan",
        "Sudan",
        {
            "North Darfur": [_t("El Fasher", "", 13.62793, 25.34936)],
            "South Darfur": [_t("Nyala", "", 12.04888, 24.88069)],
            "West Darfur": [_t("Geneina", "", 13.45262, 22.44725)],
            "Khartoum": [_t("Omdurman", "", 15.64453, 32.47773)],
        },
        [RSF],
        [CLASH, ATTACK, SHELL],
        unit_en="state",
        unit_id="negara bagian",
        state="Military Forces of Sudan",
        shelling="group",
        civilians="Civilians (Sudan)",
        provinces_id={
            "North Darfur": "Darfur Utara",
            "South Darfur": "Darfur Selatan",
            "West Darfur": "Darfur Barat",
        },
    ),
    Theatre(
        "KE",
        "Kenya",
        "Kenya",
        {
            "Nairobi": [_t("Nairobi", "", -1.28333, 36.81667)],
            "Kisumu": [_t("Kisumu", "", -0.10221, 34.76171)],
            "Mombasa": [_t("Mombasa", "", -4.05466, 39.66359)],
        },
        [],
        [PROTEST, PROTEST_INT],
        unit_en="county",
        unit_id="county",
        police="Police Forces of Kenya",
        extra={"protesters": "Protesters (Kenya)"},
    ),
    Theatre(
        "ID-P",
        "Indonesia",
        "",
        {
            "South Sulawesi": [_t("Makassar", "", -5.14861, 119.43194)],
            "Papua": [_t("Jayapura", "", -2.53371, 140.71813)],
            "Central Sulawesi": [_t("Poso", "", -1.3959, 120.7524)],
        },
        [],
        [PROTEST, PROTEST_INT],
        police="Police Forces of Indonesia",
        extra={"protesters": "Protesters (Indonesia)"},
        provinces_id={"South Sulawesi": "Sulawesi Selatan", "Central Sulawesi": "Sulawesi Tengah"},
    ),
]

NUM_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
NUM_ID = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "dua belas",
]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
SOURCES_EN = ["Wire One", "Sahel Monitor", "Global Desk", "Frontline Report", "Daily Conflict"]
SOURCES_ID = ["Kabar Dunia", "Warta Internasional", "Harian Nusantara", "Berita Global"]

# Report templates: {A} actor1, {B} actor2, {N} count, {P} place, {D} date (a phrase that
# follows the clause), {DC} the date at the start of a sentence.
EN: dict[str, list[str]] = {
    ATTACK: [
        "{A} killed {N} civilians in {P} {D}, local sources said.",
        "{DC}, {A} attacked {P}, killing {N} residents, according to a local official.",
        "At least {N} villagers were killed when {A} raided {P} {D}.",
        "{A} shot dead {N} people in {P} {D}, a security source said.",
    ],
    ABDUCT: [
        "{A} abducted {N} civilians in {P} {D}, residents said.",
        "{DC}, {A} kidnapped {N} villagers in {P}, a local official said.",
    ],
    CLASH: [
        "{A} clashed with {B} in {P} {D}; {N} people were killed in the fighting.",
        "Fighting broke out between {B} and {A} in {P} {D}, leaving {N} dead, a military "
        "spokesman said.",
        "{DC}, {A} attacked {B} in {P}. {NC} were killed in the exchange of fire.",
    ],
    IED: [
        "{NC} soldiers were killed when their vehicle hit a roadside bomb planted by {A} in "
        "{P} {D}.",
        "A roadside bomb blamed on {A} killed {N} soldiers in {P} {D}.",
        "{DC}, an improvised explosive device laid by {A} struck a military convoy in {P}, "
        "killing {N} soldiers.",
    ],
    AIR: [
        "{AC} carried out air strikes on {B} positions in {P} {D}, killing {N} fighters.",
        "{N} militants were killed in an airstrike by {A} on {B} in {P} {D}, officials said.",
        "{DC}, {A} bombed a base of {B} in {P}; {N} fighters died, according to the military.",
    ],
    SHELL: [
        "{AC} shelled {P} {D}, killing {N} civilians, the regional governor said.",
        "{N} civilians were killed when {A} fired artillery shells at {P} {D}.",
        "{DC}, missile strikes by {A} hit residential areas of {P}, killing {N} people.",
    ],
    SUICIDE: [
        "A suicide bomber from {A} blew himself up at a market in {P} {D}, killing {N} people.",
        "{DC}, a suicide bombing claimed by {A} killed {N} civilians in {P}.",
    ],
    PROTEST: [
        "Hundreds of {A} marched peacefully in {P} {D} to demand higher wages.",
        "{DC}, thousands of {A} rallied in {P} against rising fuel prices.",
    ],
    PROTEST_INT: [
        "{B} fired tear gas to disperse {A} in {P} {D}.",
        "{DC}, {B} dispersed {A} who had gathered in {P} to protest against fuel prices, "
        "using tear gas and water cannon.",
    ],
}
ID: dict[str, list[str]] = {
    ATTACK: [
        "{NC} warga tewas ditembak {A} di {P} {D}.",
        "{AC} menyerang {P} {D} dan menewaskan {N} warga sipil, kata seorang pejabat setempat.",
        "Serangan {A} di {P} {D} menewaskan {N} penduduk desa.",
    ],
    ABDUCT: [
        "{AC} menculik {N} warga di {P} {D}, kata warga setempat.",
        "{NC} warga diculik {A} di {P} {D}.",
    ],
    CLASH: [
        "{AC} terlibat baku tembak dengan {B} di {P} {D}. Sebanyak {N} orang tewas.",
        "Kontak tembak antara {B} dan {A} pecah di {P} {D} dan menewaskan {N} orang.",
        "{AC} menyerang {B} di {P} {D}. {NC} orang tewas dalam baku tembak itu.",
    ],
    IED: [
        "{NC} tentara tewas ketika kendaraan mereka menginjak bom rakitan yang dipasang {A} di "
        "{P} {D}.",
        "Ledakan bom rakitan yang dipasang {A} di {P} {D} menewaskan {N} tentara.",
    ],
    AIR: [
        "{AC} melancarkan serangan udara ke posisi {B} di {P} {D} dan menewaskan {N} militan.",
        "Serangan udara {A} terhadap {B} di {P} {D} menewaskan {N} anggota kelompok itu.",
    ],
    SHELL: [
        "{AC} menembakkan artileri ke {P} {D} dan menewaskan {N} warga sipil.",
        "Serangan roket {A} menghantam permukiman di {P} {D}, menewaskan {N} warga.",
    ],
    SUICIDE: [
        "Seorang pelaku bom bunuh diri dari {A} meledakkan diri di pasar {P} {D} dan "
        "menewaskan {N} orang.",
        "Bom bunuh diri yang diklaim {A} menewaskan {N} warga di {P} {D}.",
    ],
    PROTEST: [
        "Ratusan {A} berunjuk rasa dengan damai di {P} {D} menuntut kenaikan upah.",
        "Ribuan {A} menggelar aksi damai di {P} {D} menolak kenaikan harga BBM.",
    ],
    PROTEST_INT: [
        "{BC} menembakkan gas air mata untuk membubarkan {A} di {P} {D}.",
        "{BC} membubarkan {A} yang berunjuk rasa menolak kenaikan harga BBM di {P} {D}.",
    ],
}
# A report that gives no toll.
EN_NO_TOLL = {
    ATTACK: "{A} attacked civilians in {P} {D}; there was no word on casualties.",
    CLASH: "{A} clashed with {B} in {P} {D}, a military source said, without giving a toll.",
    IED: "A roadside bomb planted by {A} hit an army patrol in {P} {D}; no toll was given.",
    AIR: "{A} carried out air strikes on {B} positions in {P} {D}.",
    SHELL: "{A} shelled {P} {D}, damaging homes, officials said.",
}
ID_NO_TOLL = {
    ATTACK: "{AC} menyerang warga di {P} {D}. Belum ada keterangan soal korban.",
    CLASH: "{AC} terlibat baku tembak dengan {B} di {P} {D}. Belum ada laporan korban.",
    IED: "Bom rakitan yang dipasang {A} meledak saat patroli tentara melintas di {P} {D}.",
    AIR: "{AC} melancarkan serangan udara ke posisi {B} di {P} {D}.",
    SHELL: "{AC} menembakkan artileri ke {P} {D} dan merusak rumah warga.",
}

UNIDENTIFIED_EN = ("gunmen", "unidentified gunmen", "suspected jihadists", "armed men")
UNIDENTIFIED_ID = ("orang bersenjata tak dikenal", "sekelompok orang bersenjata", "OTK")
SOLDIERS_EN = ("soldiers", "troops", "the army", "security forces")
SOLDIERS_ID = ("tentara", "pasukan keamanan", "militer")
CIVILIANS_EN = ("civilians", "villagers", "residents")
PROTESTERS_EN = ("protesters", "demonstrators", "students")
PROTESTERS_ID = ("pengunjuk rasa", "mahasiswa", "buruh")
POLICE_EN = ("police", "riot police")
POLICE_ID = ("polisi", "aparat kepolisian")


@dataclass
class Real:
    """A real (made-up) event."""

    key: str
    theatre: Theatre
    sub: str
    province: str
    town: Town
    day: dt.date
    actor1: str  # ACLED names (no year ranges)
    actor2: str
    group: Group | None
    deaths: int


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _km(a: Town, b: Town) -> float:
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians(a.lat))
    return math.hypot(dx, dy)


class Builder:
    def __init__(self, seed: int = 12) -> None:
        self.rng = random.Random(seed)
        self.docs: list[dict[str, object]] = []
        self.events: list[dict[str, object]] = []
        self.n_events = 0

    # ---- events --------------------------------------------------------------------

    def real(
        self,
        th: Theatre,
        sub: str,
        province: str,
        town: Town,
        day: dt.date,
        group: Group | None = None,
    ) -> Real:
        rng = self.rng
        self.n_events += 1
        key = f"ev{self.n_events:03d}"
        if sub in (PROTEST, PROTEST_INT):
            a1 = str(th.extra["protesters"])
            a2 = th.police if sub == PROTEST_INT else ""
            return Real(key, th, sub, province, town, day, a1, a2, None, 0)
        if group is None and th.groups:
            group = rng.choice(th.province_groups.get(province, th.groups))
        deaths = rng.choice([2, 2, 3, 3, 4, 5, 6, 7, 9, 12])
        if sub in (ATTACK, ABDUCT, SUICIDE):
            assert group is not None
            a1, a2 = group.acled, th.civilians
        elif sub in (CLASH, IED):
            assert group is not None
            a1, a2 = group.acled, th.state
        elif sub == AIR:
            a1 = th.foreign or th.state
            a2 = group.acled if group else ""
        elif sub == SHELL:
            if th.shelling == "group" and group is not None:
                a1 = group.acled
            else:
                a1, group = (th.foreign if th.shelling == "foreign" else th.state), None
            a2 = th.civilians
        else:
            raise ValueError(sub)
        return Real(key, th, sub, province, town, day, a1, a2, group, deaths)

    def record(self, ev: Real, reports: int) -> None:
        self.events.append(
            {
                "event": ev.key,
                "reports": reports,
                "event_type": EVENT_TYPE[ev.sub],
                "sub_event_type": ev.sub,
                "actor1": ev.actor1,
                "actor2": ev.actor2,
                "country": ev.theatre.en.removeprefix("the "),
                "iso": ev.theatre.iso[:2],
                "admin1": ev.province,
                "location": ev.town.name,
                "latitude": ev.town.lat,
                "longitude": ev.town.lon,
                "event_date": ev.day.isoformat(),
                "fatalities": ev.deaths,
            }
        )

    # ---- wording -------------------------------------------------------------------

    def _actor(self, ev: Real, side: int, lang: str, vague: bool) -> str:
        rng = self.rng
        th = ev.theatre
        name = ev.actor1 if side == 1 else ev.actor2
        en = lang == "en"
        if name == "":
            return ""
        if ev.group is not None and name == ev.group.acled:
            if vague:
                return rng.choice(UNIDENTIFIED_EN if en else UNIDENTIFIED_ID)
            return rng.choice(ev.group.en if en else ev.group.id)
        if name == th.foreign:
            return rng.choice(th.foreign_en if en else th.foreign_id)
        if name == th.state:
            return rng.choice(SOLDIERS_EN if en else SOLDIERS_ID)
        if name == th.police:
            return rng.choice(POLICE_EN if en else POLICE_ID)
        if name == th.civilians:
            return rng.choice(CIVILIANS_EN) if en else "warga"
        if name == th.extra.get("protesters"):
            return rng.choice(PROTESTERS_EN if en else PROTESTERS_ID)
        return name

    def _place(self, ev: Real, lang: str, level: str) -> str:
        th, town, rng = ev.theatre, ev.town, self.rng
        en = lang == "en"
        country = th.en if en else th.id
        province = (
            f"{ev.province} {th.unit_en}"
            if en
            else f"{th.unit_id} {th.provinces_id.get(ev.province, ev.province)}"
        )
        with_country = country and rng.random() < 0.7
        if level == "district" and town.district:
            d = (
                f"{town.district} {th.district_en}"
                if en
                else f"{_cap(th.district_id)} {town.district}"
            )
            place = d if not with_country else f"{d}, {country}"
            return place
        if level == "province":
            if en:
                return f"{province}" + (f", {country}" if with_country else "")
            return _cap(province) + (f", {country}" if with_country else "")
        near = level == "near"
        if en:
            head = (
                f"a village near {town.name}"
                if near
                else rng.choice([town.name, f"the town of {town.name}"])
            )
            tail = rng.choice(
                [f", in {province}"]
                + ([f", in {town.district} {th.district_en}"] if town.district else [])
            )
            return head + tail + (f", {country}" if with_country else "")
        head = (
            f"sebuah desa dekat {town.name}"
            if near
            else rng.choice([town.name, f"kota {town.name}"])
        )
        tail = rng.choice(
            [f", {_cap(province)}"]
            + ([f", {_cap(th.district_id)} {town.district}"] if town.district else [])
        )
        return head + tail + (f", {country}" if with_country else "")

    def _date(self, day: dt.date, published: dt.date, lang: str) -> tuple[str, str]:
        """(phrase after a clause, phrase starting a sentence)."""
        rng = self.rng
        gap = (published - day).days
        choices = ["absolute", "weekday"]
        if gap == 1:
            choices.append("yesterday")
        kind = rng.choice(choices)
        if lang == "en":
            if kind == "yesterday":
                return "yesterday", "Yesterday"
            if kind == "weekday":
                w = DAYS_EN[day.weekday()]
                return f"on {w}", f"On {w}"
            m = f"{day.day} {MONTHS_EN[day.month - 1]}"
            if rng.random() < 0.5:
                m = f"{MONTHS_EN[day.month - 1]} {day.day}"
            return f"on {m}", f"On {m}"
        if kind == "yesterday":
            return "kemarin", "Kemarin"
        w = DAYS_ID[day.weekday()]
        if kind == "weekday":
            return f"pada {w}", f"Pada {w}"
        if rng.random() < 0.5:
            return (
                f"pada {w} ({day.day}/{day.month}/{day.year})",
                f"Pada {w} ({day.day}/{day.month}/{day.year})",
            )
        m = f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
        return f"pada {m}", f"Pada {m}"

    def _count(self, n: int, lang: str) -> str:
        words = NUM_EN if lang == "en" else NUM_ID
        text = words[n] if n < len(words) else str(n)
        if self.rng.random() < 0.2:
            text = ("at least " if lang == "en" else "sedikitnya ") + text
        return text

    def report(
        self, ev: Real, *, lang: str, level: str, vague: bool, late: bool, toll: int | None
    ) -> None:
        """One document telling ``ev``; ``toll`` None gives no toll."""
        rng = self.rng
        day = ev.day + dt.timedelta(days=1 if late else 0)
        published = day + dt.timedelta(days=rng.choice([1, 1, 2, 3]))
        d, dc = self._date(day, published, lang)
        table = EN if lang == "en" else ID
        if toll is None and ev.sub in (EN_NO_TOLL if lang == "en" else ID_NO_TOLL):
            template = (EN_NO_TOLL if lang == "en" else ID_NO_TOLL)[ev.sub]
            wording = f"{lang}:{ev.sub}:no-toll"
        else:
            i = rng.randrange(len(table[ev.sub]))
            template, wording = table[ev.sub][i], f"{lang}:{ev.sub}:{i}"
            toll = toll if toll is not None else ev.deaths
        a = self._actor(ev, 1, lang, vague)
        b = self._actor(ev, 2, lang, False)
        n = self._count(toll or 0, lang)
        text = template.format(
            A=a,
            AC=a[:1].upper() + a[1:],
            B=b,
            BC=b[:1].upper() + b[1:],
            N=n,
            NC=n[:1].upper() + n[1:],
            P=self._place(ev, lang, level),
            D=d,
            DC=dc,
        )
        text = text[:1].upper() + text[1:]
        self.docs.append(
            {
                "id": f"r{len(self.docs) + 1:04d}",
                "text": text,
                "published": published.isoformat(),
                "source": rng.choice(SOURCES_EN if lang == "en" else SOURCES_ID),
                "event": ev.key,
                # the language it is written in, for the scores by language pair (not "lang":
                # the language is left for the pipeline to identify)
                "written_in": lang,
                "wording": wording,
            }
        )

    def tell(self, ev: Real, n_reports: int, plain: bool = False) -> None:
        """``n_reports`` reports of ``ev``; the first names the town and, unless ``plain``,
        the others differ from it as real reports do."""
        rng = self.rng
        langs = ["en", "id"]
        rng.shuffle(langs)
        has_district = bool(ev.town.district)
        for i in range(n_reports):
            lang = langs[i % 2] if i < 2 else rng.choice(["en", "id"])
            if i == 0 or plain:
                level, vague, late, toll = "town", False, False, ev.deaths
            else:
                level = rng.choices(
                    ["town", "near", "district", "province"],
                    [0.45, 0.15, 0.25 if has_district else 0.0, 0.15],
                )[0]
                vague = ev.group is not None and ev.actor1 == ev.group.acled and rng.random() < 0.3
                late = rng.random() < 0.15 and n_reports >= 3 and i == n_reports - 1
                roll = rng.random()
                if roll < 0.15:
                    toll = None
                elif roll < 0.4 and ev.deaths:
                    toll = max(1, ev.deaths + rng.choice([-1, 1, 2]))
                else:
                    toll = ev.deaths
            self.report(ev, lang=lang, level=level, vague=vague, late=late, toll=toll)

    # ---- the corpus ----------------------------------------------------------------

    def build(self, n_events: int) -> None:
        rng = self.rng
        start = dt.date(2021, 1, 4)
        taken: list[Real] = []
        made = 0
        while made < n_events:
            th = rng.choice(THEATRES)
            province = rng.choice(sorted(th.provinces))
            town = rng.choice(th.provinces[province])
            sub = rng.choice(th.kinds)
            day = start + dt.timedelta(days=rng.randrange(0, 700))
            # distinct events of one kind never fall within a week and 30 km of each other
            # by chance, so the pairs the gold calls distinct are distinct by design
            if any(
                t.sub == sub and abs((t.day - day).days) <= 7 and _km(t.town, town) < 30
                for t in taken
            ):
                continue
            ev = self.real(th, sub, province, town, day)
            taken.append(ev)
            n = rng.choice([2, 2, 3, 3, 3, 4])
            self.record(ev, n)
            self.tell(ev, n)
            made += 1
            hard = rng.random()
            if hard < 0.15:  # the same town and kind, four to six days later
                later = day + dt.timedelta(days=rng.choice([4, 5, 6]))
                other = self.real(th, sub, province, town, later)
                taken.append(other)
                self.record(other, 2)
                self.tell(other, 2, plain=True)
            elif hard < 0.27:  # another kind of event in the same town, the same day
                kinds = [k for k in th.kinds if k != sub and EVENT_TYPE[k] != EVENT_TYPE[sub]]
                if kinds:
                    other = self.real(th, rng.choice(kinds), province, town, day)
                    taken.append(other)
                    self.record(other, 1)
                    self.tell(other, 1, plain=True)
            elif hard < 0.4:  # the same kind, the same day, another town of the province
                far = [t for t in th.provinces[province] if _km(t, town) >= 30]
                if far:
                    other = self.real(th, sub, province, rng.choice(far), day, ev.group)
                    taken.append(other)
                    self.record(other, 2)
                    self.tell(other, 2, plain=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=160, help="main events (each 2-4 reports)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    b = Builder(args.seed)
    b.build(args.events)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("reports.jsonl", b.docs), ("reports_events.jsonl", b.events)):
        with (args.out / name).open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    multi = sum(1 for e in b.events if int(e["reports"]) >= 2)  # type: ignore[call-overload]
    print(f"{len(b.events)} events ({multi} told more than once), {len(b.docs)} reports")


if __name__ == "__main__":
    main()
