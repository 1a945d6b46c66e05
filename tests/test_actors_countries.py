"""Country table: names, aliases and demonyms per language (English and Indonesian built in)."""

from pathlib import Path

import pytest

from groundfacts.actors import CountryTable, RegistryDataError


@pytest.fixture(scope="module")
def table() -> CountryTable:
    return CountryTable.load()


def test_every_iso_country_is_present(table: CountryTable) -> None:
    import pycountry

    codes = {c.iso2 for c in table.all()}
    assert {c.alpha_2 for c in pycountry.countries} <= codes
    assert len(table) >= 249


@pytest.mark.parametrize(
    ("iso2", "name"),
    [
        ("SY", "Syria"),
        ("RU", "Russia"),
        ("IR", "Iran"),
        ("TR", "Turkey"),
        ("CD", "Democratic Republic of Congo"),
        ("US", "United States"),
        ("KR", "South Korea"),
        ("PS", "Palestine"),
        ("VN", "Vietnam"),
        ("CI", "Ivory Coast"),
    ],
)
def test_acled_short_names(table: CountryTable, iso2: str, name: str) -> None:
    assert table.name(iso2) == name


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("Rusia", "RU"),
        ("Suriah", "SY"),
        ("russian", "RU"),
        ("Amerika Serikat", "US"),
        ("the United States", "US"),
        ("AS", "US"),
        ("Britania Raya", "GB"),
        ("Inggris", "GB"),
        ("Burkinabè", "BF"),
        ("Burkinabe", "BF"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("DRC", "CD"),
        ("Pantai Gading", "CI"),
        ("Tiongkok", "CN"),
        ("Prancis", "FR"),
        ("Perancis", "FR"),
        ("orang Rusia", "RU"),
        ("Syrian Arab Republic", "SY"),
        ("IRQ", "IQ"),
    ],
)
def test_iso_of_any_form(table: CountryTable, text: str, iso2: str) -> None:
    assert table.iso_of(text) == iso2


@pytest.mark.parametrize("word", ["as", "us", "is", "in", "Atlantis", ""])
def test_common_words_are_not_countries(table: CountryTable, word: str) -> None:
    assert table.iso_of(word) is None


def test_unknown_code_raises(table: CountryTable) -> None:
    with pytest.raises(KeyError):
        table.name("QQ")


def test_malformed_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "countries.tsv"
    bad.write_text(
        "iso2\tiso3\tname\taliases_en\taliases_id\tdemonyms_en\tdemonyms_id\n"
        "ZZ\tZZZ\tZedland\t\t\tZed\t\n"
        "ZY\tZYY\tOnly three\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryDataError, match=r"countries.tsv:3"):
        CountryTable.load(bad)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RegistryDataError, match="missing"):
        CountryTable.load(tmp_path / "nope.tsv")


def test_small_fixture_table(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text(
        "iso2\tiso3\tname\taliases_en\taliases_id\tdemonyms_en\tdemonyms_id\n"
        "ZZ\tZZZ\tZedland\tRepublic of Zed|ZR\tNegeri Zed\tZedlander\t\n",
        encoding="utf-8",
    )
    t = CountryTable.load(path)
    assert t.iso_of("negeri zed") == "ZZ"
    assert t.iso_of("zedlander") == "ZZ"
    assert t.iso_of("ZR") == "ZZ"
    assert t.iso_of("zr") is None


def test_a_language_is_a_pair_of_columns(tmp_path: Path) -> None:
    """A new language's names come in as ``aliases_<lang>``/``demonyms_<lang>`` columns."""
    path = tmp_path / "countries.tsv"
    path.write_text(
        "iso2\tiso3\tname\taliases_en\taliases_tl\tdemonyms_en\tdemonyms_tl\n"
        "ZQ\tZQQ\tZedland\tZed Republic\tKazedlan|Republika ng Zed\tZedish\tmga Zedlanon|Zedlanon\n"
    )
    table = CountryTable.load(path)
    zed = table.get("ZQ")
    assert zed is not None
    assert zed.names("tl") == ("Kazedlan", "Republika ng Zed")
    assert zed.names("en") == ("Zedland", "Zed Republic")
    assert zed.names("fr") == ("Zedland",)  # a language without names of its own
    assert zed.demonyms("tl") == ("mga Zedlanon", "Zedlanon")
    assert table.iso_of("Republika ng Zed") == "ZQ"
    assert table.iso_of("Zedlanon") == "ZQ"
