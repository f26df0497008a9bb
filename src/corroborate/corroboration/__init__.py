"""Corroboration: one story's claims lined up across its articles.

Claims stating the same proposition are grouped (``grouping``); inside each group the
relations are read slot by slot (``relations``: conflicts, updates, quote variants) and
the support is counted (``support``: independent outlet groups and origins, status).
``story.corroborate_story`` runs it all for one story from the stored claims, reuse
links and stories; it needs no parse, so a report computes it when it is made.
"""

from corroborate.corroboration.story import (
    CorroboratedGroup,
    StoryCorroboration,
    corroborate_story,
)

__all__ = ["CorroboratedGroup", "StoryCorroboration", "corroborate_story"]
