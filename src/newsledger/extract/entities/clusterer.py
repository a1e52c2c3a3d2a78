"""Clustering mentions into referents, in a fixed order of evidence: people (full names, then surnames
and given names), countries, peoples and groups, organisations and other names, role nouns, epithets."""

from __future__ import annotations

from newsledger.extract.entities.cluster import Cluster, _key, _org_family, _org_keys, _person_tokens
from newsledger.extract.entities.mention import Mention, _mention
from newsledger.extract.parsed import tokens
from newsledger.knowledge.countries import country_name

_FUNCTION_WORDS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})
"""Parts of speech a bare surname never has: the pronoun "He" is not Liu He."""


class Clusterer:
    """Builds clusters from mentions in a fixed order of evidence (see the module docstring)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.clusters: list[Cluster] = []
        self.by_key: dict[tuple, Cluster] = {}

    def new(self, m: Mention, key: tuple | None = None, **kwargs) -> Cluster:
        cluster = Cluster([m], kwargs.pop("type", m.type), **kwargs)
        self.clusters.append(cluster)
        if key is not None:
            self.by_key[key] = cluster
        return cluster

    def join(self, key: tuple, m: Mention, **kwargs) -> Cluster:
        if key in self.by_key:
            self.by_key[key].mentions.append(m)
            return self.by_key[key]
        return self.new(m, key, **kwargs)

    # people -------------------------------------------------------------------------------------------

    def people(self, mentions: list[Mention]) -> list[Mention]:
        """Cluster PERSON names (full names first, then surnames alone); return the mentions left over."""
        doc, rest, done = self.doc, [], set()
        full = [
            m for m in mentions if m.kind == "name" and m.type == "PERSON" and len(_person_tokens(doc, m)) > 1
        ]
        for m in full:
            tokens = _person_tokens(doc, m)
            cluster = next((c for c in self.clusters if c.type == "PERSON" and tokens in c.keys), None)
            if cluster is None:
                cluster = self.new(m, type="PERSON", keys={tokens, (tokens[-1],), ("#given", tokens[0])})
            else:
                cluster.mentions.append(m)
            self._take_title(cluster, m)
            done.add(id(m))
        for m in mentions:
            if id(m) in done:
                continue
            if m.kind != "name":
                rest.append(m)
                continue
            tokens = _person_tokens(doc, m)
            surname_of = self._person_with_key(tokens, m.start) if len(tokens) == 1 else None
            if surname_of is None and len(tokens) == 1 and m.label == "PERSON":
                surname_of = self._person_with_given_name(tokens)
            if surname_of is not None:  # "Farhadov", whatever NER called it, after "Khazar Farhadov"
                surname_of.mentions.append(m)
                self._take_title(surname_of, m)
            elif m.type == "PERSON":
                cluster = self.join(("PERSON", tokens), m, type="PERSON", keys={tokens})
                self._take_title(cluster, m)
            else:
                rest.append(m)
        return rest

    def bare_surnames(self, mentions: list[Mention]) -> None:
        """Surnames NER did not mark at all ("Guterres said ..."), after the full name is known."""
        doc = self.doc
        covered = {k for m in mentions for k in range(m.i, m.j)}
        keys = {key for c in self.clusters if c.type == "PERSON" for key in c.keys if len(key) == 1}
        for token in tokens(doc):
            if token.i in covered or not token.is_title or (token.text,) not in keys:
                continue
            if token.pos_ in _FUNCTION_WORDS or (token.is_sent_start and token.pos_ in ("ADV", "ADJ")):
                continue  # "He urged ..." after "Liu He"; "Early on, ..." after "Chris Early"
            if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and doc[token.i + 1].is_title:
                continue  # "He Jianxiong" is another name than Liu He's
            cluster = self._person_with_key((token.text,), token.idx)
            if cluster is not None:
                cluster.mentions.append(_mention(doc, token.i, token.i + 1, "name", "PERSON"))

    def _person_with_key(self, tokens: tuple[str, ...], offset: int) -> Cluster | None:
        """The person whose surname (or full name) ``tokens`` is.

        Of several (Hillary and Chelsea Clinton), the most mentioned so far, then the latest: a bare
        surname goes to the article's main bearer of it. With none before, the first one after.
        """
        candidates = [c for c in self.clusters if c.type == "PERSON" and tokens in c.keys]
        before = [c for c in candidates if c.last_before(offset) >= 0]
        if before:
            salience = {id(c): sum(m.start < offset for m in c.mentions) for c in before}
            return max(before, key=lambda c: (salience[id(c)], c.last_before(offset)))
        return min(candidates, key=lambda c: c.first) if candidates else None

    def _person_with_given_name(self, tokens: tuple[str, ...]) -> Cluster | None:
        """The one person whose given name ``tokens`` is ("Hillary" after "Hillary Clinton"), else None."""
        candidates = [c for c in self.clusters if c.type == "PERSON" and ("#given", *tokens) in c.keys]
        return candidates[0] if len(candidates) == 1 else None

    @staticmethod
    def _take_title(cluster: Cluster, m: Mention) -> None:
        if m.title and cluster.title is None:
            cluster.title = m.title
        if m.code and cluster.code is None:
            cluster.code = m.code

    # places, peoples, groups, organisations -----------------------------------------------------------

    def countries(self, mentions: list[Mention]) -> list[Mention]:
        rest = []
        for m in mentions:
            if m.kind in ("country", "demonym"):
                self.join(("GPE", m.code), m, type="GPE", code=m.code, name=country_name(m.code))
            elif m.kind in ("people", "group"):
                key = ("GROUP", m.code, m.group_class)
                self.join(key, m, type=m.type, code=m.code, sector=m.sector)
            else:
                rest.append(m)
        return rest

    def names(self, mentions: list[Mention]) -> None:
        """Organisations (acronyms, later shorter names) and other names (by text)."""
        doc = self.doc
        for m in mentions:
            if m.kind != "name":
                continue
            text = m.text(doc)
            if m.type == "ORG":
                keys = _org_keys(text)
                cluster = self._org_for(keys, text, m.start)
                if cluster is None:
                    self.new(m, type="ORG", code=m.code, keys=keys, voted=True)
                else:
                    cluster.mentions.append(m)
                    cluster.keys |= keys
                continue
            self.join(("NAME", _key(text)), m, code=m.code, voted=True)

    def _org_for(self, keys: set[str], text: str, offset: int) -> Cluster | None:
        """An earlier organisation sharing a key, or one whose name ends in this one ("Council")."""
        orgs = [c for c in self.clusters if c.keys and c.type != "PERSON" and c.last_before(offset) >= 0]
        for cluster in sorted(orgs, key=lambda c: -c.last_before(offset)):
            if cluster.keys & keys:
                return cluster
        words = _key(text).split()
        for cluster in sorted(orgs, key=lambda c: -c.last_before(offset)):
            for key in cluster.keys:
                kw = key.split()
                if len(words) < len(kw) and kw[-len(words) :] == words and words[-1][:1].isalpha():
                    return cluster
        return None

    # roles and epithets -------------------------------------------------------------------------------

    def roles(self, mentions: list[Mention]) -> None:
        """Definite role nouns join the person they refer back to (or stand in apposition with)."""
        for m in sorted(mentions, key=lambda m: m.start):
            if m.kind != "role":
                continue
            person = self._appositive_person(m) or self._antecedent(m)
            if person is not None:
                person.mentions.append(m)
                if person.title is None and m.title.title:
                    person.title = m.title
                if person.code is None and m.code:
                    person.code = m.code

    def _appositive_person(self, m: Mention) -> Cluster | None:
        if m.person_hint is None:
            return None
        token = self.doc[m.person_hint]
        for cluster in self.clusters:
            if cluster.type == "PERSON" and any(x.i <= token.i < x.j for x in cluster.mentions):
                return cluster
        return None

    def _antecedent(self, m: Mention) -> Cluster | None:
        role = m.title.role
        head = role.split()[-1]
        best, best_at = None, -1
        for cluster in self.clusters:
            if cluster.type != "PERSON" or cluster.title is None or cluster.title.role is None:
                continue
            if cluster.title.role != role and cluster.title.role.split()[-1] != head:
                continue
            if m.code and cluster.code and m.code != cluster.code:
                continue
            at = cluster.last_before(m.start)
            if at > best_at:
                best, best_at = cluster, at
        return best

    def epithets(self, mentions: list[Mention]) -> None:
        for m in sorted(mentions, key=lambda m: m.start):
            if m.kind != "epithet":
                continue
            target = m.epithet.target
            cluster = self._epithet_target(target, m.start)
            if cluster is not None:
                cluster.mentions.append(m)
            elif m.epithet.standalone:
                code, _, sector = target.partition(":") if ":" in target else (None, "", None)
                self.join(
                    ("EPITHET", m.epithet.name),
                    m,
                    type=m.epithet.type,
                    code=code,
                    sector=sector,
                    name=m.epithet.name,
                    keys=_org_keys(m.epithet.name),
                )

    def _epithet_target(self, target: str, offset: int) -> Cluster | None:
        best, best_at = None, -1
        code, _, sector = target.partition(":")
        for cluster in self.clusters:
            at = cluster.last_before(offset)
            if at <= best_at:
                continue
            if sector:
                # "the Pentagon" is the US military named as a body, not "American troops" told as a group
                named = any(x.kind != "group" for x in cluster.mentions)
                fits = cluster.code == code and cluster.sector == sector and cluster.type == "ORG" and named
            else:
                fits = cluster.type == "ORG" and any(
                    target in _org_family(x.text(self.doc)) for x in cluster.mentions if x.kind == "name"
                )
            if fits:
                best, best_at = cluster, at
        return best
