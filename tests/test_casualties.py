"""Killed and injured counts, in digits and in words, in English and Indonesian."""

from __future__ import annotations

import pytest

from groundfacts.packs import Pack


def _counts(pack: Pack, text: str) -> list[tuple[str, int]]:
    found = pack.casualties(text)
    for c in found:
        assert text[c.start : c.end] == c.text
    return [(c.kind, c.count) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast hit the market, killing six.", [("killed", 6)]),
        ("Six people were killed in the raid.", [("killed", 6)]),
        ("At least 12 dead after the attack.", [("killed", 12)]),
        ("The raid left 3 dead and 5 wounded.", [("killed", 3), ("injured", 5)]),
        ("Gunmen killed a civilian in Doru.", [("killed", 1)]),
        ("Gunmen killed two soldiers and wounded three others.", [("killed", 2), ("injured", 3)]),
        ("Militants killed at least twenty-four soldiers.", [("killed", 24)]),
        ("Dozens killed as the camp was shelled.", [("killed", 12)]),
        ("Several villagers died in the fire.", [("killed", 10)]),
        ("The attack caused no casualties.", [("killed", 0)]),
        ("Three policemen and an assailant were killed.", [("killed", 4)]),
        ("The death toll rose to 15 on Monday.", [("killed", 15)]),
        ("One hundred and five people were killed.", [("killed", 105)]),
        ("A number of people were killed.", []),
        ("In 2014 killed men were buried.", []),
        # two verbs share their object; a second casualty word counts its own
        ("Gunmen killed and robbed two traders near Doru.", [("killed", 2)]),
        ("Gunmen killed and stripped a trader of his goods.", [("killed", 1)]),
        ("Gunmen killed and wounded five people.", [("injured", 5)]),
        ("Two killed and at least 30 wounded in the brawl.", [("killed", 2), ("injured", 30)]),
        # an approximator opening a passive's subject far from its verb
        ("At least four members of the Zeru clan were executed at dawn.", [("killed", 4)]),
        ("A suspected informer was hanged near the well.", [("killed", 1)]),
        ("Posters were hanged on the walls.", []),
        ("Three youths beat to death an electrician.", [("killed", 1)]),
        ("Gunmen killed the watchman of the mine.", [("killed", 1)]),
    ],
)
def test_english(en: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(en, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serangan itu menewaskan 12 orang.", [("killed", 12)]),
        ("Dua warga tewas dalam bentrokan itu.", [("killed", 2)]),
        ("Tiga prajurit gugur dalam kontak senjata.", [("killed", 3)]),
        ("Sebanyak 5 orang luka-luka.", [("injured", 5)]),
        ("Seorang warga tewas ditembak.", [("killed", 1)]),
        ("Dua belas orang tewas dan tujuh orang terluka.", [("killed", 12), ("injured", 7)]),
        ("Sedikitnya dua puluh tiga orang meninggal dunia.", [("killed", 23)]),
        ("Puluhan orang tewas akibat serangan itu.", [("killed", 12)]),
        ("Ledakan itu menewaskan 1.200 orang.", [("killed", 1200)]),
        ("Korban tewas mencapai 15 orang.", [("killed", 15)]),
        ("Tidak ada korban jiwa dalam kejadian itu.", [("killed", 0)]),
        ("Sejumlah warga tewas.", []),
        ("Seratus dua puluh orang tewas.", [("killed", 120)]),
        ("Pelaku membunuh dan merampok dua pedagang di Doru.", [("killed", 2)]),
        ("Dua warga tewas dan sedikitnya lima luka-luka.", [("killed", 2), ("injured", 5)]),
    ],
)
def test_indonesian(id_: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(id_, text) == expected


def test_the_object_number_wins_over_the_subject(en: Pack) -> None:
    # "two gunmen" are not the dead: the number after the verb is.
    assert _counts(en, "Two gunmen killed three villagers.") == [("killed", 3)]


def test_numbers_do_not_cross_clauses(en: Pack) -> None:
    assert _counts(en, "Police arrested 4 men; others died.") == []


def test_number_words_table(id_: Pack, en: Pack) -> None:
    assert id_.numbers.value_of("dua ratus dua puluh tiga") == 223
    assert id_.numbers.value_of("sebelas") == 11
    assert id_.numbers.value_of("tiga belas") == 13
    assert en.numbers.value_of("twenty-one") == 21
    assert en.numbers.value_of("two thousand five hundred") == 2500
    assert en.numbers.value_of("a dozen") == 12


def test_malay_casualties() -> None:
    ms = Pack.load("ms")
    assert _counts(ms, "Lapan orang maut dalam serangan itu.") == [("killed", 8)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated victims add up; a subset ("including ...") is not counted again
        ("Eleven soldiers and one policeman were killed in the ambush.", [("killed", 12)]),
        ("One VDP and one herder were killed.", [("killed", 2)]),
        (
            "Two rebels and four villagers including a chief were reportedly killed.",
            [("killed", 6)],
        ),
        ("Two rebels, three guards, and a driver were killed.", [("killed", 6)]),
        ("Raiders killed 3 guards, and 7 villagers including 1 boy and 1 girl.", [("killed", 10)]),
        ("Gunmen shot two farmers (IDP) and five traders.", []),
        ("The raid, killing two rangers (VDP) and five traders.", [("killed", 7)]),
        ("A woman and three children were killed.", [("killed", 4)]),
        ("A man and his son were killed.", [("killed", 2)]),
        ("Gunmen killed a pastor and his two daughters.", [("killed", 3)]),
        # a singular person noun after a kill verb counts one
        ("Bandits killed a shopkeeper near Dara.", [("killed", 1)]),
        ("Gunmen killed a female refugee from the camp.", [("killed", 1)]),
        ("Militants assassinated a school headmaster.", [("killed", 1)]),
        ("They shot dead a nurse.", [("killed", 1)]),
        ("Gunmen killed a presumed rebel or bandit leader.", [("killed", 1)]),
        ("One man was taken off a truck and executed.", [("killed", 1)]),
        ("Rebels abducted a trader and executed him.", [("killed", 1)]),
        ("Two people from an IDP camp were killed.", [("killed", 2)]),
        # unknown numbers are coded low; several stays ACLED's 10
        ("Troops killed an unspecified number of rebels.", [("killed", 3)]),
        ("An unknown number of dead and wounded.", [("killed", 3)]),
        ("Several rebels were killed.", [("killed", 10)]),
        ("Tens were killed in the fighting.", [("killed", 10)]),
        # each count keeps its own kind
        ("One rebel allegedly killed and six others wounded.", [("killed", 1), ("injured", 6)]),
        ("One policeman was killed and two others were wounded.", [("killed", 1), ("injured", 2)]),
        ("Four guards were wounded and two rebels killed.", [("injured", 4), ("killed", 2)]),
        # animals are not people; other objects in a list are not victims
        ("A landmine killed several goats near the well.", []),
        ("Some cattle were killed.", []),
        ("Gunmen killed a cattle trader.", [("killed", 1)]),
        ("They killed four people, two huts were burned.", [("killed", 4)]),
        # ranges count their low end
        ("Soldiers executed between 8 and 14 men.", [("killed", 8)]),
        ("Gunmen killed 6 to 9 people at the market.", [("killed", 6)]),
        # clause and sentence shapes
        ("After the raid, four people were killed.", [("killed", 4)]),
        ("The bomb went off, leaving seven people dead.", [("killed", 7)]),
        ("The clash left 4 dead.", [("killed", 4)]),
        ("Rebels stormed the market, killing at least 9.", [("killed", 9)]),
        ("Eight corpses of suspected rebels were found.", [("killed", 8)]),
        ("A man riding a motorbike was killed by a landmine.", [("killed", 1)]),
        ("Mines were found near a bridge that was blown up and killed.", []),
    ],
)
def test_english_groups(en: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(en, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Empat prajurit dan dua warga tewas dalam serangan itu.", [("killed", 6)]),
        ("Pelaku menembak mati seorang pedagang.", [("killed", 1)]),
        ("Lima warga, termasuk seorang anak, tewas.", [("killed", 5)]),
        ("Antara 7 hingga 11 orang tewas.", [("killed", 7)]),
        ("Belasan ternak tewas tertimbun.", []),
        ("Seorang polisi gugur dan dua orang luka-luka.", [("killed", 1), ("injured", 2)]),
    ],
)
def test_indonesian_groups(id_: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(id_, text) == expected


def test_conjunction_does_not_start_a_number(en: Pack) -> None:
    toks = [(0, 3, "and"), (4, 8, "nine")]
    assert en.numbers.read(toks, 0) is None
    assert en.numbers.value_of("one hundred and five") == 105


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an indefinite article opening a singular passive is one person, whatever the noun
        ("A drug surrenderee was shot dead in Doru.", [("killed", 1)]),
        ("A Zarvian Liberation Front (ZLF) member was killed in the clash.", [("killed", 1)]),
        ("A goat was killed by the blast.", []),
        ("Herders were killed in Doru.", []),
        # "them" counts the people counted before it in the sentence, not in another one
        ("Soldiers arrested five herders and executed them near Doru.", [("killed", 5)]),
        ("Soldiers arrested five herders in Doru. Gunmen later killed them.", []),
        # one count of two kinds of people
        ("At least two gendarmes and soldiers killed in the raid.", [("killed", 2)]),
        (
            "The clash ended, resulting in the deaths of one fighter and three herders.",
            [("killed", 4)],
        ),
        # a death protested or mourned is no toll of the event
        ("Students marched over the death of a teacher in custody.", []),
    ],
)
def test_english_subjects_pronouns_and_pairs_of_nouns(
    en: Pack, text: str, expected: list[tuple[str, int]]
) -> None:
    assert _counts(en, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive's subject that joins people counts each of them
        ("A village chair and his aide were shot dead in Kermi.", [("killed", 2)]),
        ("Two members of the ZLF and a soldier were killed in Kermi.", [("killed", 3)]),
        (
            "On Monday, a former rebel and a leader of the Kermi Farmers Union (KFU) were "
            "killed by gunmen.",
            [("killed", 2)],
        ),
        # people named inside one person's description are not counted again
        ("A leader of farmers and fishermen was killed in Kermi.", [("killed", 1)]),
        ("A goat and its kid were killed by the blast.", []),
        # a bomber who dies with the victims is counted with them
        ("The bomber blew himself up, killing himself and two guards.", [("killed", 3)]),
        # a long singular subject still opens its passive
        (
            "On Monday, an active member of the Kermi Farmers Union of the northern district of "
            "Lorsa was reportedly waylaid and shot dead by gunmen.",
            [("killed", 1)],
        ),
        # but the article of a subject far from the death word counts nobody
        (
            "A rally was also held at the town hall to demand justice for farmers and activists "
            "killed last year.",
            [],
        ),
        # the count between a death verb and "to death"
        ("Villagers beat a suspected bicycle thief to death in Kermi.", [("killed", 1)]),
        ("Gunmen stabbed two traders to death near Kermi.", [("killed", 2)]),
        ("The court sentenced three men to death.", []),
        # a death toll as a noun, told apart from the injuries told with it
        ("There was one fatality and six injuries.", [("killed", 1), ("injured", 6)]),
    ],
)
def test_english_joined_subjects(en: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(en, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count opening the clause reaches its state word across a long subject
        (
            "Seorang prajurit TNI dari Satuan Tugas Yonif 123/Kermi Jaya gugur setelah diserang "
            "di Distrik Lorsa.",
            [("killed", 1)],
        ),
        # a count of days opens no subject
        ("Dua hari kemudian warga Kermi tewas.", []),
    ],
)
def test_indonesian_long_subjects(id_: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(id_, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject's places set off by commas ("Desa A, Kecamatan B, Kabupaten C,")
        (
            "Seorang warga Desa Karamba, Kecamatan Lore Utara, Kabupaten Poso, tewas dibunuh.",
            [("killed", 1)],
        ),
        # the names of the dead set off by commas
        ("Dua prajurit TNI, Pratu Ande dan Prada Boli, gugur di Ilaga.", [("killed", 2)]),
        # "dua di antaranya" (two of them) is part of the three, not added to them
        ("Serangan itu menewaskan tiga orang, dua di antaranya polisi.", [("killed", 3)]),
        ("Tiga pekerja tewas, dua di antaranya dibakar bersama bedeng.", [("killed", 3)]),
        # houses counted before "dan" are no people
        ("Ratusan rumah dibakar dan belasan warga luka-luka.", [("injured", 11)]),
        ("Tiga rumah dibakar dan dua warga tewas.", [("killed", 2)]),
        # a clause of its own after the places keeps its own count
        ("Di Desa Karamba, Kecamatan Lore Utara, dua warga tewas.", [("killed", 2)]),
        # lower-case words between the commas are no names: nothing is carried across
        ("Polisi datang ke desa itu, lalu pergi, tewas.", []),
    ],
)
def test_indonesian_subjects_with_asides(
    id_: Pack, text: str, expected: list[tuple[str, int]]
) -> None:
    assert _counts(id_, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two soldiers, Corporal Abel Mora and Private Ivo Sen, were killed.", [("killed", 2)]),
        # "in X, Y, a trader was killed": the count after the places opens the subject
        ("In Barangay Lumbia, Alcala, a trader was shot dead.", [("killed", 1)]),
        # the place set off by commas is an aside: the resident is the one killed
        ("A resident of Lumbia village, Alcala district, was killed.", [("killed", 1)]),
        # words before the commas that open with no count give none
        ("Residents of Lumbia village, Alcala district, said a house was burned.", []),
    ],
)
def test_english_subjects_with_asides(en: Pack, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(en, text) == expected
