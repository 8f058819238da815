"""docs/CONTRACT.md keeps up with the code: every environment variable the Swift services and the
DAGs read, every HTTP route a service registers, every Kafka topic and header name of
Shared/EventSchema must be named in it (in backticks). Everything is discovered from the source at
test time, so a new variable, route or topic fails here until the reference mentions it.

Routes are read from the Swift source: chains starting at `router` (or at a variable bound to
`router.group(...)`) of `.group("/prefix")`, `.add(middleware: ...)` and a final
`.get/.post/.put/.patch/.delete/.head("/path")` (or without a path: the group's own path).
`RouterPath(Page.member.path)` is resolved through the service's `case .member: return "/..."`.
A path that comes from configuration at run time (poller auth's callback, from
SPOTIFY_REDIRECT_URI) cannot be resolved and is left out. Path parameters are written
`{name}` in the reference (`:name` in Hummingbird).
"""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from airflow_checks import dag_variables
from platform_sources import REPO_ROOT, read_package, service_executables
from swift_environment import read_accessors, service_variables

CONTRACT = REPO_ROOT / "docs" / "CONTRACT.md"
OPERATIONAL_ROUTES = Path("Shared/ServiceRuntime/OperationalRoutes.swift")
EVENT_SCHEMA = Path("Shared/EventSchema")
HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head")
STRING = r'"((?:[^"\\]|\\.)*)"'


# ------------------------------------------------------------------ discovery


def _balanced(text: str, open_paren: int) -> tuple[str, int]:
    """The text inside the parentheses opening at `open_paren`, and the index after the closing one."""
    depth, i = 1, open_paren + 1
    while depth and i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return text[open_paren + 1:i - 1], i


def _chain(text: str, start: int):
    """(name, arguments or None) of each `.name(...)` call chained from `start`."""
    i = start
    while True:
        match = re.compile(r"\s*\.\s*([A-Za-z_]\w*)").match(text, i)
        if not match:
            return
        i = match.end()
        arguments = None
        paren = re.compile(r"\s*\(").match(text, i)
        if paren:
            arguments, i = _balanced(text, paren.end() - 1)
        yield match.group(1), arguments


def _normalise(path: str) -> str:
    path = re.sub(r":([A-Za-z_]\w*)", r"{\1}", path)
    path = re.sub(r"/+", "/", path)
    return path if path == "/" else path.rstrip("/") or "/"


def _path_argument(arguments: str | None, sources: str) -> str | None:
    """The literal path of a route call's first argument ("" when there is none, None when dynamic)."""
    if arguments is None or not arguments.strip():
        return ""
    literal = re.match(r"\s*(?:RouterPath\(\s*)?" + STRING, arguments)
    if literal:
        return literal.group(1)
    member = re.match(r"\s*RouterPath\(\s*[A-Z]\w*\.(\w+)\.path\s*\)", arguments)
    if member:
        case = re.search(r"case\s+\." + member.group(1) + r"\s*:\s*(?:return\s+)?" + STRING, sources)
        if case:
            return case.group(1)
    return None


def routes_in_sources(files: list[Path], root: Path = REPO_ROOT) -> dict:
    """"METHOD /path" -> "file:line" for the routes registered in `files`."""
    texts = {p: p.read_text() for p in files}
    everything = "\n".join(texts.values())
    found = {}
    for path, text in texts.items():
        roots = {"router": ""}
        for binding in re.finditer(r"\blet\s+(\w+)\s*=\s*router\b", text):
            prefix = ""
            for name, arguments in _chain(text, binding.end()):
                if name == "group":
                    prefix += _path_argument(arguments, everything) or ""
                elif name != "add":
                    break
            roots[binding.group(1)] = prefix
        for variable, base in roots.items():
            for use in re.finditer(r"\b" + variable + r"\b(?=\s*\.)", text):
                prefix = base
                for name, arguments in _chain(text, use.end()):
                    if name == "group":
                        part = _path_argument(arguments, everything)
                        if part is None:
                            break
                        prefix += part
                    elif name in HTTP_METHODS:
                        part = _path_argument(arguments, everything)
                        if part is not None:
                            line = text.count("\n", 0, use.start()) + 1
                            route = f"{name.upper()} {_normalise(prefix + part)}"
                            found.setdefault(route, f"{path.relative_to(root)}:{line}")
                        break
                    elif name != "add":
                        break
    return found


def service_routes(service_folder: str, root: Path = REPO_ROOT) -> dict:
    files = sorted(p for p in (root / service_folder).rglob("*.swift") if p.is_file())
    return routes_in_sources(files + [root / OPERATIONAL_ROUTES], root)


def event_schema_names(root: Path = REPO_ROOT) -> dict:
    """Kafka topic and header names declared in Shared/EventSchema -> where."""
    found = {}
    for path in sorted((root / EVENT_SCHEMA).rglob("*.swift")):
        text = path.read_text()
        spans = []
        topic_body = re.search(r"var\s+kafkaTopic\b[^{]*\{", text)
        if topic_body:
            open_at = topic_body.end() - 1
            depth, i = 0, open_at
            while i < len(text):
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
                if depth == 0:
                    break
            spans.append((open_at, i))
        for match in re.finditer(r"static\s+let\s+\w+\s*=\s*\"[a-z_]+\"", text):
            spans.append((match.start(), match.end()))
        # DeadLetter's headers: ("reason", reason), ("original_topic", originalTopic) ...
        for match in re.finditer(r"\(\s*\"([a-z_]+)\"\s*,\s*[a-zA-Z]+\s*\)", text):
            spans.append((match.start(), match.end()))
        for start, end in spans:
            for literal in re.finditer(r'"([a-z][a-z0-9_]*)"', text[start:end]):
                line = text.count("\n", 0, start + literal.start()) + 1
                found.setdefault(literal.group(1), f"{path.relative_to(root)}:{line}")
    return found


# ------------------------------------------------------------------ checks



def check_environment(reference: str, root: Path = REPO_ROOT) -> list:
    package = read_package(root)
    accessors = read_accessors(root)
    problems = []
    for product, target in sorted(service_executables(package).items()):
        folder = package.target_paths[target]
        for variable, use in sorted(service_variables(folder, root, accessors).items()):
            if f"`{variable}`" not in reference:
                problems.append(f"{product} reads {variable} ({use.places[0]}) but docs/CONTRACT.md does not name it")
    return problems


def check_dag_environment(reference: str, folder: Path | None = None) -> list:
    wanted = dag_variables(folder) if folder else dag_variables()
    return [f"the DAGs read {variable} ({place}) but docs/CONTRACT.md does not name it"
            for variable, place in sorted(wanted.items()) if f"`{variable}`" not in reference]


def check_routes(reference: str, root: Path = REPO_ROOT) -> list:
    package = read_package(root)
    problems = []
    for product, target in sorted(service_executables(package).items()):
        for route, place in sorted(service_routes(package.target_paths[target], root).items()):
            if f"`{route}`" not in reference:
                problems.append(f"{product} serves {route} ({place}) but docs/CONTRACT.md does not list `{route}`")
    return problems


def check_event_schema(reference: str, root: Path = REPO_ROOT) -> list:
    return [f"Shared/EventSchema names {name} ({place}) but docs/CONTRACT.md does not"
            for name, place in sorted(event_schema_names(root).items()) if f"`{name}`" not in reference]


@pytest.fixture(scope="module")
def reference():
    assert CONTRACT.is_file(), "docs/CONTRACT.md is missing"
    return CONTRACT.read_text()


# ------------------------------------------------------------------ the reference is current


def test_every_service_variable_is_documented(reference):
    assert check_environment(reference) == []


def test_every_dag_variable_is_documented(reference):
    assert check_dag_environment(reference) == []


def test_every_route_is_documented(reference):
    assert check_routes(reference) == []


def test_every_topic_and_header_is_documented(reference):
    assert check_event_schema(reference) == []


OLD_SPEC = "SPEC" + ".md"  # spelt apart, so that this file does not cite it


def check_citations(reference: str, files: dict) -> list:
    """Every comment cites docs/CONTRACT.md (a section that exists), not the spec it replaced."""
    sections = set(re.findall(r"^## (\d+)\. ", reference, re.M))
    problems = []
    for path, text in sorted(files.items()):
        for line_number, line in enumerate(text.splitlines(), 1):
            if OLD_SPEC in line:
                problems.append(f"{path}:{line_number} cites {OLD_SPEC}, which is not in the repository")
            for section in re.findall(r"docs/CONTRACT\.md §(\d+)", line):
                if section not in sections:
                    problems.append(f"{path}:{line_number} cites docs/CONTRACT.md §{section}, which has no such section")
    return problems


def _tracked_texts() -> dict:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True).stdout
    texts = {}
    for name in filter(None, listed.decode().split("\0")):
        path = REPO_ROOT / name
        if name == "docs/CONTRACT.md" or not path.is_file() or path.suffix in {".png", ".svg", ".parquet", ".json"}:
            continue
        try:
            texts[name] = path.read_text()
        except UnicodeDecodeError:
            continue
    return texts


def test_comments_cite_the_reference_in_the_repository(reference):
    texts = _tracked_texts()
    assert "Shared/EventSchema/EventTopics.swift" in texts
    assert check_citations(reference, texts) == []


def test_a_citation_of_the_old_spec_or_a_missing_section_is_named(reference):
    cite = "docs/CONTRACT.md " + "§"
    problems = check_citations(reference, {"a.swift": f"/// {OLD_SPEC}'s topics", "b.py": f"# {cite}9", "c.sh": f"# {cite}3"})
    assert problems == [f"a.swift:1 cites {OLD_SPEC}, which is not in the repository",
                        f"b.py:1 cites {cite}9, which has no such section"]


# ------------------------------------------------------------------ the discovery finds what is there


def test_route_discovery_sees_every_kind_of_registration():
    package = read_package()
    routes = {p: service_routes(package.target_paths[t]) for p, t in service_executables(package).items()}
    assert "POST /v1/events" in routes["ingest-service"]  # group prefix + path
    assert {"POST /v1/simulate", "GET /v1/simulate"} <= set(routes["ingest-service"])  # bound group, no path
    assert "POST /load" in routes["warehouse-loader"]  # empty group
    assert "GET /recommendations/{track_id}" in routes["recommender-api"]  # parameter normalised
    assert {"GET /", "GET /trends"} <= set(routes["dashboard"])  # RouterPath(DashboardPage.x.path)
    for service in routes.values():
        assert {"GET /health", "GET /ready", "GET /metrics"} <= set(service)


def test_topic_discovery_finds_the_topics():
    names = event_schema_names()
    assert {"user_plays", "user_skips", "user_likes", "now_playing", "events_dlq"} <= set(names)
    assert {"event_type", "schema_version", "reason", "source_service", "original_topic"} <= set(names)


# ------------------------------------------------------------------ the checks reject mistakes


def _assert_named(problems, *words):
    assert problems, "the check accepted a reference that falls behind the code"
    assert any(all(w in p for w in words) for p in problems), problems


def test_missing_service_variable_is_named(reference):
    broken = reference.replace("`LAKE_WRITER_FLUSH_EVENTS`", "LAKE_WRITER_FLUSH_EVENTS")
    _assert_named(check_environment(broken), "lake-writer", "LAKE_WRITER_FLUSH_EVENTS")


def test_missing_dag_variable_is_named(reference):
    broken = reference.replace("`ALERT_WEBHOOK_URL`", "the alert webhook")
    _assert_named(check_dag_environment(broken), "ALERT_WEBHOOK_URL")


def test_missing_route_is_named(reference):
    broken = reference.replace("`POST /cache/invalidate`", "POST cache invalidation")
    _assert_named(check_routes(broken), "recommender-api", "POST /cache/invalidate")


def test_missing_topic_is_named(reference):
    broken = reference.replace("`events_dlq`", "the dead-letter topic")
    _assert_named(check_event_schema(broken), "events_dlq")


def _copy_sources(tmp_path: Path) -> Path:
    shutil.copy(REPO_ROOT / "Package.swift", tmp_path / "Package.swift")
    for folder in ("Services", "Shared"):
        shutil.copytree(REPO_ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.c", "*.h", "*.md"))
    return tmp_path


def test_new_route_in_the_code_is_named(reference, tmp_path):
    root = _copy_sources(tmp_path)
    routes = root / "Services/lake-writer/LakeWriterRoutes.swift"
    text = routes.read_text()
    routes.write_text(text.replace('router.get("/status")', 'router.get("/partitions/:partition") { _, _ in "" }\n        router.get("/status")', 1))
    _assert_named(check_routes(reference, root), "lake-writer", "GET /partitions/{partition}")


def test_new_variable_in_the_code_is_named(reference, tmp_path):
    root = _copy_sources(tmp_path)
    configuration = root / "Services/dashboard/DashboardConfiguration.swift"
    text = configuration.read_text()
    configuration.write_text(text.replace(
        'try env.int("DASHBOARD_STATEMENT_TIMEOUT_MS"', 'try env.int("DASHBOARD_PAGE_SIZE", default: 10) + env.int("DASHBOARD_STATEMENT_TIMEOUT_MS"', 1))
    _assert_named(check_environment(reference, root), "dashboard", "DASHBOARD_PAGE_SIZE")


def test_new_topic_in_the_code_is_named(reference, tmp_path):
    root = _copy_sources(tmp_path)
    topics = root / "Shared/EventSchema/EventTopics.swift"
    topics.write_text(topics.read_text().replace(
        'public static let deadLetter = "events_dlq"',
        'public static let deadLetter = "events_dlq"\n    public static let retries = "events_retry"', 1))
    _assert_named(check_event_schema(reference, root), "events_retry")
