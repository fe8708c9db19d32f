"""Places: the gazetteer, name resolution, and where each event happened."""

from __future__ import annotations

from dateline import places


def test_gazetteer_resolves_countries_cities_regions_and_sites():
    assert places.resolve("Kenya")["precision"] == "country"
    assert places.resolve("Kenya")["lat"] is None  # never a country centroid
    nairobi = places.resolve("Nairobi")
    assert (nairobi["country"], nairobi["precision"]) == ("KEN", "city") and nairobi["lat"]
    assert places.resolve("the Kremlin")["precision"] == "site"
    assert places.resolve("Balochistan")["country"] == "PAK"
    zamfara = places.resolve("Zamfara state")
    assert (zamfara["country"], zamfara["precision"]) == ("NGA", "region")
    assert places.resolve("Lamu County")["country"] == "KEN"
    assert places.resolve("the U.S.")["country"] == "USA"
    assert places.resolve("Quxlbrmpf") is None


def test_city_country_keeps_a_population_floor():
    assert places.city_country("Kirkuk", 100_000) == "IRQ"
    assert places.city_country("Lamu", 100_000) is None  # ~25,000 people


def _locs(rec):
    return {e.trigger.text: e.location for e in rec.events}


def test_place_from_the_events_own_clause(extract):
    rec = extract("Kenya's police arrested five suspects near the border town of Garissa.")
    loc = _locs(rec)["arrested"]
    assert (loc.name, loc.country, loc.precision, loc.basis) == ("Garissa", "KEN", "city", "explicit")
    rec = extract("Protesters marched through the streets of Lagos on Friday.")
    assert _locs(rec)["marched"].country == "NGA"


def test_place_from_the_sentence_then_the_story(extract):
    rec = extract("The proposal was rejected by lawmakers in Nairobi.")
    assert _locs(rec)["rejected"].country == "KEN"
    rec = extract("QUETTA, Pakistan (AP) — Gunmen opened fire on a bus, killing six people, "
                  "officials said.")
    loc = _locs(rec)["opened fire"]
    assert (loc.name, loc.country, loc.basis) == ("Quetta", "PAK", "scene")
    rec = extract("President Ruto arrived in Mombasa on Monday. He met fishermen at the port.")
    loc = _locs(rec)["met"]
    assert (loc.country, loc.basis) == ("KEN", "scene")


def test_no_place_named_no_location(extract):
    rec = extract("The village was attacked on Sunday.")
    assert all(e.location is None for e in rec.events)


def test_a_scene_place_does_not_link_events():
    from types import SimpleNamespace

    from dateline.link.reports import Report
    from dateline.records import Location

    ev = SimpleNamespace(location=Location(name="Kenya", country="KEN", precision="country",
                                           basis="scene"))
    r = Report.__new__(Report)
    r.event = ev
    assert r.place is None and r.place_country is None


def test_a_town_before_an_event_noun_is_where_an_armed_group_is_who(extract):
    rec = extract("France responded to the Bouake attack by destroying the air force.")
    ev = next(e for e in rec.events if e.trigger.text == "attack")
    assert ev.location.name == "Bouake" and ev.location.basis == "explicit" and not ev.actors
    rec = extract("The Hamas attack killed 1,200 people.")
    ev = next(e for e in rec.events if e.trigger.text == "attack")
    assert ev.location is None and [x for x in ev.actors]
    rec = extract("The upcoming White House meeting will focus on trade.")
    ev = next(e for e in rec.events if e.trigger.text == "meeting")
    assert (ev.location.name, ev.location.precision) == ("White House", "site")


def test_a_citys_own_name_before_another_citys_alternate_name():
    from dateline.places import resolve

    assert resolve("Islamabad")["country"] == "PAK"  # not an alternate name of Chattogram
    assert resolve("Odessa")["country"] == "UKR"  # an exonym of a far larger city still wins
    assert resolve("Calcutta")["name"] == "Kolkata"
