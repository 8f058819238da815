"""The README's layout table ("| folder | what it holds |") names every shared library and test
folder that exists, and nothing that does not: the table is how a newcomer finds their way."""
import re

from platform_sources import REPO_ROOT


def layout_rows(readme: str) -> list:
    table = readme.split("| folder | what it holds |", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", table, re.M)


def check_layout(rows: list, root=REPO_ROOT) -> list:
    problems = [f"the layout table names {row}, which does not exist"
                for row in rows if "<" not in row and not (root / row.rstrip("/")).exists()]
    for library in sorted(p for p in (root / "Shared").iterdir() if p.is_dir()):
        name = f"Shared/{library.name}"
        if not any(row.rstrip("/") == name for row in rows):
            problems.append(f"{name} is missing from the layout table")
    return problems


def test_the_layout_table_matches_the_tree():
    rows = layout_rows((REPO_ROOT / "README.md").read_text())
    assert "Shared/Lake" in rows and "Services/<name>/" in rows
    assert check_layout(rows) == []


def test_a_missing_or_stale_row_is_named():
    rows = layout_rows((REPO_ROOT / "README.md").read_text())
    without_lake = [r for r in rows if r != "Shared/Lake"] + ["Shared/Gone"]
    assert check_layout(without_lake) == [
        "the layout table names Shared/Gone, which does not exist",
        "Shared/Lake is missing from the layout table",
    ]
