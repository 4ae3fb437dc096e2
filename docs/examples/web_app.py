"""A FastAPI app that serves step2score: the code of the web-app how-to (``docs/howto/web_app.rst``).

Run it from this folder with ``uvicorn web_app:app`` (``pip install fastapi uvicorn``).
The test suite exercises it with FastAPI's test client (``tests/test_docs.py``).

Endpoints:

* ``POST /evaluate``: a request (``GET /schema/request``) in, an evaluation
  (``GET /schema/evaluation``) out, judged against the packaged data.
* ``POST /school/evaluate``: the same, against the school's own benchmark edition.
* ``GET /specialties``: the names and aliases for a dropdown.
* Every bad input answers 400 with a JSON body a form can use, never 500.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from step2score import Evaluation, Step2ScoreError, default_edition, evaluate, load_edition, specialty_aliases
from step2score.serialization import evaluate_request, evaluation_schema, read_request, request_schema

HERE = Path(__file__).parent

# The school's own edition is read once, when the app starts: a broken file stops the app
# at startup (DataFileError names the file, the row and the field), not at the first request.
SCHOOL_EDITION = load_edition(
    HERE / "our_school_2025.csv", name="Our school 2025", match_year=2025, cohort="our matched graduates"
)

app = FastAPI(title="step2score advising API")


def error_body(error: Exception) -> dict[str, Any]:
    """The JSON body of a 400: the error's type and message, and its machine-readable attributes if it has them."""
    body: dict[str, Any] = {"type": type(error).__name__, "message": str(error)}
    for name in ("field", "rule", "value", "suggestions"):
        attribute = getattr(error, name, None)
        if attribute is None:
            continue
        if isinstance(attribute, tuple | list):
            body[name] = [str(item) for item in attribute]
        elif isinstance(attribute, str | int | float | bool):
            body[name] = attribute
        else:
            body[name] = str(attribute)
    return body


@app.exception_handler(Step2ScoreError)
async def bad_input(_request: Request, error: Step2ScoreError) -> JSONResponse:
    """Every step2score error is the caller's input: answer 400, with the fields a form needs."""
    return JSONResponse(status_code=400, content=error_body(error))


class NotJSONError(ValueError):
    """The request body is not JSON at all."""


@app.exception_handler(NotJSONError)
async def not_json(_request: Request, error: NotJSONError) -> JSONResponse:
    """A body that is not JSON is the caller's error too: 400."""
    return JSONResponse(status_code=400, content={"type": "NotJSONError", "message": str(error)})


#: The longest body read: a request is a few hundred bytes.
MAX_BODY_BYTES = 100_000


async def json_body(request: Request) -> object:
    """The parsed body; step2score checks everything about it but its being JSON.

    A body too long, not JSON, nested past the parser's depth or holding an integer of more
    digits than Python reads is the caller's error: 400, never 500.
    """
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        msg = f"the request body must be at most {MAX_BODY_BYTES:,} bytes, got {len(body):,}"
        raise NotJSONError(msg)
    try:
        return json.loads(body)
    except RecursionError:
        msg = "the request body must be a JSON object, got arrays or objects nested too deeply to read"
        raise NotJSONError(msg) from None
    except ValueError as error:  # not JSON, not UTF-8, or an integer of more than 4,300 digits
        msg = f"the request body must be a JSON object, got text that is not JSON ({str(error)[:200]})"
        raise NotJSONError(msg) from None


@app.post("/evaluate")
async def evaluate_endpoint(request: Request) -> dict[str, Any]:
    """Evaluate a request against the packaged data (Charting Outcomes 2026 by default)."""
    evaluation: Evaluation = evaluate_request(await json_body(request))
    return evaluation.to_dict()


@app.post("/school/evaluate")
async def school_evaluate_endpoint(request: Request) -> dict[str, Any]:
    """Evaluate a request against the school's own edition (the request's ``edition`` is ignored)."""
    arguments = read_request(await json_body(request))
    arguments["edition"] = SCHOOL_EDITION
    return evaluate(arguments.pop("score"), **arguments).to_dict()


@app.get("/specialties")
def specialties_endpoint() -> list[dict[str, Any]]:
    """The options of a specialty dropdown: each name, its aliases, and whether the school has figures for it."""
    aliases = specialty_aliases()
    school = set(SCHOOL_EDITION.specialties)
    return [
        {"name": name, "aliases": list(aliases.get(name, ())), "in_school_edition": name in school}
        for name in default_edition().specialties
    ]


@app.get("/schema/request")
def request_schema_endpoint() -> dict[str, Any]:
    """The JSON Schema of what ``POST /evaluate`` accepts."""
    return request_schema()


@app.get("/schema/evaluation")
def evaluation_schema_endpoint() -> dict[str, Any]:
    """The JSON Schema of what ``POST /evaluate`` answers."""
    return evaluation_schema()
