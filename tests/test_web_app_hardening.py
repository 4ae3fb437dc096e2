"""Issue 20, round 3, items 12 and 17: the web how-to's promise, 'every bad input answers 400, never 500', holds."""

import importlib
import importlib.util
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import strategies

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    importlib.import_module("fastapi")  # required by the test extra: a failure fails the gate
    spec = importlib.util.spec_from_file_location("web_app_hardening", DOCS / "examples" / "web_app.py")
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*install `httpx2` instead", category=UserWarning)
        from fastapi.testclient import TestClient  # noqa: PLC0415

    with TestClient(module.app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "the request body must be at most 100,000 bytes"),
        (b"[" * 40_000 + b"]" * 40_000, "nested too deeply to read"),
        (b'{"score": ' + b"9" * 5_000 + b"}", "got text that is not JSON (Exceeds the limit (4300 digits)"),
        (b'{"score": ' + b"[" * 40 + b"]" * 40 + b"}", "request must nest arrays and objects at most 32 deep"),
        (b'{"score": "\xff\xfe"}', "got text that is not JSON"),
        (b'{"score": 1e999}', "request.score must be an integer, got float inf"),
        (b"", "got text that is not JSON"),
    ],
    ids=["huge", "deep", "a 5,000-digit integer", "nested past 32", "not UTF-8", "an infinity", "empty"],
)
@pytest.mark.parametrize("endpoint", ["/evaluate", "/school/evaluate"])
def test_a_body_the_app_cannot_read_is_a_400(client: Any, endpoint: str, body: bytes, message: str) -> None:
    response = client.post(endpoint, content=body)
    assert response.status_code == 400, response.text
    assert message in response.json()["message"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(st.one_of(strategies.EVERY_TYPE, st.builds(dict, score=strategies.EVERY_TYPE)))
def test_any_json_body_is_answered_200_or_400(client: Any, document: Any) -> None:
    """Law: whatever JSON is posted, the app answers 200 or 400, never 500."""
    try:
        body = json.dumps(document, default=str)
    except (ValueError, RecursionError):  # a value JSON cannot write: post its text instead
        body = '"' + "9" * 5_000 + '"'
    for endpoint in ("/evaluate", "/school/evaluate"):
        assert client.post(endpoint, content=body).status_code in {200, 400}


# Item 17: the JSON page's request table says what the schema says ---------------------------------------------


def _request_table() -> dict[str, str]:
    """Each field of docs/json.rst's request table and the text of its row."""
    page = (DOCS / "json.rst").read_text(encoding="utf-8")
    table = page.split(".. list-table::", 1)[1].split("\n\n", 2)[1]
    rows: dict[str, str] = {}
    for row in table.split("   * - ")[2:]:
        name, _, rest = row.partition("\n")
        rows[name.strip().strip("`")] = rest
    return rows


def test_the_json_page_states_each_request_field_as_the_schema_does() -> None:
    from step2score import request_schema  # noqa: PLC0415

    properties = request_schema()["properties"]
    rows = _request_table()
    assert set(rows) == set(properties)
    for name, schema in properties.items():
        if "minimum" in schema:
            assert f"integer, {schema['minimum']} to {schema['maximum']}" in rows[name], name
        words = [word for word in schema.get("enum", []) if word is not None]
        if 0 < len(words) <= 4:
            for word in words:
                assert f'``"{word}"``' in rows[name], (name, word)
