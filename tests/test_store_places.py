"""Store.places_near: every place record within N km of a point, nearest first."""

from __future__ import annotations

from newsledger.model import Article, Ledger, Place, Span
from newsledger.store.store import Store


def _ledger(article_id: str, *points: tuple[str, float, float]) -> Ledger:
    text = " ".join(name for name, _, _ in points) + "."
    places, offset = [], 0
    for number, (name, lat, lon) in enumerate(points, 1):
        start = text.index(name, offset)
        offset = start + len(name)
        places.append(Place(id=f"plc-{number}", span=Span(start, offset, name), name=name, lat=lat, lon=lon))
    return Ledger(Article(id=article_id, text=text), places=tuple(places))


def test_places_within_the_radius_nearest_first():
    store = Store.open(":memory:")
    store.write(_ledger("a1", ("Baku", 40.38, 49.89), ("Ganja", 40.68, 46.36)))
    store.write(_ledger("a2", ("Sumqayit", 40.59, 49.67), ("Yerevan", 40.18, 44.51)))
    found = store.places_near(40.41, 49.87, 50)
    assert [(hit.record.name, hit.article.id) for hit, _ in found] == [("Baku", "a1"), ("Sumqayit", "a2")]
    assert found[0][1] < found[1][1] <= 50
    # Ganja is ~300 km west: inside a 350 km radius, not a 250 km one
    assert "Ganja" in [hit.record.name for hit, _ in store.places_near(40.41, 49.87, 350)]
    assert "Ganja" not in [hit.record.name for hit, _ in store.places_near(40.41, 49.87, 250)]


def test_limit_and_places_without_coordinates():
    store = Store.open(":memory:")
    ledger = _ledger("a1", ("Baku", 40.38, 49.89), ("Sumqayit", 40.59, 49.67))
    unplaced = Place(id="plc-3", span=Span(0, 4, "Baku"), name="Somewhere")
    store.write(Ledger(ledger.article, places=(*ledger.places, unplaced)))
    assert [hit.record.name for hit, _ in store.places_near(40.41, 49.87, 100, limit=1)] == ["Baku"]
    assert store.places_near(0.0, 0.0, 100) == []


def test_radius_across_the_antimeridian_and_near_a_pole():
    store = Store.open(":memory:")
    store.write(_ledger("a1", ("Suva", -18.14, 178.44), ("Apia", -13.83, -171.76)))
    store.write(_ledger("a2", ("Longyearbyen", 78.22, 15.65)))
    assert [hit.record.name for hit, _ in store.places_near(-15.0, 179.9, 1200)] == ["Suva", "Apia"]
    assert [hit.record.name for hit, _ in store.places_near(89.0, -120.0, 1500)] == ["Longyearbyen"]
