"""Fictional articles for the story stage: two unrelated events, three reports each."""

from __future__ import annotations

import pytest

from corroborate.records import Article

from .fictional import news


@pytest.fixture
def bridge_collapse() -> list[Article]:
    return [
        news(
            "Saltmarsh Road bridge collapses into the Ambry at Keldmoor",
            "The Saltmarsh Road bridge in Keldmoor collapsed into the River Ambry late on "
            "Tuesday, taking two parked vans with it.\n"
            "Rescue crews pulled fourteen people from the water, and Mayor Henrike Dawl said "
            "nobody had died.\n"
            "The bridge, built in 1911, had been due for repairs next spring.",
            4,
            "Ambry Echo",
        ),
        news(
            "Keldmoor bridge falls: fourteen rescued from river",
            "Fourteen people were rescued from the River Ambry after the Saltmarsh Road bridge "
            "gave way in Keldmoor on Tuesday night.\n"
            "Structural engineer Orla Penhallow said the central pier of the Keldmoor bridge "
            "had been undermined by floodwater.\n"
            "Henrike Dawl, the town's mayor, promised a full inquiry.",
            5,
            "Valmoria Daily",
        ),
        news(
            "Inquiry ordered into Keldmoor bridge collapse",
            "Mayor Henrike Dawl ordered an inquiry into the collapse of the Saltmarsh Road "
            "bridge in Keldmoor, which fell into the River Ambry this week.\n"
            "Orla Penhallow, who inspected the wreck, blamed floodwater scouring the pier.\n"
            "Ferries will carry commuters across the Ambry until a temporary crossing opens.",
            6,
            "Keldmoor Courier",
        ),
    ]


@pytest.fixture
def football_transfer() -> list[Article]:
    return [
        news(
            "Dunmere Rovers sign striker Kasimir Velde",
            "Dunmere Rovers have signed the striker Kasimir Velde from Harrowgate Athletic "
            "for a fee of 4.2 million crowns.\n"
            "Velde, who scored 23 goals last season, agreed a five-season contract.\n"
            "Rovers manager Tobiah Krane called him the finisher the squad had lacked.",
            5,
            "Valmoria Daily",
        ),
        news(
            "Velde leaves Harrowgate for Dunmere",
            "Harrowgate Athletic have sold Kasimir Velde to Dunmere Rovers, ending a long "
            "chase for the striker.\n"
            "The transfer fee of 4.2 million crowns is a record for Dunmere Rovers.\n"
            "Tobiah Krane said Velde would start against Portsoy on Saturday.",
            5,
            "Sportsline",
        ),
        news(
            "Krane lands his striker: Velde joins Rovers",
            "Tobiah Krane finally has Kasimir Velde: the striker completed his move from "
            "Harrowgate Athletic to Dunmere Rovers on Thursday.\n"
            "Supporters queued outside the Dunmere ground for the new shirt, number nine.\n"
            "Harrowgate Athletic will spend the fee on their youth academy.",
            6,
            "Dunmere Evening News",
        ),
    ]
