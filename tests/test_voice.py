from newsledger.extract.voice import assign_voices, voice_of
from newsledger.model import OUTLET, Attribution, Figure, Span

TEXT = "He said that 613 people died, citing a report that 20 were missing. Later 5 were found."


def _span(text: str, start_at: int = 0) -> Span:
    start = TEXT.index(text, start_at)
    return Span(start, start + len(text), text)


OUTER_CONTENT = _span("613 people died, citing a report that 20 were missing")
OUTER = Attribution(id="att-1", kind="indirect", content=(OUTER_CONTENT,))
INNER = Attribution(id="att-2", kind="according_to", content=(_span("20 were missing"),))


def test_innermost_attribution_wins():
    assert voice_of(_span("20"), [OUTER, INNER]) == "att-2"
    assert voice_of(_span("613"), [OUTER, INNER]) == "att-1"


def test_outside_every_content_is_the_outlet():
    assert voice_of(_span("5"), [OUTER, INNER]) == OUTLET


def test_assign_voices_sets_figures_and_nested_attributions():
    figures = [Figure(id="fig-1", span=_span("613")), Figure(id="fig-2", span=_span("5"))]
    assert [f.voice for f in assign_voices(figures, [OUTER, INNER])] == ["att-1", OUTLET]
    attributions = assign_voices([OUTER, INNER], [])
    assert [a.voice for a in attributions] == [OUTLET, "att-1"]


def test_no_attributions_leaves_records_alone():
    figures = [Figure(id="fig-1", span=_span("613"))]
    assert assign_voices(figures, []) == figures
