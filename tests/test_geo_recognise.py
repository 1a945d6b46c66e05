"""Place mentions in text: cues, common words, capitalisation, lists, qualifiers, speed."""

from __future__ import annotations

from test_geo_support import gaz, geo_index  # noqa: F401  (session fixtures)

from groundfacts.geo import Gazetteer


def texts(gaz: Gazetteer, text: str, lang: str = "en") -> list[str]:  # noqa: F811
    return [m.text for m in gaz.find_places(text, lang)]


def test_offsets_point_into_text(gaz: Gazetteer) -> None:  # noqa: F811
    text = "Fighting near Ḩamāh and in Latakia; later, clashes reached Deir ez-Zor."
    ms = gaz.find_places(text)
    assert [m.text for m in ms] == ["Ḩamāh", "Latakia", "Deir ez-Zor"]
    for m in ms:
        assert text[m.start : m.end] == m.text and m.place is None
    assert ms[0].cue == "near" and ms[1].cue == "in"


def test_months_weekdays_and_common_words_are_not_places(gaz: Gazetteer) -> None:  # noqa: F811
    text = "In March, Police said on Monday that the Paris talks were over."
    assert texts(gaz, text) == ["Paris"]


def test_lowercase_is_not_a_place(gaz: Gazetteer) -> None:  # noqa: F811
    assert texts(gaz, "the police came to paris by car") == []


def test_indonesian_common_word_vs_country(gaz: Gazetteer) -> None:  # noqa: F811
    # "Bila" is an Indonesian word ("if") and a made-up village here.
    assert texts(gaz, "Bila hujan turun, warga mengungsi ke Jakarta.", "id") == ["Jakarta"]
    # "Mali" the country is a place in English text.
    assert texts(gaz, "Troops returned to Mali last year.") == ["Mali"]


def test_cue_makes_unknown_span_a_place(gaz: Gazetteer) -> None:  # noqa: F811
    got = texts(gaz, "Gunmen attacked the village of Tin-Akoff on Sunday.")
    assert got == ["Tin-Akoff"]
    assert texts(gaz, "Warga desa Sukamakmur mengungsi.", "id") == ["Sukamakmur"]
    # An unknown capitalised word without a cue is not a place.
    assert texts(gaz, "Tin-Akoff said nothing.") == []


def test_person_name_is_not_a_place(gaz: Gazetteer) -> None:  # noqa: F811
    assert texts(gaz, "Reporter Austin Smith wrote the story.") == []


def test_list_after_a_place(gaz: Gazetteer) -> None:  # noqa: F811
    text = "The group took Tall Zaytunah, Khirbat Nurayn, Umm Qalaa and Kafr Sabuni."
    assert texts(gaz, text) == ["Tall Zaytunah", "Khirbat Nurayn", "Umm Qalaa", "Kafr Sabuni"]


def test_qualifiers(gaz: Gazetteer) -> None:  # noqa: F811
    ms = gaz.find_places("Shelling hit northern Aleppo and the outskirts of Hama.")
    assert [(m.text, m.qualifier) for m in ms] == [("Aleppo", "north"), ("Hama", "outskirts")]
    ms = gaz.find_places("Serangan di Aleppo utara dan sebelah selatan Hama.", "id")
    assert [(m.text, m.qualifier) for m in ms] == [("Aleppo", "north"), ("Hama", "south")]


def test_admin_word_is_the_cue(gaz: Gazetteer) -> None:  # noqa: F811
    ms = gaz.geoparse("Clashes were reported in Ar Raqqah province.")
    assert ms[0].cue == "province"
    assert ms[0].place is not None and ms[0].place.feature == "admin1"


def test_people_and_landmarks_are_not_places(gaz: Gazetteer) -> None:  # noqa: F811
    text = "Justin spoke to Boris Johnson, and crowds filled Tahrir Square near Aleppo."
    assert texts(gaz, text) == ["Aleppo"]
    assert texts(gaz, "Mereka berkumpul di Jalan Tahrir, Jakarta.", "id") == ["Jakarta"]
    # A strong cue or an administrative word still makes them places.
    assert texts(gaz, "Gunmen attacked the town of Johnson.") == ["Johnson"]


def test_a_place_heading_a_company_name_is_no_place(gaz: Gazetteer) -> None:  # noqa: F811
    # a company named after a town: the town is not where the trucks burned
    text = "Rebels burned trucks of Aleppo Agricultural Ventures Corp. near Djibo on Monday."
    names = [m.text for m in gaz.find_places(text)]
    assert "Aleppo" not in names and "Djibo" in names
