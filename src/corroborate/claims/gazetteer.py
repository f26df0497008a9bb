"""Small tables of facts and words that entity resolution leans on.

Countries with their short forms, demonyms and capitals (a capital may stand for its
state: "Pyongyang denied it"), a few international bodies known by their initials, and
the words that mark titles, speech, anonymous sources and role nouns. The tables are
kept short on purpose: they cover what news text uses most, and everything else falls
back on what the article itself says.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "BODIES",
    "BYSTANDERS",
    "COMPANY_WORDS",
    "EAST_ASIAN_FAMILY_NAMES",
    "FEMALE_TITLES",
    "GENERIC_SOURCES",
    "HONORIFICS",
    "LOCAL_BODY_WORDS",
    "MALE_TITLES",
    "NAME_PARTICLES",
    "ORG_HEADS",
    "PERSON_ROLES",
    "PERSON_TITLES",
    "PUBLIC_BODY_WORDS",
    "ROLE_VERBS",
    "ROLE_VERB_PREPOSITIONS",
    "SERVICE_NOUNS",
    "SPEECH_VERBS",
    "STATE_NOUNS",
    "STREET_WORDS",
    "TITLE_WORDS",
    "WORD_SYNONYMS",
    "capital_state",
    "state_of",
]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# (state, capital, other names and abbreviations, demonyms). Case matters: "US" is the
# country, "us" is a pronoun.
_COUNTRIES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("United States", "Washington", ("U.S.", "US", "USA", "U.S.A.", "America"), ("American",)),
    ("United Kingdom", "London", ("UK", "U.K.", "Britain", "Great Britain"), ("British",)),
    (
        "North Korea",
        "Pyongyang",
        ("DPRK", "N. Korea", "Democratic People's Republic of Korea"),
        ("North Korean",),
    ),
    ("South Korea", "Seoul", ("ROK", "S. Korea", "Republic of Korea"), ("South Korean",)),
    ("China", "Beijing", ("PRC", "People's Republic of China"), ("Chinese",)),
    ("Japan", "Tokyo", (), ("Japanese",)),
    ("Russia", "Moscow", ("Russian Federation",), ("Russian",)),
    ("Ukraine", "Kyiv", (), ("Ukrainian",)),
    ("France", "Paris", (), ("French",)),
    ("Germany", "Berlin", (), ("German",)),
    ("Italy", "Rome", (), ("Italian",)),
    ("Spain", "Madrid", (), ("Spanish",)),
    ("Poland", "Warsaw", (), ("Polish",)),
    ("Turkey", "Ankara", ("Türkiye",), ("Turkish",)),
    ("Iran", "Tehran", (), ("Iranian",)),
    ("Iraq", "Baghdad", (), ("Iraqi",)),
    ("Israel", "Jerusalem", (), ("Israeli",)),
    ("Syria", "Damascus", (), ("Syrian",)),
    ("Saudi Arabia", "Riyadh", (), ("Saudi",)),
    ("Egypt", "Cairo", (), ("Egyptian",)),
    ("India", "New Delhi", (), ("Indian",)),
    ("Pakistan", "Islamabad", (), ("Pakistani",)),
    ("Afghanistan", "Kabul", (), ("Afghan",)),
    ("Taiwan", "Taipei", (), ("Taiwanese",)),
    ("Vietnam", "Hanoi", (), ("Vietnamese",)),
    ("Philippines", "Manila", (), ("Filipino", "Philippine")),
    ("Indonesia", "Jakarta", (), ("Indonesian",)),
    ("Australia", "Canberra", (), ("Australian",)),
    ("Canada", "Ottawa", (), ("Canadian",)),
    ("Mexico", "Mexico City", (), ("Mexican",)),
    ("Brazil", "Brasília", (), ("Brazilian",)),
)

# International bodies that news text names by their initials.
_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("United Nations", ("UN", "U.N.")),
    ("European Union", ("EU", "E.U.")),
    ("NATO", ("North Atlantic Treaty Organization",)),
    ("World Health Organization", ("WHO",)),
    ("International Atomic Energy Agency", ("IAEA",)),
    ("International Monetary Fund", ("IMF",)),
)

_STATE_OF: dict[str, str] = {}
_CAPITAL_STATE: dict[str, str] = {}
for _state, _capital, _others, _demonyms in _COUNTRIES:
    for _name in (_state, *_others, *_demonyms):
        _STATE_OF[_name] = _state
    _CAPITAL_STATE[_capital] = _state
for _body, _short in _BODIES:
    for _name in (_body, *_short):
        _STATE_OF[_name] = _body
BODIES = frozenset(body for body, _ in _BODIES)


def state_of(name: str) -> str | None:
    """The canonical state (or international body) a name, abbreviation or demonym means."""
    return _STATE_OF.get(name)


def capital_state(name: str) -> str | None:
    """The state whose capital ``name`` is; the capital stands for it only as an actor."""
    return _CAPITAL_STATE.get(name)


# Words that, before a name, make it a title ("Mayor Ines Calder", "lawmaker Park").
TITLE_WORDS = _set(
    "mayor president minister secretary director chief officer spokesman spokeswoman "
    "spokesperson councillor councilor lawmaker legislator senator representative rep "
    "governor premier chairman chairwoman chair commissioner general gen admiral adm "
    "colonel col captain capt lieutenant lt sergeant sgt inspector superintendent judge "
    "justice prosecutor attorney ambassador envoy king queen prince princess pope bishop "
    "reverend rev manager head leader executive ceo chancellor deputy mp sheriff detective "
    "constable commander marshal professor prof dr doctor mr mrs ms miss sir dame lord lady "
    "congressman congresswoman assemblyman assemblywoman vice founder owner analyst "
    "economist resident witness worker"
)
# Titles only a person holds: "owner" or "leader" may come before a company's name
# ("plant owner Halvard Chemicals", "market leader Norvik Systems"), these do not.
# "Official" and "steward" are titles only people hold too ("ministry official Karin
# Holt"), but not title words: "the official" alone is anyone, never a role noun; nor
# are occupations ("river authority engineer Vera Crane", whom the tagger calls an ORG).
PERSON_TITLES = TITLE_WORDS - _set(
    "owner founder head leader manager executive analyst worker resident witness vice "
    "deputy chair representative rep"
) | _set(
    "official steward engineer lawyer scientist researcher nurse teacher pilot firefighter "
    "paramedic surgeon"
)

# Roles of two words that only a person holds, though the second alone does not say so:
# "leader" or "manager" may come before a company's name ("market leader Norvik").
PERSON_ROLES = frozenset(
    (first, second)
    for firsts, seconds in (
        ("union party trade labour labor staff", "representative rep"),
        (
            "union party opposition team group association committee board council",
            "leader organiser organizer chair",
        ),
        ("plant site store works branch project general", "manager"),
        ("harbour harbor station port dock", "master"),
        ("shop union", "steward"),
    )
    for first in firsts.split()
    for second in seconds.split()
)
# Honorifics say nothing about what a person does: they are not kept as roles.
HONORIFICS = _set("mr mrs ms miss dr sir dame lord lady mx")
MALE_TITLES = _set("mr sir lord king prince spokesman chairman congressman")
FEMALE_TITLES = _set("mrs ms miss dame lady queen princess spokeswoman chairwoman congresswoman")

# Lemmas of verbs that introduce what someone said.
SPEECH_VERBS = _set(
    "say tell add state claim cite note warn insist deny confirm announce explain argue "
    "report write estimate acknowledge suggest predict stress urge describe reiterate "
    "assert allege declare disclose reveal testify caution indicate comment"
)

# Nouns that head an anonymous or generic source: never resolved to anyone.
GENERIC_SOURCES = _set(
    "official officials analyst analysts resident residents police policeman source sources "
    "expert experts witness witnesses people person diplomat diplomats observer observers "
    "critic critics neighbour neighbours neighbor neighbors worker workers employee "
    "employees authorities investigator investigators insider "
    "insiders someone anyone many some others report reports media"
)

# Nouns for what someone put out, whose source is who put it out: "reports from
# lawmakers", "the agency's assessment".
REPORT_NOUNS = _set("report statement assessment estimate account briefing finding")

# Generic sources who speak for nobody but themselves: "neighbours of the depot" are not
# the depot's owner speaking, where "officials at the agency" are the agency.
BYSTANDERS = _set(
    "resident residents neighbour neighbours neighbor neighbors witness witnesses people "
    "person critic critics observer observers someone anyone"
)

# "X, who chairs the committee": the verb's lemma and the role it gives.
ROLE_VERBS = MappingProxyType(
    {
        "chair": "chair",
        "head": "head",
        "lead": "leader",
        "direct": "director",
        "run": "head",
        "manage": "manager",
        "represent": "representative",
        "own": "owner",
        "found": "founder",
        "command": "commander",
        "oversee": "head",
        "coordinate": "coordinator",
        "edit": "editor",
        "speak": "spokesperson",
    }
)
# Role verbs whose object comes after a preposition: "who speaks for the union".
ROLE_VERB_PREPOSITIONS = MappingProxyType({"speak": "for"})

# Head nouns of role phrases that stand for an organisation ("the agency").
ORG_HEADS = _set(
    "agency company firm service ministry department council union hospital authority "
    "office government committee commission court party army military utility operator "
    "bureau administration organisation organization group corporation regulator board"
)
# Words that make an unnamed body a city's: "the port authority", "the mayor's office".
LOCAL_BODY_WORDS = _set("city town municipal mayor port harbour harbor")
# Common nouns that stand for the state an article talks about: "the country's spy
# agency" is a body of whichever state that is, never a body named "country's ...".
STATE_NOUNS = _set("country nation")
# Mass nouns that stand for a state's service after the state's name: "U.S. intelligence"
# and "South Korean intelligence officials" are the intelligence service, not the state.
SERVICE_NOUNS = _set("intelligence counterintelligence")
# Words in an organisation's name that make it a company ("the company" ~ "Halvard Chemicals").
COMPANY_WORDS = _set(
    "company co corp corporation inc ltd llc plc gmbh ag sa group holdings industries "
    "chemicals motors systems technologies energy supply logistics bank airlines"
)
# Words in a name that make it a public body, not a company.
PUBLIC_BODY_WORDS = _set(
    "agency service ministry department council union hospital authority office government "
    "committee commission court party army police university school national provincial "
    "federal city municipal state institute bureau administration"
)

# What a word in a role noun may appear as in a stated role or a name ("spy chief" ~
# "Director, National Intelligence Service").
WORD_SYNONYMS = MappingProxyType(
    {
        "spy": frozenset({"spy", "intelligence", "espionage"}),
        "chief": frozenset({"chief", "director", "head", "officer", "commander", "chairman"}),
        "head": frozenset({"head", "chief", "director", "chair", "chairman", "chairwoman"}),
        "boss": frozenset({"boss", "chief", "director", "head", "executive", "ceo"}),
        "defense": frozenset({"defense", "defence"}),
        "defence": frozenset({"defense", "defence"}),
        "secretary": frozenset({"secretary", "minister"}),
        "minister": frozenset({"minister", "secretary"}),
        "lawmaker": _set(
            "lawmaker legislator mp senator representative congressman congresswoman "
            "assemblyman assemblywoman"
        ),
        "councillor": frozenset({"councillor", "councilor", "council"}),
        "councilor": frozenset({"councillor", "councilor", "council"}),
        "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
        "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
        "executive": frozenset({"executive", "ceo"}),
        "agency": frozenset({"agency", "service", "bureau", "administration"}),
        "service": frozenset({"agency", "service", "bureau", "administration"}),
        "company": COMPANY_WORDS,
        "firm": COMPANY_WORDS,
        "fire": frozenset({"fire", "firefighting"}),
        "prosecutor": frozenset({"prosecutor", "prosecutors", "prosecution"}),
    }
)

# Korean and Chinese family names: a name that starts with one and has a hyphenated or
# two-part given name is written family name first ("Cho Tae-yong", "Kim Jong Un").
EAST_ASIAN_FAMILY_NAMES = _set(
    "Kim Lee Park Pak Choi Cho Jung Jeong Kang Yoon Yun Jang Lim Han Shin Oh Seo Kwon Hwang "
    "Ahn Song Yoo Hong Moon Ri Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu "
    "Hu Guo Lin Xi Deng Mao"
)
# Lower-case words that start a surname ("Ursula von der Leyen" -> "von der Leyen").
NAME_PARTICLES = _set("von van der den de da di du le la bin ibn al el")

# Last words that make a name a street or a site, whatever the tagger says ("Quay Lane").
STREET_WORDS = _set(
    "Street St Road Rd Lane Avenue Ave Boulevard Square Terrace Row Drive Way Quay Bridge "
    "Wharf Harbour Harbor Port"
)
