"""Word lists the engine ships instead of downloading: abbreviations, stop words, numbers,
dates, spelling variants, reporting verbs, negation and certainty cues; and the quotation
marks."""

from __future__ import annotations

# Quotation marks, each kind as (opening, closing): curly, straight, guillemets. The patterns
# that find quotations (quoted.py, claims/restated.py, claims/additions.py) are built from them.
CURLY_QUOTES = ("“", "”")
STRAIGHT_QUOTES = ('"', '"')
GUILLEMETS = ("«", "»")
QUOTE_MARKS = (CURLY_QUOTES, STRAIGHT_QUOTES, GUILLEMETS)


def quote_marks(*kinds: tuple[str, str]) -> tuple[str, str]:
    """The opening marks and the closing marks of ``kinds`` (every kind where none is named),
    each as one string: for a character class."""
    kinds = kinds or QUOTE_MARKS
    return "".join(o for o, _ in kinds), "".join(c for _, c in kinds)

# Abbreviations that end with a period but do not end a sentence (lower case, final period
# dropped, as nltk's Punkt expects them).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof sr jr st mt ft rev fr hon gov govt gen lt col maj capt cmdr
    sgt cpl pvt adm brig sen rep reps del pres supt insp det atty dept univ assn assoc
    bros co corp inc ltd llc plc no nos vol vols pp ed eds approx est fig figs cf vs etc
    al ave blvd rd hwy sq jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
    wed thu thur thurs fri sat sun a.m p.m u.s u.s.a u.k u.n e.u d.c n.y l.a u.s.s.r
    i.e e.g ph.d m.d b.a m.a a.d b.c no. op ca calif colo conn fla ga ill ind kan ky la
    md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo ariz
    ark del
    """.split()
)

# Abbreviations that often do end a sentence ("... in the U.S. He said").
SENTENCE_FINAL_ABBREVIATIONS = frozenset("u.s u.k u.n e.u d.c etc a.m p.m inc co ltd".split())

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he he'd he'll he's her here hers herself him himself his how
    i i'd i'll i'm i've if in into is it it's its itself just let's me more most my myself nor of
    off on once only or other ought our ours ourselves out over own same she she'd she'll she's
    should so some such than that that's the their theirs them themselves then there there's
    these they they'd they'll they're they've this those through to too under until up upon very
    was we we'd we'll we're we've were what what's when when's where where's which while who
    who's whom why why's with would you you'd you'll you're you've your yours yourself
    yourselves us said says say told tell according also just even still however though although
    many much one ones mr mrs ms will shall may might must can't cannot won't would could should unto
    thee thou thy thine ye hath doth art shalt wilt hast dost thereof therein whereof
    now behold lo verily yea
    """.split()
)

# Negation cues; "n't" is split off by the tokeniser and arrives as "not".
NEGATIONS = frozenset("not no never nor none nobody nothing neither without cannot lest".split())
NEGATION_PHRASES = (
    ("stopped", "short", "of"),
    ("stop", "short", "of"),
    ("declined", "to"),
    ("refused", "to"),
    ("failed", "to"),
    ("rejected",),
    ("denied",),
)

# Verbs that report a claim as false: "he said X" against "he denied X" is a change of stance.
DENIAL_VERBS = frozenset(
    """deny denies denied denying dispute disputes disputed disputing refute refutes refuted
    refuting reject rejects rejected rejecting contest contests contested""".split()
)

# Certainty: hedged vs definite modals and reporting verbs (stems compared after stemming).
HEDGED_MODALS = frozenset("may might could possibly perhaps likely unlikely probably reportedly allegedly".split())
# "shall" is left out: in older English it marks the subjunctive as often as the future.
DEFINITE_MODALS = frozenset("will would must definitely certainly".split())
HEDGED_VERBS = frozenset("suggest suggested suggests hint hinted hints imply implied implies speculate speculated".split())
ASSERTIVE_VERBS = frozenset(
    """say said says state stated states claim claimed claims assert asserted declare declared
    confirm confirmed confirms insist insisted announce announced tell told report reported
    stress stressed emphasize emphasized emphasise emphasised""".split()
)

# Reporting verbs that introduce a source ("X said", "said X").
REPORTING_VERBS = frozenset(
    """said says say told tells announced announces stated states added adds claimed claims
    confirmed confirms reported reports wrote writes noted notes insisted insists suggested
    suggests explained explains argued argues warned warns described describes revealed
    reveals acknowledged acknowledges posted posts tweeted tweets asked asks urged urges
    declared declares""".split()
)

# Nouns that name a source without naming it ("according to a person familiar with the talks").
SOURCE_NOUNS = frozenset(
    """person persons people source sources official officials spokesman spokeswoman spokesperson
    spokespeople aide aides adviser advisers advisor advisors diplomat diplomats minister ministry
    ministries government administration agency statement statements readout report reports
    document documents analyst analysts expert experts witness witnesses insider insiders
    representative representatives envoy office police military army""".split()
)

# Fractions written as words: "a third of", "two-thirds of", "half of".
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
    "tenth": 10, "tenths": 10,
}

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
MULTIPLIERS = {"once": 1, "twice": 2, "thrice": 3, "twain": 2}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}
RELATIVE_DAYS = frozenset("today tonight yesterday tomorrow".split())
RELATIVE_PERIOD_HEADS = frozenset("last next this past coming previous".split())
PERIOD_WORDS = frozenset("week weekend month year morning afternoon evening night decade century".split())
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades".split()
)
# Words that say when or for how long, grouped by meaning (a class, not a word, is compared).
TIME_QUALIFIERS = {
    **dict.fromkeys("immediate immediately straightway forthwith instantly promptly".split(), "immediate"),
    **dict.fromkeys("temporary temporarily interim provisional provisionally".split(), "temporary"),
    **dict.fromkeys("permanent permanently lasting enduring durable indefinite indefinitely".split(), "permanent"),
    **dict.fromkeys("brief briefly short-term".split(), "brief"),
    **dict.fromkeys("lengthy long-term prolonged".split(), "long"),
}
DISTRIBUTIVE = frozenset("each apiece per every".split())

# House-style and spelling variants mapped to one key (compared after lower-casing).
VARIANTS = {
    "u.s": "usa", "u.s.": "usa", "u.s.a": "usa", "u.s.a.": "usa",
    "u.k": "uk", "u.k.": "uk", "britain": "uk",
    "u.n": "un", "u.n.": "un",
    "e.u": "eu", "e.u.": "eu",
    "d.c": "dc", "d.c.": "dc",
    "a.m": "am", "a.m.": "am", "p.m": "pm", "p.m.": "pm",
    "okay": "ok", "programme": "program", "programmes": "programs", "grey": "gray",
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "aluminium": "aluminum", "towards": "toward", "afterwards": "afterward", "amongst": "among",
    "whilst": "while", "learnt": "learned", "spelt": "spelled", "burnt": "burned",
    "zelensky": "zelenskyy", "zelenskiy": "zelenskyy", "kiev": "kyiv",
}
# Words that are names only when written in capitals ("US" the country, "us" the pronoun).
CAPS_VARIANTS = {"us": "usa", "uk": "uk", "un": "un", "eu": "eu"}

# Multi-word names with a short form: the tokens are merged into one key.
PHRASE_VARIANTS = {
    ("united", "states"): "usa",
    ("united", "states", "of", "america"): "usa",
    ("united", "kingdom"): "uk",
    ("great", "britain"): "uk",
    ("united", "nations"): "un",
    ("european", "union"): "eu",
    ("to", "day"): "today",      # older spellings
    ("to", "night"): "tonight",
    ("to", "morrow"): "tomorrow",
}

# Early Modern English forms (two translations of one book) mapped to today's words.
ARCHAIC = {
    "thee": "you", "thou": "you", "ye": "you", "thy": "your", "thine": "your",
    "hath": "has", "doth": "does", "dost": "do", "hast": "have", "art": "are", "shalt": "shall",
    "wilt": "will", "saith": "says", "spake": "spoke", "unto": "to", "whence": "where",
    "wherefore": "why", "hither": "here", "thither": "there", "whither": "where",
}

# Verbs of aim: "agreed to seek a ceasefire" claims less than "agreed to a ceasefire".
AIM_VERBS = frozenset(
    """seek seeks seeking sought aim aims aiming aimed hope hopes hoping hoped plan plans planning
    planned try tries trying tried attempt attempts attempting attempted intend intends intending
    intended look looks looking""".split()
)

# Words that frame a report rather than carry its claim ("released a statement saying").
FRAMING_WORDS = frozenset(
    """following release released releases statement statements spoke speaking comment comments
    commented remark remarks remarked readout described describes reveal revealed reveals noted
    notes reported reports added adds""".split()
)
