"""A cluster of mentions (one referent in the making), the identity keys of organisation and person
names (acronyms, expansions, initials, surnames), and the name a finished cluster goes by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsledger.extract.entities.mention import Mention
from newsledger.extract.entities.vocabulary import Title, lexicon
from newsledger.knowledge.countries import country_name, lookup, normalise_key


@dataclass
class Cluster:
    mentions: list[Mention]
    type: str
    voted: bool = False  # type decided by the votes of its name mentions (else fixed by how it was made)
    code: str | None = None
    sector: str | None = None
    title: Title | None = None
    name: str | None = None
    keys: set = field(default_factory=set)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def last_before(self, offset: int) -> int:
        return max((m.start for m in self.mentions if m.start < offset), default=-1)


def _key(text: str) -> str:
    return normalise_key(re.sub(r"['’]s$", "", text))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _org_keys(text: str) -> set[str]:
    """Identity keys of an organisation name: itself, its acronym or expansion, its initials."""
    lex = lexicon()
    keys = {_key(text)}
    bare = text.replace(".", "")
    if bare in lex.acronyms:
        keys.add(_key(lex.acronyms[bare]))
    if _key(text) in lex.expansions:
        keys.add(_key(lex.expansions[_key(text)]))
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if len(words) > 1:
        keys.add(_key(_initials(words)))
    return keys


def _org_family(text: str) -> set[str]:
    """Acronyms of the bodies an organisation belongs to: "UN Security Council" -> {"UN", "UNSC"}."""
    lex = lexicon()
    family = {w.replace(".", "") for w in text.split() if w.replace(".", "") in lex.acronyms}
    key = _key(text)
    family.update(acr for name, acr in lex.expansions.items() if key == name or key.startswith(name + " "))
    if text.replace(".", "") in lex.acronyms:
        family.add(text.replace(".", ""))
    return family


def _person_tokens(doc, m: Mention) -> tuple[str, ...]:
    return tuple(t.text for t in doc[m.i : m.j] if not t.is_punct)


def _cluster_name(doc, cluster: Cluster) -> str:
    if cluster.name:
        return cluster.name
    names = [m for m in cluster.mentions if m.kind in ("name", "country")]
    if names:
        name = max((m.text(doc) for m in names), key=lambda s: (len(s.split()), len(s), not s.isupper()))
        if name.isupper() and cluster.type == "GPE" and len(name) > 4:
            return name.title()  # a dateline in capitals ("WASHINGTON:") is a place, not an acronym
        return lexicon().acronyms.get(name.replace(".", ""), name) if cluster.type == "ORG" else name
    groups = [m.text(doc) for m in cluster.mentions if m.kind in ("group", "people")]
    if groups:
        best = max(groups, key=len)
        if cluster.code and not any(lookup(w) for w in re.findall(r"[\w’'-]+", best)):
            return f"{best} of {country_name(cluster.code)}"
        return best
    return cluster.mentions[0].text(doc)
