"""Role nouns as speakers: whom "the Republican nominee" or "the former secretary of state" stands for.

News names a person once and then by a role ("Clinton says ... The Democratic presidential nominee
says"). A role phrase is bound to a person only where the text allows it:

1. the text gives one person that role: ``Republican presidential nominee Donald Trump`` holds "the
   Republican nominee" (the role noun and every capitalised word of the phrase among the words
   the text puts before or beside the name);
2. else the person who just spoke, or the one person named in the sentence before, if the text gives
   them the role's party or nation and nothing against the role (``Democrat Hillary Clinton ... The
   Democratic presidential nominee says``; ``Republican ... nominee Trump`` is not "the Democratic
   nominee").

Otherwise the phrase stays as written: an honest "the mayor" rather than the wrong name. (Binding a role
that opens a paragraph to the person the next sentence introduces -- "Connecticut's tax commissioner says
... Kevin Sullivan says" -- was tried: as often as not, the next sentence introduces someone else.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.extract.attributions.layout import Layout, Token
from newsledger.extract.attributions.voices import Voice
from newsledger.knowledge.people import names_persons
from newsledger.model import Entity

_DETERMINERS = frozenset({"the"})
_SKIPPED_DEPS = frozenset({"det", "poss", "case", "punct", "cc", "prep", "pobj"})


@dataclass(frozen=True)
class Role:
    """A definite role phrase: its role noun, the capitalised words that narrow it ("Democratic") and
    the words that make it another rank ("vice", "former")."""

    noun: str
    marks: frozenset[str]
    ranks: frozenset[str]


@dataclass(frozen=True)
class Description:
    """What the text says a person is: the words before and beside their name, and among them the
    words of a party or nation ("Republican", "Democrat")."""

    words: frozenset[str]
    sides: frozenset[str]
    ranks: frozenset[str]

    @classmethod
    def joined(cls, descriptions: Iterable[Description]) -> Description:
        """All that the text says of one person, over its mentions."""
        words, sides, ranks = set(), set(), set()
        for told in descriptions:
            words |= told.words
            sides |= told.sides
            ranks |= told.ranks
        return cls(frozenset(words), frozenset(sides), frozenset(ranks))

    def holds(self, role: Role) -> bool:
        return role.noun in self.words and role.marks <= self.words and self.ranks == role.ranks

    def supports(self, role: Role) -> bool:
        """Gives the role's party or nation ("Democrat Hillary Clinton" for "the Democratic nominee") and
        nothing against it."""
        return bool(role.marks & self.words) and not self.contradicts(role)

    def contradicts(self, role: Role) -> bool:
        """Given the role under other marks or another rank, or given another side than the role's."""
        if role.noun in self.words and not (role.marks <= self.words and self.ranks == role.ranks):
            return True
        return bool(role.marks and self.sides and not role.marks & self.sides)


NOTHING_TOLD = Description(frozenset(), frozenset(), frozenset())


def role_of(layout: Layout, head: Token, start: int, end: int) -> Role | None:
    """The role a speaker phrase names, when it is definite and its head a singular noun for a person: "The
    Democratic presidential nominee", "the former secretary of state", "Connecticut's tax commissioner"."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or not names_persons(head.lemma_.lower()):
        return None  # "the experts" are not the one who spoke last
    words = layout.doc.char_span(start, end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    possessed = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children)
    if words[0].lower_ not in _DETERMINERS and not possessed:
        return None  # "a spokesman", "officials": anyone
    if any(t.lower_ in ("a", "an") for t in words[1:]):
        return None  # "the prime minister of a small country": a role told of someone not yet named
    marks = frozenset(
        _normal(t.text) for t in words if t.i != head.i and t.is_title and t.i != words[0].i and t.dep_ != "poss"
    )
    ranks = frozenset(t.lower_ for t in words) & layout.lex.rank_qualifiers
    return Role(head.lemma_.lower(), marks - {r.title() for r in ranks} - ranks, ranks)


def description(layout: Layout, name: Token) -> Description:
    """The words the text puts before a name and beside it in apposition (``Republican presidential
    nominee Donald Trump``, ``Brian Fallon, the campaign's press secretary``)."""
    doc = layout.doc
    tokens = list(doc[name.left_edge.i : name.i])
    for child in name.children:
        if child.dep_ == "appos":
            tokens += list(child.subtree)
    if name.dep_ == "appos":
        tokens += [t for t in name.head.subtree if not name.left_edge.i <= t.i <= name.right_edge.i]
    kept = [t for t in tokens if t.dep_ not in _SKIPPED_DEPS and t.ent_type_ != "PERSON"]
    words = frozenset(_normal(t.lemma_ if t.pos_ == "NOUN" else t.text) for t in kept)
    sides = frozenset(_normal(t.text) for t in kept if t.ent_type_ == "NORP")
    return Description(words, sides, words & layout.lex.rank_qualifiers)


def named_with(layout: Layout, words: tuple[str, ...]) -> Description:
    """What a phrase naming someone says they are, from its words alone ("Ambassador Khazar Farhadov")."""
    normal = frozenset(_normal(w) for w in words)
    return Description(normal, frozenset(), normal & layout.lex.rank_qualifiers)


def _normal(word: str) -> str:
    """A word as compared: lower case, "Democratic" as "Democrat"."""
    word = word.lower()
    return word[:-2] if word.endswith("atic") else word


class RoleResolution:
    """The resolver's part that binds role phrases, and finds the persons named around a speaker. Mixed
    into :class:`~newsledger.extract.attributions.resolve.Resolver`, whose ``layout``, ``ledger``,
    ``history``, ``named`` and ``entity_for`` it uses."""

    def role_holder(self, head: Token, start: int, end: int) -> Voice | None:
        """The person a definite role phrase stands for, where the text allows it (see ``roles``)."""
        role = role_of(self.layout, head, start, end)
        if role is None or not self.ledger.entities:
            return None
        opening = self.layout.token_at(start) or head  # a name inside the phrase ("Ahmado's source") is not it
        people = self.people_before(opening)
        holders = [name for name, told in people if told.holds(role)]
        if holders:
            return self.named(holders[-1])
        told = {}
        for name, description_of_name in people:
            entity = self.entity_for(name.idx, name.idx + len(name.text))
            if entity is not None:
                told[entity.id] = description_of_name
        for name in (self.just_spoke(head), self.one_person_before(opening)):
            entity = self.entity_for(name.idx, name.idx + len(name.text)) if name is not None else None
            if entity is not None and told.get(entity.id, NOTHING_TOLD).supports(role):
                return self.named(name)
        return None

    def people_before(self, head: Token) -> list[tuple[Token, Description]]:
        """Each PERSON entity named before ``head``: its latest name token and what the text says it is,
        in the order of those latest mentions."""
        doc = self.layout.doc
        out = []
        for entity in self.ledger.entities:
            if entity.type != "PERSON":
                continue
            before = (m for m in entity.mentions if m.end <= head.idx)
            spans = (doc.char_span(m.start, m.end, alignment_mode="expand") for m in before)
            names = [span.root for span in spans if span is not None]
            if names:
                out.append((names[-1], Description.joined(description(self.layout, n) for n in names)))
        return sorted(out, key=lambda pair: pair[0].i)

    def just_spoke(self, head: Token) -> Token | None:
        """The name of the person who spoke last, in this sentence or the one before, in this paragraph."""
        sentence = self.layout.sentence_of(head)
        for voice in reversed(self.history):
            if voice.nested:
                continue
            if sentence - voice.sentence > 1 or voice.paragraph != self.layout.paragraph_of(head.idx):
                return None
            if voice.kind != "PERSON" or voice.ref.entity is None:
                return None
            entity = self.ledger.entity(voice.ref.entity)
            return self._named_token(entity, head) if entity is not None else None
        return None

    def one_person_before(self, head: Token) -> Token | None:
        """The one person named in the sentence before ``head`` and in its own sentence before it."""
        number = self.layout.sentence_of(head)
        first = self.layout.sentences[number - 1].start if number else self.layout.sentences[number].start
        return self.one_person_between(first, head)

    def one_person_between(self, first: int, head: Token) -> Token | None:
        """The one person named from token ``first`` up to ``head``, outside quotations."""
        named = {}
        for token in self.layout.doc[first : head.i]:
            if token.ent_type_ != "PERSON" or token.idx in self.layout.quoted:
                continue
            entity = self.entity_for(token.idx, token.idx + len(token.text))
            if entity is not None and entity.type == "PERSON":
                named[entity.id] = token
        return next(iter(named.values())) if len(named) == 1 else None

    def _named_token(self, entity: Entity, head: Token) -> Token | None:
        """The head word of ``entity``'s latest mention before ``head``."""
        spans = [m for m in entity.mentions if m.end <= head.idx]
        if not spans:
            return None
        words = self.layout.doc.char_span(spans[-1].start, spans[-1].end, alignment_mode="expand")
        return words.root if words is not None else None

