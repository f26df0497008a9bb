"""docs/report-json.md against the JSON report on the example corpus: every key the report
has is documented under its path, with a type its values fit, and every documented field
occurs. The page gives each object a heading with its JSON path and a table
``| field | type | meaning |``; see its "How this page is laid out"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from corroborate import Store, ingest_sources
from corroborate.pipeline import analyse
from corroborate.report import report_for_store

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "report-json.md"
EXAMPLES = ROOT / "examples"

ROOT_HEADING = "(root)"
NOT_COMPUTED = "stages.*"  # the path the page documents a stage "not computed yet" under
# Documented objects of which the example corpus has no instance (no article in it was
# read at two outlets).
NOT_IN_EXAMPLES = {"stages.reuse.exact_copies[]"}

_HEADING = re.compile(r"^### (\(root\)|[a-z_.*\[\]]+)$")
_ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+?) \| (.+) \|$")
_SCALARS: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "object": (dict,),
}

Json = dict[str, Any]


@dataclass(frozen=True)
class Field:
    type: str  # "string or null", "list of objects", "map of outlet -> integer", ...
    optional: bool  # "(optional)" in its meaning: the key may be absent

    @property
    def is_map(self) -> bool:
        return self.type.startswith("map of ")


def parse_doc(text: str) -> dict[str, dict[str, Field]]:
    """JSON path ("" for the root) -> its documented fields, from the headings and tables."""
    schema: dict[str, dict[str, Field]] = {}
    fields: dict[str, Field] | None = None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = _HEADING.match(line)
            fields = None
            if heading:
                path = "" if heading[1] == ROOT_HEADING else heading[1]
                assert path not in schema, f"{heading[1]} is documented twice"
                fields = schema[path] = {}
        elif fields is not None and (row := _ROW.match(line)):
            name, type_, meaning = row.groups()
            fields[name] = Field(type_, "(optional)" in meaning)
    return schema


def fits(value: Any, type_: str) -> bool:
    """Whether a JSON value is of a documented type ("string or null", "list of spans")."""
    return any(_fits_one(value, alternative) for alternative in type_.split(" or "))


def check_type(type_: str) -> None:
    """Raises ValueError when a documented type is outside the page's vocabulary."""
    for alternative in type_.split(" or "):
        _fits_one(None, alternative)


def _fits_one(value: Any, type_: str) -> bool:
    if type_.startswith("list of "):
        item = _known(type_.removeprefix("list of ").removesuffix("s"))  # "objects" -> "object"
        return isinstance(value, list) and all(_fits_one(v, item) for v in value)
    if type_.startswith("map of "):
        item = _known(type_.partition(" -> ")[2])
        return isinstance(value, dict) and all(_fits_one(v, item) for v in value.values())
    if _known(type_) == "span":
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(type(n) is int for n in value)
            and 0 <= value[0] <= value[1]
        )
    return type(value) in _SCALARS[type_]  # exact: a boolean is no integer


def _known(type_: str) -> str:
    if type_ not in _SCALARS and type_ != "span":
        raise ValueError(f"unknown type {type_!r} in {DOC.name}")
    return type_


def objects(
    obj: Json, schema: dict[str, dict[str, Field]], path: str = ""
) -> Iterator[tuple[str, Json]]:
    """Every object of the report with its path; maps (keyed by data) are not gone into."""
    yield path, obj
    for key, value in obj.items():
        field = schema.get(path, {}).get(key)
        if field is not None and field.is_map:
            continue
        child = f"{path}.{key}" if path else key
        if (
            path == "stages"
            and isinstance(value, dict)
            and value.get("status") == "not computed yet"
        ):
            child = NOT_COMPUTED
        if isinstance(value, dict):
            yield from objects(value, schema, child)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from objects(item, schema, child + "[]")


@dataclass(frozen=True)
class Example:
    before: Json  # the report on the ingested corpus: every stage "not computed yet"
    after: Json  # the report after analysis: every stage computed
    texts: dict[int, str]  # article number -> the article's text


@pytest.fixture(scope="module")
def example() -> Example:
    with Store(memory=True) as store:
        assert ingest_sources([str(EXAMPLES)], store).ok
        before = report_for_store(store)
        analyse(store)
        after = report_for_store(store)
        texts = {n: article.text for n, article in enumerate(store.articles(), 1)}
    # As `corroborate report --format json` writes it.
    return Example(json.loads(json.dumps(before)), json.loads(json.dumps(after)), texts)


@pytest.fixture(scope="module")
def schema() -> dict[str, dict[str, Field]]:
    return parse_doc(DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def found(example: Example, schema: dict[str, dict[str, Field]]) -> dict[str, list[Json]]:
    """Path -> every object at that path in the two reports."""
    found: dict[str, list[Json]] = {}
    for report in (example.before, example.after):
        for path, obj in objects(report, schema):
            found.setdefault(path, []).append(obj)
    return found


def test_the_page_is_well_formed(schema: dict[str, dict[str, Field]]) -> None:
    assert {"", "input", "articles[]", "stages", NOT_COMPUTED} <= set(schema)
    for path, fields in schema.items():
        assert fields, f"{path}: a heading without a table of fields"
        for name, field in fields.items():
            check_type(field.type)
            child = f"{path}.{name}" if path else name
            nested = {"object": child, "list of objects": child + "[]"}
            for alternative, child_path in nested.items():
                if alternative in field.type.split(" or "):
                    assert child_path in schema, f"{child_path}: no heading documents it"
    for path in set(schema) - {"", NOT_COMPUTED}:
        parent, _, name = path.removesuffix("[]").rpartition(".")
        assert name in schema.get(parent, {}), f"{path}: {parent or ROOT_HEADING} has no {name}"
        expected = "list of objects" if path.endswith("[]") else "object"
        assert expected in schema[parent][name].type.split(" or "), f"{path}: not {expected}"


def test_every_key_is_documented_with_its_type(
    found: dict[str, list[Json]], schema: dict[str, dict[str, Field]]
) -> None:
    problems: dict[str, str] = {}  # "path: key" -> what is wrong (its first instance)
    for path, instances in found.items():
        documented = schema.get(path, {})
        for obj in instances:
            for key, value in obj.items():
                where = f"{path or ROOT_HEADING}: {key}"
                if key not in documented:
                    problems.setdefault(where, "not documented")
                elif not fits(value, documented[key].type):
                    problems.setdefault(where, f"{value!r:.60} is not {documented[key].type}")
    if problems:
        pytest.fail("\n".join(f"{where}: {why}" for where, why in sorted(problems.items())))


def test_every_documented_field_occurs(
    found: dict[str, list[Json]], schema: dict[str, dict[str, Field]]
) -> None:
    assert set(schema) - set(found) == NOT_IN_EXAMPLES
    problems = []
    for path, instances in found.items():
        required = {n for n, field in schema.get(path, {}).items() if not field.optional}
        missing = {name for obj in instances for name in required - set(obj)}
        if missing:
            problems.append(f"{path or ROOT_HEADING}: documented but absent: {sorted(missing)}")
    if problems:
        pytest.fail("\n".join(problems))


def test_spans_index_the_articles_text(example: Example) -> None:
    """Spans are [start, end] into the text of the article the number names."""
    texts = example.texts
    stages = example.after["stages"]
    assert [a["number"] for a in example.after["articles"]] == list(range(1, len(texts) + 1))
    for article in example.after["articles"]:
        if article["dateline"]:
            start, end = article["dateline"]["span"]
            dateline = texts[article["number"]][start:end].casefold()
            assert dateline.startswith(article["dateline"]["place"].casefold())
    for link in stages["reuse"]["links"]:
        for passage in link["passages"]:
            start, end = passage["copy_span"]
            assert texts[link["copy"]["article"]][start:end] == passage["copy_text"]
    for story in stages["corroboration"]["stories"]:
        for group in story["groups"]:
            for claim in group["claims"]:
                start, end = claim["span"]
                if " … " not in claim["text"]:  # pieces the text splits are joined so
                    assert texts[claim["article"]][start:end] == claim["text"]
