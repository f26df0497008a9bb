"""Run fictional articles through every stage and corroborate the one story they make."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from corroborate import Store, ingest_sources
from corroborate.corroboration.story import StoryCorroboration, corroborate_story
from corroborate.pipeline import analyse


def corroborate_texts(folder: Path, texts: Mapping[str, str]) -> StoryCorroboration:
    """Write each text as ``<name>.txt``, analyse them, and corroborate their story
    (they must make exactly one)."""
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with Store(memory=True) as store:
        ingest_sources([str(folder)], store)
        analyse(store)
        stories = store.stories()
        assert len(stories) == 1
        by_id = {a.id: a for a in store.articles()}
        articles = [by_id[a] for a in stories[0].article_ids]
        return corroborate_story(
            stories[0].id, articles, store.article_claims(), store.reuse_links()
        )
