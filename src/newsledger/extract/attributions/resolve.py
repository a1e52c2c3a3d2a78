"""Speakers: each draft's source phrase resolved to an EntityRef, in text order.

Through the ledger's entities, earlier mentions of the same name or title, pronouns (the
previous speaker or subject) and quote paragraphs that carry the speaker over.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsledger.extract.attributions.gender import PRONOUN_GENDER, gender_of
from newsledger.extract.attributions.layout import Draft, Layout, Token
from newsledger.extract.attributions.ranges import phrase_range
from newsledger.extract.attributions.roles import RoleResolution, named_with, role_of
from newsledger.extract.attributions.scoring import choose_source
from newsledger.extract.attributions.sources import _appositive_name, _is_dateline
from newsledger.extract.attributions.voices import Voice
from newsledger.extract.entities import entity_at
from newsledger.extract.entities import lexicon as entity_lexicon
from newsledger.knowledge import countries
from newsledger.knowledge.people import names_a_body, names_people
from newsledger.model import Entity, EntityRef, Ledger, Span

_DOER = re.compile(r"(?:er|or|ist|ian|ant|(?<!m)ent)$")
"""Endings of nouns for a doer ("announcer", "narrator", "proponent"), who may speak."""

PARAGRAPH_CARRY = 1
"""How many paragraphs back a cue-less quote paragraph may take its speaker from."""


class Resolver(RoleResolution):
    """Turns a draft's speaker token into an EntityRef, in text order, remembering who spoke."""

    def __init__(self, layout: Layout, ledger: Ledger, as_written: bool = False) -> None:
        self.layout = layout
        self.ledger = ledger
        # PolNeAR's convention scores a source as written: a pronoun or "some" nobody can be named for stays
        # itself there; the ledger leaves such a speaker open.
        self.as_written = as_written
        self._genders: dict[str, str | None] = {}  # entity id -> what the text tells of its gender
        self.history: list[Voice] = []
        self.quoted: list[tuple[list[tuple[int, int]], EntityRef]] = []  # quoting attributions and their speakers

    # entities ---------------------------------------------------------------------------------

    def entity_for(self, start: int, end: int) -> Entity | None:
        """The entity with a mention over ``[start, end)`` (the speaker's head word)."""
        return entity_at(self.ledger, start, end) if self.ledger.entities else None

    def ref_for_entity(self, entity: Entity, mention: Span) -> EntityRef:
        return EntityRef(entity.name, entity.id, entity.country, entity.sector, mention)

    def kind_of_entity(self, entity: Entity) -> str | None:
        return self.layout.lex.entity_kinds.get(entity.type)

    # resolution ---------------------------------------------------------------------------------

    def resolve(self, draft: Draft) -> EntityRef | None:
        ref = self._resolve(draft)
        if ref is not None and draft.kind in ("direct", "mixed"):
            self.quoted.append((draft.content, ref))
        return ref

    def _resolve(self, draft: Draft) -> EntityRef | None:
        if draft.carry:
            return self.carried(draft)
        source = draft.speaker
        if source is None:
            return None
        head = self.named_head(source)
        if head.lower_ in self.layout.lex.first_person:
            voice = self.quoting(head)
        elif head.lower_ in self.layout.lex.pronouns:
            voice = self.pronoun(head)
        else:
            voice = self.named(head)
        if voice is None:
            return None
        voice.nested = draft.nested
        self.history.append(voice)
        ref = voice.ref
        # The mention is the source phrase as written, by the PolNeAR convention (see source_range);
        # a dateline ("WASHINGTON -- President Obama said") is not part of it.
        written = head if _is_dateline(self.layout, source) else source
        mention = self.layout.span(*(draft.source_span or choose_source(self.layout, written)))
        return replace(ref, mention=mention)

    def named_head(self, source: Token) -> Token:
        """The word that names the speaker: the antecedent of ``who``, the name beside a description.

        ``Smith, who said`` -> ``Smith``; ``A spokesman, John Smith, said`` -> ``Smith``.
        """
        layout = self.layout
        if source.lower_ in layout.lex.relative_pronouns and source.head.dep_ == "relcl":
            return _appositive_name(layout, _antecedent(source.head.head))
        return _appositive_name(layout, source)

    def carried(self, draft: Draft) -> EntityRef | None:
        """A cue-less quote paragraph: the speaker of the attribution in the paragraph before."""
        paragraph = self.layout.paragraph_of(draft.anchor)
        outer = [voice for voice in self.history if not voice.nested]
        if outer and paragraph - outer[-1].paragraph <= PARAGRAPH_CARRY:
            ref = outer[-1].ref
            return replace(ref, mention=None)
        return None

    def quoting(self, head: Token) -> Voice | None:
        """``I`` or ``we`` inside a quotation: its speaker (``“We see these as hopeful signs,” Pompeo
        said`` -> Pompeo); in an embedded tweet, its author; elsewhere, the pronoun as written (the
        outlet's own first person)."""
        layout = self.layout
        if head.idx not in layout.quoted:
            author = _tweet_author(layout, head)
            return self.named(author if author is not None else head)
        for spans, ref in reversed(self.quoted):
            if any(start <= head.idx < end for start, end in spans):
                speaker = replace(ref, mention=layout.span(head.idx, head.idx + len(head.text)))
                return Voice(speaker, None, layout.sentence_of(head), layout.paragraph_of(head.idx))
        return self.named(head)

    def named(self, head: Token) -> Voice | None:
        """A speaker named by a noun phrase: its entity, else the phrase (or the name inside it); None when
        the phrase names no one who speaks."""
        layout = self.layout
        start, end = phrase_range(head)
        mention = layout.span(start, end)
        head_range = (head.idx, head.idx + len(head.text))
        entity = self.entity_for(*head_range)
        words = tuple(t.text for t in layout.doc.char_span(start, end, alignment_mode="expand") or ())
        # "Maria Lopez, the mayor of Tarnville": the apposition's words let "the mayor" find her later.
        words += tuple(t.text for c in head.children if c.dep_ == "appos" for t in c.subtree)
        sentence, paragraph = layout.sentence_of(head), layout.paragraph_of(head.idx)
        if entity is not None:
            ref = self.ref_for_entity(entity, mention)
            if ref.country is None:
                ref = replace(ref, country=self.country_in(head, start, end) or self.country_said_before(entity))
            return Voice(ref, self.kind_of_entity(entity), sentence, paragraph, words)
        earlier = self.earlier_mention(head, start, end) or self.role_holder(head, start, end)
        if earlier is not None:
            return earlier.named_again(mention, sentence, paragraph)
        if any(c.dep_ == "conj" for c in head.children) and self.can_speak(head):
            # "Will Smith, Robert DeNiro and Stevie Wonder joked": several speakers, one voice.
            return Voice(EntityRef(mention.text, None, None, None, mention), "GROUP", sentence, paragraph, words)
        if not self.can_speak(head):
            return None  # "this case demonstrates", "revelations show": no one is named
        lex = self.layout.lex
        bare = all(c.dep_ == "det" for c in head.children)
        if head.lower_ in lex.bare_quantifiers | lex.generic_speakers and bare and not self.as_written:
            return None  # "all agreed", "some said", "you consider": no one in particular
        name, kind = self.fallback_name(head, start, end)
        ref = EntityRef(name, None, self.country_in(head, start, end), None, mention)
        return Voice(ref, kind or self.noun_kind(head), sentence, paragraph, words)

    def noun_kind(self, head: Token) -> str | None:
        """GROUP for a noun that names a body ("the Attorney's Office"): "he" does not stand for it. (A person
        noun is left open: "he" waits for a name rather than "a man".)"""
        if head.pos_ in ("NOUN", "PROPN") and names_a_body(head.lemma_):
            return "GROUP"
        return None

    def can_speak(self, head: Token) -> bool:
        """Whether a source phrase's head names someone who speaks: a name, or a common noun for a person,
        a body or a document ("an official", "the committee", "the report"; PETRARCH's agent nouns, the
        titles), not a happening, a thing or a quantity ("this case", "revelations", "its cutback")."""
        if head.pos_ != "NOUN":
            return True
        if head.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "compound") for c in head.children) \
                and any(c.dep_ == "amod" for c in head.children):
            return False  # "Excessive force ... persuading": a bare singular noun with an adjective is a thing
        lemma = head.lemma_.lower()
        lex = self.layout.lex
        return (lemma in lex.speaker_nouns or lemma in lex.documents or names_people(lemma)
                or _DOER.search(lemma) is not None)

    def country_said_before(self, entity: Entity) -> str | None:
        """The side an earlier phrase gave this speaker: ``Taliban spokesman Zabihullah Mujahid`` makes a
        later ``Mujahid said`` speak for the same side."""
        earlier = (v.ref.country for v in reversed(self.history) if v.ref.entity == entity.id and v.ref.country)
        return next(earlier, None)

    def fallback_name(self, head: Token, start: int, end: int) -> tuple[str, str | None]:
        """Without entities: the named entity over the head when it lies in the phrase, else the phrase."""
        kinds = self.layout.lex.entity_kinds
        for ent in self.layout.ents:
            if ent.start <= head.i < ent.end and start <= ent.start_char and ent.end_char <= end:
                words = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
                return words.text, kinds.get(ent.label_)
        return self.layout.text[start:end], None

    def earlier_mention(self, head: Token, start: int, end: int) -> Voice | None:
        """``Farhadov`` or ``the ambassador`` after ``Ambassador Khazar Farhadov``: the same speaker.

        Used when entities give nothing: a lone surname matches the last word of an earlier name; a
        definite ``the <title>`` matches an earlier name with that title word before it; a definite
        document (``the statement said``) is the speaker who issued it earlier (``the military said
        in a statement``); a definite organisation noun (``the agency said``) is an organisation
        named before it (:meth:`organisation_before`).
        """
        doc = self.layout.doc
        words = doc.char_span(start, end, alignment_mode="expand") or ()
        phrase = [t for t in words if not t.is_punct and t.dep_ != "case"]  # "the agency's" is "the agency"
        candidates = list(reversed(self.history)) + self.person_names_before(head)
        if len(phrase) == 1 and head.pos_ == "PROPN":
            for voice in candidates:
                if len(voice.words) > 1 and _surname(voice.words) == head.text:
                    return voice
        if len(phrase) in (2, 3) and phrase[0].lower_ == "the" and phrase[-1] == head and head.pos_ == "NOUN":
            # "the ambassador", "the former ambassador", "the news organization"
            role = role_of(self.layout, head, start, end)
            for voice in candidates:
                titled = voice.kind in (None, "PERSON") and head.lower_ in (w.lower() for w in voice.words[:-1])
                # "the Democratic nominee" is not "vice presidential nominee Tim Kaine"
                if titled and (role is None or named_with(self.layout, voice.words).holds(role)):
                    return voice
            if head.lemma_.lower() in self.layout.lex.documents:
                return self.issuer_of(head)
            if entity_lexicon().class_nouns.get(head.lower_) == "ORG":
                return self.organisation_before(head)
        return None

    def organisation_before(self, noun: Token) -> Voice | None:
        """``the agency`` after ``NASA``: the latest organisation named before it whose name holds the
        noun (``the ministry`` -> the Ministry of Defence); else the organisation that spoke in the
        sentence before, unless its name holds another such noun (``the company`` is not the
        Ministry of Defence); else the only organisation named so far if it has spoken. Otherwise
        ``the company`` may be any of several, or one the parser missed: it stays as written."""
        named = [
            (m.start, entity)
            for entity in self.ledger.entities
            if entity.type == "ORG"
            for m in entity.mentions
            if m.end <= noun.idx
        ]
        holding = [pair for pair in named if noun.lower_ in pair[1].name.lower()]
        organisations = {entity.id: entity for _, entity in named}
        if holding:
            entity = max(holding, key=lambda pair: pair[0])[1]
            start = max(m.start for m in entity.mentions if m.end <= noun.idx)
            ref = self.ref_for_entity(entity, next(m for m in entity.mentions if m.start == start))
            return Voice(ref, "GROUP", 0, self.layout.paragraph_of(start), tuple(entity.name.split()))
        class_nouns = entity_lexicon().class_nouns
        last = self.history[-1] if self.history else None
        if (
            last is not None
            and last.ref.entity in organisations
            and self.layout.sentence_of(noun) - last.sentence <= 1
            and not any(w.lower() in class_nouns for w in last.ref.name.split())
        ):
            return last
        if len(organisations) == 1:
            return next((v for v in reversed(self.history) if v.ref.entity in organisations), None)
        return None

    def issuer_of(self, document: Token) -> Voice | None:
        """The latest speaker whose statement's sentence names this kind of document, before it; else
        whoever a document told in the sentences just before is by ("A web video by the Republican
        National Committee ... The ad also mentions": the committee); else the named speaker of a
        document told in the two sentences before ("The ad also mentions ... The clip says")."""
        sentence = self.layout.sentence_of(document)
        documents = self.layout.lex.documents
        for voice in reversed(self.history):
            if voice.sentence >= sentence:
                continue
            if any(t.lemma_ == document.lemma_ for t in self.layout.sentences[voice.sentence]):
                return voice
        for number in range(sentence - 1, max(-1, sentence - 4), -1):
            for token in self.layout.sentences[number]:
                if token.lemma_.lower() not in documents:
                    continue
                by = next((p for p in token.children if p.dep_ == "prep" and p.lower_ == "by"), None)
                issuer = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                if issuer is not None and self.entity_for(issuer.idx, issuer.idx + len(issuer.text)) is not None:
                    return self.named(issuer)
        for voice in reversed(self.history):
            # "The ad also mentions ... The clip says": the document just told, by another word
            if voice.sentence < sentence - 2:
                break
            told = self.layout.sentences[voice.sentence]
            if voice.sentence < sentence and voice.ref.entity and any(t.lemma_.lower() in documents for t in told):
                return voice
        return None

    def person_names_before(self, head: Token) -> list[Voice]:
        """PERSON names (with a title word before them) earlier in the text, most recent first."""
        layout = self.layout
        out = []
        for ent in layout.ents:
            if ent.label_ != "PERSON" or ent.start >= head.i or len(ent) < 2:
                continue
            first = ent.start
            while first > 0 and layout.doc[first - 1].pos_ == "PROPN" and layout.doc[first - 1].is_title:
                first -= 1
            words = tuple(t.text for t in layout.doc[first : ent.end])
            mention = layout.span(ent.start_char, ent.end_char)
            ref = EntityRef(ent.text, None, None, None, mention)
            out.append(Voice(ref, "PERSON", layout.sentence_of(ent.root), layout.paragraph_of(ent.start_char), words))
        return list(reversed(out))

    def pronoun(self, head: Token) -> Voice | None:
        """A pronoun speaker: the previous sentence's speaker or subject, else the latest fitting mention."""
        layout = self.layout
        need = layout.lex.pronouns[head.lower_]
        mention = layout.span(head.idx, head.idx + len(head.text))
        sentence, paragraph = layout.sentence_of(head), layout.paragraph_of(head.idx)
        antecedent = (
            self.previous_subject(head, need)
            or self.recent_speaker(need, sentence, paragraph, window=1, pronoun=head)
            or self.recent_speaker(need, sentence, paragraph, window=None, pronoun=head)
            or self.latest_mention(head, need)
        )
        if antecedent is None:
            written = Voice(EntityRef(head.text, None, None, None, mention), need, sentence, paragraph)
            return written if self.as_written else None
        return antecedent.named_again(mention, sentence, paragraph)

    @staticmethod
    def fits(need: str, kind: str | None) -> bool:
        return need == "ANY" or kind is None or kind == need

    def agrees(self, pronoun: Token, voice: Voice) -> bool:
        """Whether a gendered pronoun may stand for ``voice``: not when the text tells the other gender."""
        wanted = PRONOUN_GENDER.get(pronoun.lower_)
        if wanted is None or voice.ref.entity is None:
            return True
        if voice.ref.entity not in self._genders:
            entity = self.ledger.entity(voice.ref.entity)
            self._genders[voice.ref.entity] = gender_of(self.layout, entity) if entity is not None else None
        told = self._genders[voice.ref.entity]
        return told is None or told == wanted

    def recent_speaker(
        self, need: str, sentence: int, paragraph: int, window: int | None, pronoun: Token | None = None
    ) -> Voice | None:
        """The latest speaker that fits, within ``window`` sentences (None: within the last paragraphs).

        A pronoun outside quotation marks does not stand for a speaker reported inside someone else's
        words (``She says Trump represents the "system he claims he'll change." She adds``: Clinton)."""
        quoted = pronoun is not None and pronoun.idx in self.layout.quoted
        for voice in reversed(self.history):
            if not quoted and voice.ref.mention is not None and voice.ref.mention.start in self.layout.quoted:
                continue
            if pronoun is not None and not self.agrees(pronoun, voice):
                continue
            if window is not None and sentence - voice.sentence > window:
                return None
            if window is None and paragraph - voice.paragraph > 3:
                return None
            fitting = self.fits(need, voice.kind) and voice.ref.name.lower() not in self.layout.lex.pronouns
            if fitting and (need != "PERSON" or voice.kind is not None or _names_a_person(voice)):
                return voice
        return None

    def previous_subject(self, head: Token, need: str, depth: int = 0) -> Voice | None:
        """The nearest fitting subject before ``head`` in its sentence or the one before (the topic carries on).

        Main-clause subjects come before embedded ones: in "Smith said the rebels attacked", Smith. When the
        sentence before opens with the same pronoun, that pronoun's antecedent is this one's ("Carlineo faces
        ten years. He was arrested in April. During the call, he asked ...": Carlineo).
        """
        layout = self.layout
        sents = layout.sentences
        number = layout.sentence_of(head)
        # a pronoun followed back reaches one sentence further ("Carlineo faces ... Sentencing is set ... He was")
        earlier = [sents[n] for n in range(number - 1, max(-1, number - 2 - (depth > 0)), -1)]
        for sent in (sents[number], *earlier):
            carried = _pronoun_topic(sent, head) if sent is not sents[number] else None
            if carried is not None:
                # "She says Trump represents ... She adds": the topic is still the one the same pronoun was
                return self.previous_subject(carried, need, depth + 1) if depth < 3 else None
            subjects = [
                t
                for t in sent
                if t.dep_ in ("nsubj", "nsubjpass")
                and t.i < head.i
                and t.lower_ not in layout.lex.pronouns
                and t.pos_ != "PRON"
                and t.idx not in layout.quoted
            ]
            subjects.sort(key=lambda t: (t.head.i != sent.root.i, -t.i))
            for subject in subjects:
                # "Mr. Trump's theatrical embrace is not limited to China. He has ...": the owner of a
                # subject that names no one is the topic
                owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
                for topic in (subject, *owners):
                    voice = self.named(_appositive_name(layout, topic))
                    fitting = voice is not None and voice.kind is not None and self.fits(need, voice.kind)
                    if fitting and self.agrees(head, voice):
                        return voice
            if sent is sents[number] and need == "PERSON":
                # "While the campaign did not appeal to Julie Graham, ..., she said": the one person named
                person = self.one_person_between(sent.start, head)
                voice = self.named(person) if person is not None else None
                if voice is not None and self.agrees(head, voice):
                    return voice
        return None

    def latest_mention(self, head: Token, need: str) -> Voice | None:
        """The latest entity mention (or named entity, without entities) before ``head`` that fits, in its
        paragraph or the one before."""
        layout = self.layout
        best: tuple[int, Voice] | None = None
        for entity in self.ledger.entities:
            kind = self.kind_of_entity(entity)
            if not self.fits(need, kind) or kind is None:
                continue
            if head.lower_ == "they" and entity.type == "GPE":
                continue  # a country or a city is "it"; "they" are people or bodies
            for m in entity.mentions:
                if m.end > head.idx or (best is not None and m.start <= best[0]) or self._modifier_at(m):
                    continue
                if layout.paragraph_of(head.idx) - layout.paragraph_of(m.start) > 1:
                    continue  # told too far back for a pronoun to stand for it
                ref = self.ref_for_entity(entity, m)
                voice = Voice(ref, kind, 0, layout.paragraph_of(m.start), tuple(entity.name.split()))
                if self.agrees(head, voice):
                    best = (m.start, voice)
        if best is not None or self.ledger.entities:
            return best[1] if best else None
        for ent in reversed(layout.ents):
            kind = layout.lex.entity_kinds.get(ent.label_)
            if ent.end_char <= head.idx and kind is not None and self.fits(need, kind):
                return self.named(ent.root)
        return None

    def _modifier_at(self, mention: Span) -> bool:
        """Whether a mention only modifies a noun ("the Democratic nominee", "the Ohio native"): no one
        "they" can stand for."""
        words = self.layout.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return words is not None and (words.root.pos_ == "ADJ" or words.root.dep_ in ("amod", "compound"))

    # countries ------------------------------------------------------------------------------------

    def country_in(self, head: Token, start: int, end: int) -> str | None:
        """The side a speaker phrase names without an entity: ``Azerbaijani record`` -> AZ."""
        for entity in self.ledger.entities:
            if entity.country and any(start <= m.start and m.end <= end for m in entity.mentions):
                return entity.country
        doc = self.layout.doc
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            if token.pos_ not in ("PROPN", "ADJ", "NOUN") or not token.text[:1].isupper():
                continue
            code = _lookup_country(token.text)
            if code:
                return code
        return None


_TWEET_SIGNATURE = re.compile(r"\s*[—–-]{1,2}\s*(?P<name>[A-Z][^\n(@]{1,60}?)\s*\(@\w{1,30}\)")
"""The line that closes an embedded tweet: ``— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019``."""


def _tweet_author(layout: Layout, head: Token) -> Token | None:
    """The author of the embedded tweet ``head`` is in: the name on the signature line that closes the
    paragraph after ``head``'s, with nothing but the tweet between."""
    number = layout.paragraph_of(head.idx)
    if number + 1 >= len(layout.paragraphs):
        return None
    start, end = layout.paragraphs[number + 1]
    signature = _TWEET_SIGNATURE.match(layout.text, start, end)
    if signature is None:
        return None
    name = layout.doc.char_span(signature.start("name"), signature.end("name"), alignment_mode="expand")
    return name.root if name is not None else None


_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _surname(words: tuple[str, ...]) -> str:
    """The last word of a name, before a suffix ("Patrick W. Carlineo Jr." -> "Carlineo")."""
    kept = [w for w in words if w not in _NAME_SUFFIXES and w != ","]
    return kept[-1] if kept else words[-1]


def _pronoun_topic(sent, head: Token) -> Token | None:
    """The main clause subject of ``sent`` (the sentence before ``head``'s) when it is the same pronoun (the
    same ``she`` carried on), so that a name inside its content is not the antecedent."""
    subject = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i < head.i and subject.lower_ == head.lower_:
        return subject
    # a misparse may root the sentence elsewhere ("she was more nervous ... than Rose-Lynn has ever
    # been"): the same pronoun as the first subject of a clause, with no name as subject before it
    for token in sent:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.i >= head.i:
            continue
        if token.lower_ == head.lower_:
            return token
        if token.pos_ == "PROPN":
            return None
    return None


def _antecedent(noun: Token) -> Token:
    """Whom a relative clause hung on ``noun`` is about, where the parse hangs it on a word that is not:
    where people are (``nervous Democrats on Capitol Hill, who have argued``, ``analysts at the bank, who
    said``: the people), or a predicate noun (``Trump ... is a serial liar and birther who has pledged``:
    Trump)."""
    if noun.dep_ == "pobj" and noun.head.lower_ in _WHERE and _people(noun.head.head):
        return noun.head.head
    described = noun
    while described.dep_ == "conj":
        described = described.head
    if described.dep_ == "attr":
        verb = described.head
        while True:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None or verb.dep_ != "conj":
                break
            verb = verb.head  # "incites violence and is a liar": the subject the two verbs share
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return noun


_WHERE = frozenset({"in", "on", "at", "from"})


def _people(token: Token) -> bool:
    """A word for people: a nationality or party (``Democrats``), a name, or a noun for people."""
    return token.ent_type_ in ("NORP", "PERSON") or (token.pos_ == "NOUN" and names_people(token.lemma_.lower()))


def _names_a_person(voice: Voice) -> bool:
    """Whether a speaker of unknown kind may be the ``he`` or ``she`` of a later sentence: a name
    (``Big Machine``, ``Lily Batchelder``) or a person's role (``a spokesman``), not ``the label``."""
    words = voice.words or tuple(voice.ref.name.split())
    titles = entity_lexicon().titles
    return any(w[:1].isupper() for w in words if w.lower() not in ("the", "a", "an")) or any(
        (w.lower(),) in titles for w in words
    )


def _lookup_country(word: str) -> str | None:
    """A country code for a demonym or a country name, through the country tables."""
    return countries.demonym_country(word) or countries.country_code(word)
