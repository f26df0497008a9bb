"""Irregular English verb forms, mapped to their base: "hid", "hidden" and "hiding" are
one word to the claim comparison, as "evacuated" and "evacuating" are by their endings.

News reports one event in different tenses ("the ministry hid the figures" / "denied
hiding the figures" / "had hidden them"); cutting endings joins regular verbs, and this
table joins the irregular ones a crude stemmer cannot.
"""

from __future__ import annotations

__all__ = ["base_form"]

# Each line: base, past, past participle (and other spellings). Common verbs of news.
_TABLE = """
arise arose arisen | bear bore borne born | beat beaten | become became | begin began begun
bend bent | bind bound | bite bit bitten | blow blew blown | break broke broken
bring brought | build built | burn burnt | buy bought | catch caught | choose chose chosen
come came | deal dealt | dig dug | draw drew drawn | drink drank drunk | drive drove driven
eat ate eaten | fall fell fallen | feed fed | feel felt | fight fought | find found
flee fled | fly flew flown | forbid forbade forbidden | forget forgot forgotten
forgive forgave forgiven | freeze froze frozen | get got gotten | give gave given
go went gone | grow grew grown | hang hung | hear heard | hide hid hidden | hold held
keep kept | know knew known | lay laid | lead led | leave left | lend lent | lie lay lain
light lit | lose lost | make made | mean meant | meet met | overtake overtook overtaken
pay paid | ride rode ridden | ring rang rung | rise rose risen | run ran | say said
see saw seen | seek sought | sell sold | send sent | shake shook shaken | shine shone
shoot shot | show showed shown | shrink shrank shrunk | sing sang sung | sink sank sunk
sit sat | sleep slept | slide slid | speak spoke spoken | spend spent | stand stood
steal stole stolen | stick stuck | sting stung | strike struck stricken | swear swore sworn
sweep swept | swim swam swum | take took taken | teach taught | tear tore torn | tell told
think thought | throw threw thrown | undergo underwent undergone | understand understood
undertake undertook undertaken | uphold upheld | wake woke woken | wear wore worn
weep wept | win won | withdraw withdrew withdrawn | withhold withheld | write wrote written
"""

_BASE: dict[str, str] = {
    form: forms.split()[0]
    for forms in _TABLE.replace("\n", "|").split("|")
    if forms.strip()
    for form in forms.split()
}
_BASES = frozenset(_BASE.values())


def base_form(word: str) -> str:
    """The base of an irregular verb form ("hidden" -> "hide"), also from its -ing form
    ("hiding", "running"); any other word unchanged."""
    found = _BASE.get(word)
    if found is not None:
        return found
    if word.endswith("ing") and len(word) > 5:
        root = word[:-3]
        for candidate in (root, root + "e", root[:-1] if root[-1:] == root[-2:-1] else ""):
            if candidate in _BASES:
                return candidate
    return word
