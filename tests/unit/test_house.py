"""The house rules, checked on the code itself (docs/architecture.md explains them)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cemworkshop"
PAGES = ROOT / "pages"


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_domain_package_imports_no_streamlit():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0].startswith("streamlit")
        )
        for path in PACKAGE.rglob("*.py")
        if path.name != "__main__.py"  # the launcher starts Streamlit, nothing else does
    }
    assert {p: m for p, m in offenders.items() if m} == {}
    assert len(offenders) > 25


def test_metrics_and_charts_touch_neither_streamlit_nor_the_database():
    for folder in ("metrics", "charts"):
        for path in (PACKAGE / folder).glob("*.py"):
            bad = {
                m
                for m in imported_modules(path)
                if m.split(".")[0] in ("streamlit", "sqlite3", "sqlite_utils")
                or m in ("cemworkshop.store", "cemworkshop.schema")
            }
            assert bad == set(), path


def test_only_the_store_opens_sqlite():
    openers = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "sqlite3.connect(" in path.read_text(encoding="utf-8")
    ]
    assert openers == ["cemworkshop/store.py"]


def test_pages_write_no_sql_and_import_no_database():
    for path in [ROOT / "app.py", *PAGES.rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert ".execute(" not in text, path
        assert not {"sqlite3", "sqlite_utils", "cemworkshop.store"} & imported_modules(path), path


def test_no_page_file_is_over_300_lines_and_every_step_section_has_render():
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in PAGES.rglob("*.py")
    }
    assert {p: n for p, n in sizes.items() if n > 300} == {}
    from pages import step1, step2

    for step in (step1, step2):
        for key, render in step.SECTIONS.items():
            assert render.__name__ == "render", key
            assert render.__module__ == f"{step.__name__}.{key}", key


def test_page_paths_are_written_once_in_navigation():
    for path in [ROOT / "app.py", *PAGES.rglob("*.py")]:
        if path.name == "navigation.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert '"pages/' not in text, path


def test_no_round_kind_is_told_apart_by_an_if_chain():
    names = ("touchpoint_scoring", "competitor_scoring", "five_rules", "ideas", "dot_vote")
    for path in [*PACKAGE.rglob("*.py"), *PAGES.rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in names for c in node.comparators
            ):
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno} compares a kind name")
