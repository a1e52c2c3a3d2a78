"""training/gazetteer/make_tables.py: the generated gazetteer tables, made from fake package data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "gazetteer" / "make_tables.py"


@pytest.fixture(scope="module")
def make_tables():
    spec = importlib.util.spec_from_file_location("make_tables", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_aliases_kept_are_english_usable(make_tables):
    usable = make_tables._english_usable
    assert usable("Rhineland-Palatinate", "Rheinland-Pfalz")
    assert not usable("Rhinlönj-Pfalz", "Rheinland-Pfalz")  # not ASCII: another language's name
    assert not usable("ACT", "Australian Capital Territory")  # an acronym
    assert not usable("Poi", "Xizang Zizhiqu")  # a stub
    assert not usable("quebec", "Quebec") and not usable("Quebec", "Quebec")
    assert not usable("", "Quebec")


def test_admin1_rows_keep_first_level_subdivisions_with_iso_codes(make_tables, tmp_path):
    folder = tmp_path / "data" / "subdivisions"
    folder.mkdir(parents=True)
    rows = [
        ["Rheinland-Pfalz", "DE-RP", "DE.08", "2847618", "Land", "Rhineland-Palatinate|Rhinlönj-Pfalz|RP", "1", "",
         "57"],
        ["Alberta Beach", "", "CA.01.4813012", "11807388", "", "", "2", "8949", "38"],  # second level
        ["Cubango", "", "AO.CBG", "", "", "", "1", "", "5"],  # no ISO code
        ["Karuzi", "BI-KR", "", "", "Province", "", "1", "", "30"],  # no GeoNames code: kept, code empty
    ]
    (folder / "subdivisions.tsv").write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    assert make_tables.admin1_rows(tmp_path) == [
        ("BI-KR", "", "Karuzi", ""),
        ("DE-RP", "DE.08", "Rheinland-Pfalz", "Rhineland-Palatinate"),
    ]


def test_country_points_skip_countries_without_a_point(make_tables, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "iceland.json").write_text(json.dumps({"ISO": {"alpha2": "IS"}, "latlng": [65, -18]}))
    (folder / "nowhere.json").write_text(json.dumps({"ISO": {"alpha2": "XX"}, "latlng": []}))
    (folder / "noiso.json").write_text(json.dumps({"latlng": [1, 2]}))
    assert make_tables.country_points(tmp_path) == [("IS", 65.0, -18.0)]


def test_a_missing_package_is_reported(make_tables):
    with pytest.raises(SystemExit, match="not installed"):
        make_tables.package_dir("no_such_package_for_newsledger")
