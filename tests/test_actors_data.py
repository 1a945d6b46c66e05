"""Registry data files load strictly and fail naming the file and line."""

from pathlib import Path

import pytest

from groundfacts.actors.lexicon import _load_groups, _rebels_first, load_lexicon
from groundfacts.actors.tsv import RegistryDataError, read_tsv

HEADER = "id\tname\tinter\tcountry\tstart\tend\taliases\ttheatres\trenamed\n"


def test_packaged_data_is_consistent() -> None:
    lex = load_lexicon()
    assert {"military", "police", "gendarmerie", "protesters", "rioters", "civilians"} <= set(
        lex.roles
    )
    assert {"unidentified", "rebels", "militia", "government"} <= set(lex.roles)
    for gid in ("islamic_state", "nusra", "ahrar", "jaish_al_fath", "jnim", "isgs", "tpnpb"):
        assert gid in lex.groups
    assert all(1 <= g.inter <= 8 for g in lex.groups.values())


def test_bad_inter_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "zed.tsv").write_text(
        "# made-up theatre\n" + HEADER + "zfront\tZed Front\t9\tZZ\t\t\tZF\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryDataError, match=r"zed.tsv:3: inter"):
        _load_groups(tmp_path)


def test_short_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "roles.tsv"
    path.write_text("lang\tphrase\trole\nen\tzedmen\n", encoding="utf-8")
    with pytest.raises(RegistryDataError, match=r"roles.tsv:2"):
        read_tsv(path)


def test_sides_name_countries_and_known_event_types(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    doc = {"sides": {"rebels_first": ["ZZ"], "rebels_first_events": ["Armed clash"]}}
    assert _rebels_first(doc, path) == (frozenset({"ZZ"}), frozenset({"Armed clash"}))
    doc["sides"]["rebels_first_events"] = ["Armed clashes"]
    with pytest.raises(RegistryDataError, match="unknown types"):
        _rebels_first(doc, path)


def test_missing_group_folder_files(tmp_path: Path) -> None:
    with pytest.raises(RegistryDataError, match="no group files"):
        _load_groups(tmp_path)


def test_theatres_and_renames_parse(tmp_path: Path) -> None:
    (tmp_path / "zed.tsv").write_text(
        HEADER + "zfront\tZed Front\t2\tZZ\t2001\t\tZed Front|ZF\tZY,ZX=Zed Front (Yland)\t"
        "2010=New Zed Front\n",
        encoding="utf-8",
    )
    g = _load_groups(tmp_path)["zfront"]
    assert g.theatres == {"ZY": "Zed Front (Yland)", "ZX": "Zed Front (Yland)"}
    assert g.renamed == ((2010, "New Zed Front"),)
