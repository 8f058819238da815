"""The environment variables each Swift service reads, discovered from its source at test time.

How a service reads a variable (Shared/ServiceRuntime/ServiceEnvironment.swift):
- named accessors, `env.int("LAKE_WRITER_FLUSH_EVENTS", default: ...)`: the accessors are the
  methods of ServiceEnvironment whose first parameter is `_ name: String`;
- fixed accessors, `env.kafkaBrokers()`: methods without a name parameter, mapped to the
  variable their body names (`kafkaBrokers` → `KAFKA_BROKERS`, `port` → `PORT`);
- plain dictionary reads in shared code, `environment["S3_REGION"]`, `value("S3_ENDPOINT")`,
  `getenv("X")`.
A variable is *required* when its accessor throws on a missing value (`value: nil`, or it calls
`required(`) and the call site gives no `default:`.

Shared/ files count for a service when the service's code reaches them: a Shared file is reached
when a name it declares (type, extension or free function) occurs in code already reached,
starting from Services/<service>/.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

from platform_sources import REPO_ROOT

ENVIRONMENT_FILE = Path("Shared/ServiceRuntime/ServiceEnvironment.swift")
VARIABLE = r"[A-Z][A-Z0-9_]*"
IDENTIFIER = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
# Types anywhere, functions only at the top level: members are reached through their type, and
# member names (`value`, `read`) are too common to mean the file is used.
DECLARATION = re.compile(
    r"\b(?:struct|enum|class|actor|protocol|typealias)\s+([A-Za-z_][A-Za-z0-9_]*)"
    r"|^(?:(?:public|internal|package|fileprivate|private|@\w+)\s+)*func\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.MULTILINE,
)
RAW_READS = [
    re.compile(r'(?:environment|values|env|processInfo\.environment)\[\s*"(' + VARIABLE + r')"\s*\]'),
    re.compile(r'\bgetenv\(\s*"(' + VARIABLE + r')"\s*\)'),
    re.compile(r'\bvalue\(\s*"(' + VARIABLE + r')"\s*\)'),
]


@dataclass(frozen=True)
class Accessor:
    name: str
    variable: str | None  # fixed accessors only
    throws_when_missing: bool


@dataclass
class VariableUse:
    required: bool = False
    places: list = field(default_factory=list)  # "path:line"


def _body_of(text: str, start: int) -> str:
    """The text of the brace block that begins at or after `start`."""
    open_at = text.index("{", start)
    depth, i = 0, open_at
    while i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            break
    return text[open_at:i]


def read_accessors(root: Path = REPO_ROOT) -> dict:
    """ServiceEnvironment's accessors by method name."""
    text = (root / ENVIRONMENT_FILE).read_text()
    accessors = {}
    for match in re.finditer(r"\bfunc\s+([a-zA-Z]+)\s*(?:<[^>]*>)?\(([^)]*)\)", text):
        name, parameters = match.group(1), match.group(2)
        body = _body_of(text, match.end())
        throws = "value: nil" in body or re.search(r"\brequired\(", body) is not None
        if re.match(r"\s*_\s+name\s*:\s*String", parameters):
            accessors[name] = Accessor(name, None, throws)
        else:
            literal = re.search(r'"(' + VARIABLE + r')"', body)
            if literal:
                accessors[name] = Accessor(name, literal.group(1), throws)
    return accessors


def _call_arguments(text: str, open_paren: int) -> str:
    depth, i = 1, open_paren + 1
    while depth and i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return text[open_paren + 1:i - 1]


def variables_in_source(text: str, accessors: dict, path: str = "<source>") -> dict:
    """Variables one Swift source reads: name -> VariableUse."""
    found: dict = {}

    def note(variable, required, offset):
        use = found.setdefault(variable, VariableUse())
        use.required = use.required or required
        use.places.append(f"{path}:{text.count(chr(10), 0, offset) + 1}")

    names = "|".join(sorted(accessors, key=len, reverse=True))
    for match in re.finditer(r"\.(" + names + r")\(", text):
        accessor = accessors[match.group(1)]
        arguments = _call_arguments(text, match.end() - 1)
        has_default = re.search(r"\bdefault\s*:", arguments) is not None
        if accessor.variable is None:
            literal = re.match(r'\s*"(' + VARIABLE + r')"', arguments)
            if not literal:
                continue
            variable = literal.group(1)
        else:
            variable = accessor.variable
        note(variable, accessor.throws_when_missing and not has_default, match.start())
    for pattern in RAW_READS:
        for match in pattern.finditer(text):
            note(match.group(1), False, match.start())
    return found


def _swift_files(folder: Path):
    return sorted(p for p in folder.rglob("*.swift") if p.is_file())


def service_variables(service_folder: str, root: Path = REPO_ROOT, accessors: dict | None = None) -> dict:
    """Every variable the service in `service_folder` (e.g. Services/lake-writer) can read."""
    accessors = accessors if accessors is not None else read_accessors(root)
    shared = [p for p in _swift_files(root / "Shared") if p.relative_to(root) != ENVIRONMENT_FILE]
    declared = {p: {a or b for a, b in DECLARATION.findall(p.read_text())} for p in shared}
    reached = _swift_files(root / service_folder)
    tokens = set()
    for p in reached:
        tokens |= set(IDENTIFIER.findall(p.read_text()))
    pending = set(shared)
    grew = True
    while grew:
        grew = False
        for p in sorted(pending):
            if declared[p] & tokens:
                pending.discard(p)
                reached.append(p)
                tokens |= set(IDENTIFIER.findall(p.read_text()))
                grew = True
    variables: dict = {}
    for p in reached:
        for name, use in variables_in_source(p.read_text(), accessors, str(p.relative_to(root))).items():
            merged = variables.setdefault(name, VariableUse())
            merged.required = merged.required or use.required
            merged.places.extend(use.places)
    return variables


def default_port(service_folder: str, root: Path = REPO_ROOT) -> int | None:
    """The port the service listens on without PORT: its `port(default: N)` call."""
    for p in _swift_files(root / service_folder):
        match = re.search(r"\.port\(\s*default\s*:\s*(\d+)\s*\)", p.read_text())
        if match:
            return int(match.group(1))
    return None
