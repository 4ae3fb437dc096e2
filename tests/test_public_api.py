import ast
import importlib
import importlib.metadata
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs

import step2score

SOURCE = Path(step2score.__file__).parent
#: The floors of the house (DESIGN.md): a module may import only from its own floor or below.
FLOORS = {
    "errors": 0, "_validate": 0, "sources": 0, "_data": 0, "score": 0, "_version": 0, "_lazy": 0,
    "rules": 1, "specialty_names": 1, "standards": 1, "tiers": 1, "norms": 1, "measurement": 1, "rates": 1, "benchmarks": 1, "applicants": 1,
    "targets": 2, "policies": 2, "advice": 2,
    "_serde": 3, "display": 3, "status": 3,
    "evaluation": 4,
    "frame": 5, "serialization": 5, "plot": 5, "_figure": 5, "cli": 6, "__main__": 7, "__init__": 8,
}  # fmt: skip


def test_all_is_sorted_and_every_name_resolves() -> None:
    names = [n for n in step2score.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in names:
        value = getattr(step2score, name)
        home = step2score._HOMES[name]
        assert getattr(importlib.import_module(home), name) is value
    assert set(step2score._HOMES) | {"__version__"} == set(step2score.__all__)


def test_version_comes_from_the_package_metadata() -> None:
    assert step2score.__version__ == importlib.metadata.version("step2score")


def test_unknown_names_raise_attribute_error() -> None:
    try:
        _ = getattr(step2score, "no_such_name")  # noqa: B009 - type checkers rightly refuse the attribute
    except AttributeError as error:
        assert "no attribute 'no_such_name'" in str(error)
    else:
        raise AssertionError


def test_pandas_and_matplotlib_are_imported_only_when_used() -> None:
    code = (
        "import sys; from step2score import evaluate, evaluate_frame, plot_evaluation; evaluate(247); "
        "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules and 'numpy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter


def runtime_imports(tree: ast.AST) -> list[ast.ImportFrom | ast.Import]:
    """The import statements that run at run time (not under ``if TYPE_CHECKING:``)."""
    found: list[ast.ImportFrom | ast.Import] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            found += [n for child in node.orelse for n in runtime_imports(child)]
            continue
        if isinstance(node, ast.ImportFrom | ast.Import):
            found.append(node)
        found += runtime_imports(node)
    return found


def test_no_module_imports_upward() -> None:
    """No module imports, at run time, a module of a higher floor (type-checking imports excepted).

    A module loaded when first read (``LazyModule("step2score.x")``) counts as an import.
    """
    for path in sorted(SOURCE.glob("*.py")):
        module = path.stem
        assert module in FLOORS, f"{module}.py has no floor in this test"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = [target for node in runtime_imports(tree) for target in imported_modules(node)]
        for target in targets + lazy_modules(tree):
            assert FLOORS[target] <= FLOORS[module], (
                f"{module} (floor {FLOORS[module]}) imports {target} (floor {FLOORS[target]})"
            )


def lazy_modules(tree: ast.AST) -> list[str]:
    """The step2score modules a module loads by name: ``LazyModule("step2score.x")``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "LazyModule" and node.args:
            name = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            if isinstance(name, str) and name.startswith("step2score."):
                found.append(name.split(".")[1])
    return found


def test_the_floor_check_sees_modules_loaded_by_name() -> None:
    tree = ast.parse('from step2score._lazy import LazyModule\nplot = LazyModule("step2score.plot")')
    assert lazy_modules(tree) == ["plot"]


def test_a_first_evaluation_loads_only_what_it_needs() -> None:
    """A score with no specialty and no attempts loads neither targets, rates nor attempt policies."""
    code = (
        "import sys; from step2score import evaluate; evaluate(247); "
        "loaded = {'step2score.targets', 'step2score.rates', 'step2score.policies'} & set(sys.modules); "
        "assert not loaded, loaded; evaluate(247, specialty='IM', attempts_used=1); "
        "assert {'step2score.targets', 'step2score.rates', 'step2score.policies'} <= set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own interpreter


def imported_modules(node: ast.ImportFrom | ast.Import) -> list[str]:
    """The step2score modules an import statement loads.

    ``from step2score.x import ...``, ``from step2score import x`` and ``import step2score.x`` all count.
    """
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("step2score.")]
    if node.module == "step2score":
        return [alias.name for alias in node.names if alias.name in FLOORS]
    if node.module and node.module.startswith("step2score."):
        return [node.module.split(".")[1]]
    return []


def public_callables() -> list[tuple[str, object]]:
    """Every public function, class (errors aside) and public method, by dotted name."""
    found: list[tuple[str, object]] = []
    for name in step2score.__all__:
        obj = getattr(step2score, name, None)
        if inspect.isfunction(obj):
            found.append((name, obj))
        elif inspect.isclass(obj) and not issubclass(obj, Exception):
            found.append((name, obj))
            for attribute, member in vars(obj).items():
                if attribute.startswith("_"):
                    continue
                function = member.__func__ if isinstance(member, classmethod | staticmethod) else member
                if inspect.isfunction(function):
                    found.append((f"{name}.{attribute}", function))
    return found


def test_every_public_callable_has_a_runnable_example() -> None:
    """Every public function, class and method shows a >>> example (run as a doctest in CI)."""
    missing = [name for name, obj in public_callables() if ">>>" not in (inspect.getdoc(obj) or "")]
    assert missing == []


def test_the_readme_example_runs() -> None:
    """The README's example is a doctest too."""
    import doctest  # noqa: PLC0415

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python\n")[1].split("```")[0]
    test = doctest.DocTestParser().get_doctest(example, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert runner.summarize(verbose=False).attempted == 5


def test_a_misspelt_name_fails_the_type_checker(tmp_path: Path) -> None:
    """`from step2score import evaulate` is a mypy error: the lazy names are visible, and none hides behind Any."""
    user = tmp_path / "user.py"
    user.write_text("from step2score import evaulate\nfrom step2score import evaluate\n", encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "mypy", "--strict", str(user)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(SOURCE.parent)},
        cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 1, result.stdout
    assert 'Module "step2score" has no attribute "evaulate"' in result.stdout
    assert "user.py:2" not in result.stdout


def test_every_value_object_has_a_short_repr() -> None:
    """A notebook user sees a line or two, never a wall of nested sources."""
    ev = step2score.evaluate(
        245, taken_on="2026-06-01", specialty="derm", applicant="img", program_tier="top", attempts_used=1
    )
    values = [
        ev,
        ev.standard,
        ev.tier_scheme,
        ev.profile,
        ev.benchmark,
        ev.position,
        ev.target,
        ev.comparisons[0],
        ev.percentile,
        ev.score_band,
        ev.percentile_band,
        ev.match_rate,
        step2score.evaluate(250, specialty="IM", applicant="img").specialty_match_rate,
        ev.attempts,
        ev.next_steps[0],
        ev.standard.source,
        step2score.default_edition(),
        step2score.default_standards(),
        step2score.default_norm_table(),
        step2score.normal_approximation("2024-25"),
        step2score.default_sem(),
        step2score.compare_scores(233, 250),
        step2score.data_status(),
        step2score.data_status()[0],
        step2score.pass_rates()[0],
        step2score.board_outcome_study(),
    ]
    for value in values:
        assert len(repr(value)) <= 320, repr(value)


def _value_classes_with_field_repr() -> list[type]:
    from step2score._validate import field_repr  # noqa: PLC0415

    return [
        getattr(step2score, name)
        for name in step2score.__all__
        if isinstance(getattr(step2score, name), type)
        and getattr(step2score, name).__dict__.get("__repr__") is field_repr
    ]


def test_the_shared_repr_writes_what_attrs_would_generate() -> None:
    """Law: for every value class sharing ``field_repr``, the repr equals attrs' own generated repr of the same fields."""
    ev = step2score.evaluate(
        222, taken_on="2025-09-15", specialty="IM", applicant="us-img", program_tier="top", attempts_used=1
    )
    assert ev.target is not None
    assert ev.attempts is not None
    samples: list[Any] = [
        ev.standard,
        ev.tier_scheme,
        ev.profile,
        ev.position,
        ev.target.parts[0],
        ev.percentile,
        ev.score_band,
        ev.match_rate,
        step2score.evaluate(250, specialty="IM", applicant="img").specialty_match_rate,
        ev.attempts,
        ev.attempts.policy,
        ev.board_odds,
        ev.next_steps[0],
        step2score.normal_approximation("2024-25"),
        step2score.default_sem(),
        step2score.compare_scores(233, 250),
        step2score.compare_scores(233, 250).convention,
        step2score.pass_rates()[0],
        step2score.board_outcome_study(),
        step2score.default_target_policy(),
        step2score.licensure_deadline("2025-09-15"),
        step2score.exam_changes()[0],
    ]
    classes = _value_classes_with_field_repr()
    assert len(classes) == 22
    assert {type(sample) for sample in samples} == set(classes)
    for sample in samples:
        kind: Any = type(sample)
        twin_class = attrs.make_class(
            kind.__name__, {f.name: attrs.field(repr=f.repr) for f in attrs.fields(kind)}, frozen=True
        )
        twin: Any = object.__new__(twin_class)
        for f in attrs.fields(kind):
            object.__setattr__(twin, f.name, getattr(sample, f.name))
        assert repr(sample) == repr(twin)


def test_every_public_annotation_resolves() -> None:
    """typing.get_type_hints works on every public class and callable (as attrs, cattrs or autodoc use it).

    Only the optional extras' types (pandas, matplotlib) may stay unresolved when the extra is not imported.
    """
    import typing  # noqa: PLC0415

    for name, obj in public_callables():
        try:
            typing.get_type_hints(obj)
        except NameError as error:
            assert error.name in {"pd", "Figure", "np", "NDArray"}, f"{name}: {error}"
