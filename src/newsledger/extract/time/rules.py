"""The rules: a regular expression each, written with ``<<BLOCK>>`` placeholders for the shared pieces of
``newsledger.extract.time.lexicon``, and the function that reads its match. Their order is their rank: between
matches of equal length the earlier rule wins."""

from __future__ import annotations

import re

from newsledger.extract.numbers import BLANKS, BLANKS0, HYPHEN_OR_BLANKS, alternation
from newsledger.extract.time.business_periods import (
    dated_period,
    fiscal_year,
    reporting_quarter,
    reporting_year,
    same_period_last_year,
    year_ago_period,
    year_end,
)
from newsledger.extract.time.candidates import Rule
from newsledger.extract.time.durations import bare_units, counted_duration, half_duration, recurrence, vague_stretch
from newsledger.extract.time.explicit_dates import (
    decade,
    full_date,
    holiday,
    month_alone,
    month_of_relative_year,
    month_year,
    named_quarter,
    numeric_date,
    ordinal_century,
    season_alone,
)
from newsledger.extract.time.lexicon import (
    DASH,
    DAY,
    DECADE_WORDS,
    HOLIDAYS,
    LEX,
    MONTH,
    NUM,
    ORDINAL_DAYS,
    PART,
    PERIOD_ORDINALS,
    SEASON,
    SHIFTS,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    YEAR_KINDS,
    titles_of,
)
from newsledger.extract.time.relative_dates import (
    anaphor,
    clock_time,
    counted_offset,
    deictic_day,
    named_weekday,
    reference,
    relative_unit,
    the_weekend,
)

_BLOCKS = {
    "S": BLANKS, "S0": BLANKS0, "DASH": DASH, "HS": HYPHEN_OR_BLANKS, "MONTH": MONTH, "WEEKDAY": WEEKDAY,
    "SEASON": SEASON, "PART": PART, "UNIT": UNIT, "DAY": DAY, "YEAR": YEAR, "NUM": NUM,
    "REFERENCES": alternation(LEX["references"]), "SETS": alternation(LEX["sets"]),
    "CLOCK": alternation(LEX["clock_words"]), "ZONES": "|".join(re.escape(z) for z in LEX["time_zones"]),
    "DAYPART": "(?i:morning|afternoon|evening|night)", "DECADES": DECADE_WORDS,
    "DEICTIC": alternation(LEX["deictic_days"]),
    # 'twenty first', 'twenty-first'
    "DAYWORDS": alternation(ORDINAL_DAYS).replace(BLANKS, HYPHEN_OR_BLANKS) + r"(?![\w-])",
    "SHIFT": alternation(k for k in SHIFTS if k not in ("previous", "current")),
    "STRETCH_LEADS": alternation(LEX["vague_stretch_leads"]), "STRETCH_TAILS": alternation(LEX["vague_stretch_tails"]),
    "UNIT_ADJECTIVES": "(?P<adj>" + alternation(LEX["unit_adjectives"]) + ")",
    "ANAPHORS": alternation(LEX["anaphor_shifts"]),
    "FULLWEEKDAYS": "(?:" + "|".join(w.capitalize() for w in WEEKDAYS if len(w) > 4) + ")",
    "HOLIDAYS": titles_of(HOLIDAYS), "ORD": alternation(PERIOD_ORDINALS),
    "PERIODS": alternation(LEX["reporting_period_words"]),
    "LATEST": alternation(LEX["latest_words"]), "YEARAGO": alternation(LEX["year_ago_words"]),
    "COMPARISON": alternation(LEX["comparison_words"]), "YEARKINDS": alternation(YEAR_KINDS),
}


def _pattern(template: str) -> re.Pattern:
    """Compile a rule written with ``<<BLOCK>>`` placeholders for the shared pieces above.

    Every rule starts at the start of a word: the leading look-behind lets the regex engine skip the
    inside of words at once instead of trying each alternative there (several times faster).
    """
    return re.compile(r"(?<!\w)" + re.sub(r"<<(\w+)>>", lambda m: _BLOCKS[m.group(1)], template))


RULES: list[Rule] = [
    (_pattern(r"(?<![\d-])(?P<y><<YEAR>>)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"), numeric_date),
    # 25-26 February 1992, the 10th of November
    (_pattern(r"(?:(?P<wd><<WEEKDAY>>),?<<S>>)?(?:the<<S>>)?(?P<d><<DAY>>)(?:<<DASH>>(?P<d2><<DAY>>))?<<S>>(?:of<<S>>)?"
              r"(?P<m><<MONTH>>)(?:,?<<S>>(?P<y><<YEAR>>)|(?P<rel>)|(?P<shift>))"), full_date),
    # November 10, 2020; February 25-26, 1992; September 27 last year
    (_pattern(r"(?:(?P<shift><<SHIFT>>)<<S>>)?(?:(?P<wd><<WEEKDAY>>),?<<S>>)?(?P<m><<MONTH>>)<<S>>"
              r"(?P<d><<DAY>>|<<DAYWORDS>>)(?:<<DASH>>(?P<d2><<DAY>>)|<<S>>(?i:and|or)<<S>>(?P<d3><<DAY>>)(?![\w]))?"
              r"(?:,?<<S>>(?P<y><<YEAR>>)|<<S>>(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w]))?(?![\d])"),
     full_date),
    # July last year, April next year
    (_pattern(r"(?P<m><<MONTH>>)<<S>>(?:of<<S>>)?(?P<rel>(?i:last|this|next))<<S>>(?i:year)(?![\w])"),
     month_of_relative_year),
    # February 1992, February-March 1992, the summer of 2019
    (_pattern(r"(?:(?P<m><<MONTH>>)(?:<<DASH>>(?P<m2><<MONTH>>))?|(?:(?i:the)<<S>>)?(?P<season><<SEASON>>))"
              r",?<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)"), month_year),
    (_pattern(r"(?:(?P<shift>(?i:last|this|next|previous|coming))<<S>>)?(?P<m><<MONTH>>)"), month_alone),
    (_pattern(r"(?<![\w-])(?:(?P<the>(?i:the))<<S>>)?(?P<season><<SEASON>>)(?![\w-])(?!<<S>>(?i:of)(?![\w]))"),
     season_alone),
    (_pattern(r"(?<![\w-])(?:(?i:earlier|later)<<S>>)?(?P<lead><<ANAPHORS>>)<<S>>"
              r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))(?![\w-])"), anaphor),
    (_pattern(r"(?<![\w-])(?:(?P<shift>(?i:last|this|next))<<S>>)?(?P<h><<HOLIDAYS>>)(?:,?<<S>>(?P<y><<YEAR>>))?"),
     holiday),
    (_pattern(r"(?:(?P<the>(?i:the))<<S>>)?(?:(?:(?P<dec>(?:1\d|20)\d0)|['’](?P<dec2>\d0))['’]?s"
              r"|['’]?(?P<decw><<DECADES>>))(?![\w])"), decade),
    (_pattern(r"(?:(?i:the)<<S>>)?(?P<c>\d{1,2})(?:st|nd|rd|th)<<HS>>(?i:century)(?![\w])"), ordinal_century),
    # last year, earlier this month, this past weekend, last night, this summer
    (_pattern(r"(?P<shift>(?i:this<<S>>past|last|this|next|previous|coming|current|past))"
              r"<<S>>(?P<what>(?i:year|month|week|weekend|decade|century|quarter)|<<SEASON>>|<<PART>>)(?![\w])"),
     relative_unit),
    (_pattern(r"(?<![\w-])(?:(?P<before><<PART>>)<<S>>)?"
              r"(?P<deictic><<DEICTIC>>)(?:<<S>>(?P<part><<DAYPART>>))?(?![\w-])"), deictic_day),
    (_pattern(r"(?<![\w-])(?P<ref><<REFERENCES>>)(?![\w-])"), reference),
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?i:weekend)(?![\w-])"), the_weekend),
    (_pattern(r"(?:(?P<shift><<SHIFT>>)<<S>>)?(?P<wd><<WEEKDAY>>)(?:<<S>>(?P<part><<DAYPART>>))?"),
     named_weekday),
    # two years ago, a year earlier
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)<<HS>>(?P<u><<UNIT>>)(?:<<S>>(?i:or)<<S>>(?:(?i:so)|<<NUM>>))?<<S>>"
              r"(?P<off>(?i:ago|earlier|later|from<<S>>now|hence))(?![\w])"), counted_offset),
    # 30 years, 44-day, two-hour, a year and a half, 65-year-old
    (_pattern(r"(?<![\w.,-])(?P<n><<NUM>>)(?:<<S>>(?i:and)<<S>>(?P<half>(?i:a<<S>>half)))?"
              r"(?:<<S>><<UNIT_ADJECTIVES>>)?<<HS>>(?P<u><<UNIT>>)"
              r"(?:<<S>>(?i:and)<<S>>(?P<half2>(?i:a<<S>>half))|<<HS>>(?i:long|old))?(?![\w])"),
     counted_duration),
    (_pattern(r"(?<![\w-])(?i:half)<<S>>(?i:an?)<<S>>(?P<u><<UNIT>>)"), half_duration),
    # recent months, (the) coming weeks, the years ahead
    (_pattern(r"(?<![\w-])(?:(?:(?i:the)<<S>>)?<<STRETCH_LEADS>><<S>>(?P<u>(?i:years|decades|months|quarters|weeks|days))"
              r"|(?i:the)<<S>>(?P<u2>(?i:years|decades|months|quarters|weeks|days))<<S>><<STRETCH_TAILS>>)"
              r"(?![\w-])"), vague_stretch),
    (_pattern(r"(?<![\w-])(?P<u>(?i:years|decades|centuries|months|weeks|days|hours|minutes))(?![\w-])"),
     bare_units),
    (_pattern(r"(?<![\w-])(?:(?i:every|each|per)<<S>>(?:(?P<n><<NUM>>|(?i:other))<<S>>)?(?P<u><<UNIT>>)"
              r"|(?i:every|each)<<S>>(?:(?P<wd><<WEEKDAY>>)|(?P<mo><<MONTH>>)|(?P<se><<SEASON>>)(?![\w-]))"
              r"|(?P<wds><<FULLWEEKDAYS>>)s(?![\w'’])"
              r"|(?P<adv><<SETS>>)(?![\w-]))"), recurrence),
    # 3 p.m., 10:30 am, 15:00 GMT, noon
    (_pattern(r"(?<![\w.:-])(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?<<S0>>(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm))(?![\w])"
              r"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d])|(?P<word><<CLOCK>>)(?![\w]))"
              r"(?:<<S>>(?P<tz><<ZONES>>)(?![\w]))?"), clock_time),
    # the third quarter, Q3 2020, the first half of 2021
    (_pattern(r"(?:(?i:the)<<S>>)?(?:(?P<ord><<ORD>>)<<HS>>"
              r"(?P<q>(?i:quarter|half))|Q(?P<qn>[1-4]))"
              r"(?:<<S>>(?:(?i:of)<<S>>)?(?P<y><<YEAR>>)|<<S>>(?i:of)<<S>>(?P<shift>(?i:this|last|next))<<S>>(?i:year))?"
              r"(?![\w])"), named_quarter),
    # the quarter, the latest quarter, the latest period
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?:(?P<latest><<LATEST>>)<<S>>)?(?P<what><<PERIODS>>)(?![\w-])"
              r"(?!<<S>>(?i:of)(?![\w]))"),
     reporting_quarter),
    # the year-ago quarter, the comparable year-earlier period, year-earlier (results)
    (_pattern(r"(?<![\w-])(?:(?i:the)<<S>>(?:<<COMPARISON>><<S>>)?)?(?P<adj><<YEARAGO>>)"
              r"(?:<<S>>(?:(?P<ord><<ORD>>)<<HS>>)?(?P<what><<PERIODS>>))?(?![\w-])"), year_ago_period),
    # the 1988 quarter, the 1988 third quarter, last year's quarter, next year's first quarter
    (_pattern(r"(?<![\w-])(?:(?:(?i:the)<<S>>)?(?P<y><<YEAR>>)|(?P<shift>(?i:last|this|next))<<S>>(?i:year)['’]s)<<S>>"
              r"(?:(?P<ord><<ORD>>)<<HS>>)?(?P<what><<PERIODS>>)(?![\w-])"), dated_period),
    # the same period last year, the quarter a year ago
    (_pattern(r"(?<![\w-])(?i:the)<<S>>(?:<<COMPARISON>><<S>>)?<<PERIODS>><<S>>"
              r"(?:(?i:last)<<S>>(?i:year)|(?i:a)<<S>>(?i:year)<<S>>(?i:ago|earlier|before))(?![\w-])"),
     same_period_last_year),
    # the year, the fiscal year, the year ended June 30
    (_pattern(r"(?<![\w-])(?P<core>(?i:the)<<S>>(?:(?P<kind><<YEARKINDS>>)<<S>>)?(?i:year))(?![\w-]|['’])"
              r"(?:(?P<ended><<S>>(?i:ended|ending|that<<S>>ended|to<<S>>date))"
              r"|(?!<<S>>(?i:before|after|of|when|earlier|ago|later|in<<S>>which)(?![\w-])))"), reporting_year),
    (_pattern(r"(?<![\w-])(?i:fiscal)<<S>>(?P<y><<YEAR>>)"), fiscal_year),
    (_pattern(r"(?<![\w-])(?i:year)(?:<<S0>>-<<S0>>|<<S>>|['’]s<<S>>)(?i:end)(?![\w-])"), year_end),
]
