"""The docs' runnable parts: the tutorial notebook, the FastAPI how-to's app, the API page."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import step2score

DOCS = Path(__file__).parents[1] / "docs"


# ---------------------------------------------------------------------------------------------
# The tutorial: a MyST markdown notebook, executed as Jupyter executes it


def code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def cell_running(notebook: Any, code: str) -> Any:
    """The one code cell whose source contains ``code``."""
    found = [cell for cell in code_cells(notebook) if code in cell.source]
    assert len(found) == 1, f"{len(found)} cells run {code!r}"
    return found[0]


def mime_types(cell: Any) -> set[str]:
    return {mime for output in cell.outputs for mime in output.get("data", {})}


@pytest.fixture(scope="module")
def tutorial() -> Any:
    """The tutorial notebook, read with myst-nb's own reader and executed by nbclient in docs/."""
    myst_read = importlib.import_module("myst_nb.core.read")  # required by the test extra: a failure fails the gate
    nbclient = importlib.import_module("nbclient")
    notebook = myst_read.read_myst_markdown_notebook((DOCS / "tutorial.md").read_text(encoding="utf-8"))
    client = nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()
    return notebook


def test_the_tutorial_runs_without_errors(tutorial: Any) -> None:
    errors = [output for cell in code_cells(tutorial) for output in cell.outputs if output.output_type == "error"]
    assert errors == []
    assert all(cell.outputs for cell in code_cells(tutorial)), "every cell of the tutorial shows something"


def test_the_evaluation_cell_shows_html(tutorial: Any) -> None:
    cell = cell_running(tutorial, 'ev = evaluate(247, taken_on="2025-09-15")\nev')
    assert "text/html" in mime_types(cell)
    html = "".join(output["data"]["text/html"] for output in cell.outputs if "text/html" in output.get("data", {}))
    assert "247" in html
    assert "218" in html


def test_the_tables_show_html(tutorial: Any) -> None:
    for code in ("benchmark_editions()[0].to_frame()", "table.head()", "import data_status"):
        assert "text/html" in mime_types(cell_running(tutorial, code)), code


@pytest.mark.parametrize("code", ["plot_cohort(results)", "plot_evaluation(img)"])
def test_the_plot_cells_show_an_image(tutorial: Any, code: str) -> None:
    types = mime_types(cell_running(tutorial, code))
    assert types & {"image/png", "image/svg+xml"}, types


def test_the_tutorial_links_the_provenance_page() -> None:
    assert "{doc}`provenance`" in (DOCS / "tutorial.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The FastAPI how-to: docs/examples/web_app.py, run with its test client


@pytest.fixture(scope="module")
def web_app() -> ModuleType:
    importlib.import_module("fastapi")  # required by the test extra: a failure fails the gate
    spec = importlib.util.spec_from_file_location("web_app", DOCS / "examples" / "web_app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client(web_app: ModuleType) -> Iterator[Any]:
    with warnings.catch_warnings():
        # Starlette asks for httpx2 instead of httpx; the client works the same with either.
        warnings.filterwarnings("ignore", message=".*install `httpx2` instead", category=UserWarning)
        from fastapi.testclient import TestClient  # noqa: PLC0415

    with TestClient(web_app.app) as test_client:
        yield test_client


def test_a_good_request_gets_the_evaluation(client: Any) -> None:
    request = {"score": 241, "taken_on": "2025-09-15", "specialty": "derm", "applicant": "non-us-img"}
    response = client.post("/evaluate", json=request)
    assert response.status_code == 200
    body = response.json()
    assert (body["score"], body["passed"], body["standard"]["minimum"]) == (241, True, 218)
    assert body["edition"] == "Charting Outcomes 2026, non-U.S. IMGs"
    assert body["figures_group"] == "non-us-img"
    assert body["benchmark"]["value"] is None  # suppressed by NRMP: never filled from another group
    assert body["target"]["low"] == 268
    assert body["target"]["basis"] == "suppressed"
    assert body["schema_version"] == step2score.SCHEMA_VERSION


def test_the_response_validates_against_the_schema_the_app_serves(client: Any) -> None:
    jsonschema = importlib.import_module("jsonschema")
    body = client.post("/evaluate", json={"score": 212, "taken_on": "2025-09-15", "specialty": "IM"}).json()
    schema = client.get("/schema/evaluation").json()
    jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_endpoints_serve_the_shipped_schemas(client: Any) -> None:
    from step2score.serialization import evaluation_schema, request_schema  # noqa: PLC0415

    request = client.get("/schema/request")
    assert request.status_code == 200
    assert request.json() == request_schema()
    assert request.json()["required"] == ["score"]
    evaluation = client.get("/schema/evaluation")
    assert evaluation.status_code == 200
    assert evaluation.json() == evaluation_schema()


def test_the_request_schema_accepts_what_the_app_accepts(client: Any) -> None:
    jsonschema = importlib.import_module("jsonschema")
    request = {"score": 241, "taken_on": "2025-09-15", "specialty": "derm", "program_tier": "top"}
    jsonschema.validate(request, client.get("/schema/request").json(), cls=jsonschema.Draft202012Validator)
    assert client.post("/evaluate", json=request).status_code == 200


def error_of(client: Any, request: object, path: str = "/evaluate") -> dict[str, Any]:
    """Post a bad request; it must answer 400 with a JSON body naming the error."""
    response = client.post(path, json=request)
    assert response.status_code == 400, response.text
    body: dict[str, Any] = response.json()
    assert set(body) >= {"type", "message"}
    assert set(body) <= {"type", "message", "field", "rule", "value", "suggestions"}
    return body


def test_a_score_of_the_wrong_type_is_a_400_not_a_500(client: Any) -> None:
    body = error_of(client, {"score": "abc"})
    assert body["type"] == "InvalidTypeError"
    assert "'abc'" in body["message"]
    assert (body["field"], body["value"], body["rule"]) == ("score", "'abc'", "an integer")  # a form can mark the field


def test_a_score_off_the_scale_is_a_400(client: Any) -> None:
    body = error_of(client, {"score": 301})
    assert body["type"] == "InvalidScoreError"
    assert body["message"] == "score must be an integer from 1 to 300, got 301"
    assert body["field"] == "score"


@pytest.mark.parametrize("request_body", [[241], {"score": 241, "bogus": 1}, {"score": 241, "applicant": "alien"}])
def test_a_malformed_request_is_a_400(client: Any, request_body: object) -> None:
    assert error_of(client, request_body)["type"] in {"InvalidTypeError", "InvalidValueError"}


def test_a_body_that_is_not_json_is_a_400(client: Any) -> None:
    response = client.post("/evaluate", content=b"score=241", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["type"] == "NotJSONError"


def test_an_unknown_specialty_is_a_400_with_suggestions(client: Any) -> None:
    body = error_of(client, {"score": 241, "specialty": "dermatolgy"})
    assert body["type"] == "UnknownSpecialtyError"
    assert "'dermatolgy'" in body["message"]
    assert "Dermatology" in body.get("suggestions", []) or "did you mean 'Dermatology'" in body["message"]


@pytest.mark.parametrize("specialty", ["Urology", "uro", "Ophthalmology", "ophtho"])
def test_a_specialty_outside_the_match_is_a_400(client: Any, specialty: str) -> None:
    body = error_of(client, {"score": 241, "specialty": specialty})
    assert body["type"] == "OutsideMatchError"
    assert "Match" in body["message"]
    assert "suggestions" not in body or body["suggestions"] == []


def test_a_date_before_the_first_standard_is_a_400(client: Any) -> None:
    body = error_of(client, {"score": 241, "taken_on": "2001-01-01"})
    assert body["type"] == "NoStandardError"
    assert "2001-01-01" in body["message"]


def test_a_bad_date_is_a_400(client: Any) -> None:
    assert error_of(client, {"score": 241, "taken_on": "15/09/2025"})["type"] in {
        "InvalidValueError",
        "InvalidTypeError",
    }


def test_the_error_body_carries_the_machine_readable_attributes(web_app: ModuleType) -> None:
    """Whatever field, rule, value and suggestions an error has go into the body, JSON-safe."""
    error = step2score.UnknownSpecialtyError(
        "unknown specialty 'dermatolgy'", field="specialty", value="dermatolgy", suggestions=("Dermatology",)
    )
    assert web_app.error_body(error) == {
        "type": "UnknownSpecialtyError",
        "message": "unknown specialty 'dermatolgy'",
        "field": "specialty",
        "value": "'dermatolgy'",  # the error contract's bounded repr of the value
        "suggestions": ["Dermatology"],
    }


def test_the_specialties_endpoint_feeds_a_dropdown(client: Any) -> None:
    response = client.get("/specialties")
    assert response.status_code == 200
    options = {option["name"]: option for option in response.json()}
    assert set(options) == set(step2score.default_edition().specialties)
    assert "derm" in options["Dermatology"]["aliases"]
    assert options["Dermatology"]["in_school_edition"] is True
    assert options["Anesthesiology"]["in_school_edition"] is False


def test_the_school_edition_is_loaded_at_startup_and_used(client: Any, web_app: ModuleType) -> None:
    assert web_app.SCHOOL_EDITION.name == "Our school 2025"
    response = client.post("/school/evaluate", json={"score": 248, "taken_on": "2025-09-15", "specialty": "Urology"})
    assert response.status_code == 200
    body = response.json()
    assert (body["edition"], body["benchmark"]["value"], body["gap"]) == ("Our school 2025", 251, 3)


def test_the_school_endpoint_refuses_a_specialty_it_has_no_figure_for(client: Any) -> None:
    body = error_of(client, {"score": 248, "taken_on": "2025-09-15", "specialty": "anesthesiology"}, "/school/evaluate")
    assert body["type"] == "SpecialtyNotInEditionError"


def test_the_how_to_includes_the_app_it_tests() -> None:
    page = (DOCS / "howto" / "web_app.rst").read_text(encoding="utf-8")
    assert ".. literalinclude:: ../examples/web_app.py" in page


# ---------------------------------------------------------------------------------------------
# The API page


def test_the_api_page_documents_every_public_name() -> None:
    page = (DOCS / "api.rst").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. (?:auto\w+|py:data|data)::\s+(\w+)", page, flags=re.MULTILINE))
    missing = sorted(set(step2score.__all__) - documented - {"__version__"})
    assert missing == []


def test_the_constants_are_documented_with_their_meaning() -> None:
    """A constant shows what it means, not the help of str, int or tuple."""
    page = (DOCS / "api.rst").read_text(encoding="utf-8")
    for name in (n for n in step2score.__all__ if n.isupper()):
        assert f".. autodata:: {name}" not in page or ":no-value:" in page, name
        match = re.search(rf"^\.\. (?:py:)?data:: {name}\n(?:   :.*\n)*\n   (\S.*)", page, flags=re.MULTILINE)
        assert match is not None, f"{name} has no description of its own"


def test_sys_path_is_left_alone() -> None:
    assert str(DOCS / "examples") not in sys.path


# ---------------------------------------------------------------------------------------------
# The provenance page: sources as numbered references


def load_docs_extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location("step2score_docs", DOCS / "_ext" / "step2score_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_source_is_one_numbered_reference_with_its_urls_and_confidences() -> None:
    references = load_docs_extension().References()
    first = references.cite("USMLE  Announcements", "https://a.example ; https://b.example", "official")
    again = references.cite("USMLE Announcements", "https://a.example ; https://b.example", "secondary")
    other = references.cite("Another source", "https://c.example")
    assert (first, again, other) == (
        ":ref:`[1] <provenance-ref-1>`",
        ":ref:`[1] <provenance-ref-1>`",
        ":ref:`[2] <provenance-ref-2>`",
    )
    table = "\n".join(references.table())
    assert table.count(".. _provenance-ref-") == 2
    assert "`https://a.example <https://a.example>`__ `https://b.example <https://b.example>`__" in table
    assert "official / secondary" in table
