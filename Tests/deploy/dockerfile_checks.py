"""Checks of the Dockerfiles that need no Docker engine: a small parser of the instructions, the
build context's .dockerignore rules, and checks against what the repository says.

Each `check_*` returns a list of problems in words (empty means fine).
"""
import fnmatch
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from compose_checks import image_pin_problems
from platform_sources import REPO_ROOT, git_ignored

SERVICE_DOCKERFILE = REPO_ROOT / "deploy" / "Dockerfile"
AIRFLOW_DOCKERFILE = REPO_ROOT / "deploy" / "airflow" / "Dockerfile"

# Package.swift's system libraries → (Debian -dev package for the build, runtime package).
# librdkafka is built from source (Debian 12's 2.0.2 is too old), so it has no packages here.
SYSTEM_LIBRARY_PACKAGES = {
    "CRdKafka": None,
    "CLibPQ": ("libpq-dev", "libpq5"),
    "CHiredis": ("libhiredis-dev", "libhiredis0.14"),
    "CCurl": ("libcurl4-openssl-dev", "libcurl4"),
    "CSnappy": ("libsnappy-dev", "libsnappy1v5"),
    "CZstd": ("libzstd-dev", "libzstd1"),
    "CZlib": ("zlib1g-dev", "zlib1g"),
}
MINIMUM_LIBRDKAFKA = (2, 2)


@dataclass
class Instruction:
    keyword: str
    arguments: str
    line: int


@dataclass
class Stage:
    image: str
    name: str | None
    instructions: list = field(default_factory=list)

    def of(self, keyword: str) -> list:
        return [i for i in self.instructions if i.keyword == keyword]

    def apt_packages(self) -> set:
        packages = set()
        for run in self.of("RUN"):
            for match in re.finditer(r"apt-get\s+install\b(.*?)(?:&&|;|\|\||$)", run.arguments, re.DOTALL):
                packages |= {t for t in match.group(1).split() if not t.startswith("-") and t != "\\"}
        return packages


@dataclass
class Dockerfile:
    path: Path
    global_args: dict
    stages: list

    @property
    def final(self) -> Stage:
        return self.stages[-1]


def parse_instructions(text: str) -> list:
    """Instructions with continuation lines joined and comments dropped, as BuildKit reads them."""
    instructions, buffer, start = [], "", 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and buffer):
            continue
        if not stripped:
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        keyword, _, arguments = buffer.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
        buffer = ""
    if buffer:
        keyword, _, arguments = buffer.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
    return instructions


def substitute(value: str, args: dict) -> str:
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)",
                  lambda m: args.get(m.group(1) or m.group(2), ""), value)


def parse_dockerfile(path: Path, text: str | None = None) -> Dockerfile:
    text = path.read_text() if text is None else text
    global_args, stages = {}, []
    for instruction in parse_instructions(text):
        if instruction.keyword == "FROM":
            words = instruction.arguments.split()
            words = [w for w in words if not w.startswith("--platform")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(substitute(words[0], global_args), name))
        elif not stages:
            if instruction.keyword == "ARG":
                key, _, default = instruction.arguments.partition("=")
                global_args[key.strip()] = default.strip().strip('"')
        else:
            stages[-1].instructions.append(instruction)
    return Dockerfile(path, global_args, stages)


def copy_parts(instruction: Instruction):
    """(flags, sources, destination) of a COPY or ADD."""
    arguments = instruction.arguments
    flags = {}
    words = shlex.split(arguments) if not arguments.lstrip().startswith("[") else None
    if words is None:
        flag_text, _, json_text = arguments.partition("[")
        for flag in flag_text.split():
            key, _, value = flag.lstrip("-").partition("=")
            flags[key] = value
        words = json.loads("[" + json_text)
    else:
        while words and words[0].startswith("--"):
            key, _, value = words.pop(0)[2:].partition("=")
            flags[key] = value
    return flags, words[:-1], words[-1]


# ------------------------------------------------------------------ .dockerignore

def read_dockerignore(context: Path) -> list:
    path = context / ".dockerignore"
    if not path.exists():
        return []
    patterns = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


def _pattern_regex(pattern: str) -> re.Pattern:
    pattern = pattern.strip("/")
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + "$")


def dockerignored(relative: str, patterns: list) -> bool:
    """Whether .dockerignore leaves `relative` (or a folder holding it) out; the last match wins."""
    parts = relative.strip("/").split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _pattern_regex(pattern[1:] if negated else pattern)
        if any(regex.match(c) for c in candidates):
            excluded = not negated
    return excluded


def context_files(context: Path, source: str, patterns: list) -> list:
    """Files a COPY source brings into the image: existing, not ignored by .dockerignore or git."""
    matches = sorted(context.glob(source)) if any(c in source for c in "*?[") else [context / source]
    files = []
    for match in matches:
        if not match.exists():
            continue
        found = [p for p in ([match] if match.is_file() else match.rglob("*")) if p.is_file()]
        files += [p for p in found if not dockerignored(str(p.relative_to(context)), patterns)]
    if not files:
        return []
    ignored = git_ignored([f.relative_to(context) for f in files], context)
    return [f for f in files if str(f.relative_to(context)) not in ignored]


# ------------------------------------------------------------------ checks

def check_stages_and_bases(dockerfile: Dockerfile, minimum_stages: int = 1) -> list:
    problems = []
    names = set()
    if len(dockerfile.stages) < minimum_stages:
        problems.append(f"{dockerfile.path.name}: {len(dockerfile.stages)} stage(s), expected at least {minimum_stages}")
    for stage in dockerfile.stages:
        if stage.image not in names:
            problems += [f"{dockerfile.path.name}: FROM {p}" for p in image_pin_problems(stage.image)]
        if stage.name:
            names.add(stage.name)
    return problems


def check_non_root(dockerfile: Dockerfile) -> list:
    users = dockerfile.final.of("USER")
    if not users:
        return [f"{dockerfile.path.name}: the final stage runs as root (no USER)"]
    user = users[-1].arguments.split(":")[0]
    if user in ("root", "0"):
        return [f"{dockerfile.path.name}: the final stage runs as {user}"]
    return []


def check_copy_sources(dockerfile: Dockerfile, context: Path = REPO_ROOT) -> list:
    problems = []
    patterns = read_dockerignore(context)
    earlier = set()
    for stage in dockerfile.stages:
        for instruction in stage.of("COPY") + stage.of("ADD"):
            flags, sources, _ = copy_parts(instruction)
            if "from" in flags:
                if flags["from"] not in earlier:
                    problems += [f"{dockerfile.path.name}:{instruction.line}: COPY --from={flags['from']}: {p}"
                                 for p in image_pin_problems(flags["from"])] or []
                    if ":" not in flags["from"]:
                        problems.append(f"{dockerfile.path.name}:{instruction.line}: COPY --from={flags['from']} names no earlier stage")
                continue
            for source in sources:
                if not context_files(context, source, patterns):
                    problems.append(f"{dockerfile.path.name}:{instruction.line}: COPY {source}: nothing in the build "
                                    "context (missing, or left out by .dockerignore or .gitignore)")
        if stage.name:
            earlier.add(stage.name)
    return problems


def build_stage(dockerfile: Dockerfile) -> Stage:
    """The stage that runs `swift build`."""
    for stage in dockerfile.stages:
        if any("swift build" in run.arguments for run in stage.of("RUN")):
            return stage
    raise AssertionError(f"{dockerfile.path.name}: no stage runs swift build")


def check_package_sources_copied(dockerfile: Dockerfile, package) -> list:
    """Every target folder of Package.swift is copied into the build stage (SwiftPM needs them all)."""
    copied = []
    for instruction in build_stage(dockerfile).of("COPY"):
        flags, sources, _ = copy_parts(instruction)
        if "from" not in flags:
            copied += [s.rstrip("/") for s in sources]
    problems = []
    for target, path in sorted(package.target_paths.items()):
        if not any(path == c or path.startswith(c + "/") for c in copied):
            problems.append(f"{dockerfile.path.name}: target {target} ({path}) is not copied into the build stage")
    if not any(fnmatch.fnmatch("Package.swift", c) for c in copied):
        problems.append(f"{dockerfile.path.name}: Package.swift is not copied into the build stage")
    return problems


def check_system_libraries(dockerfile: Dockerfile, package) -> list:
    """Each C library of Package.swift: its -dev package to build, its shared library to run."""
    problems = []
    build_packages = build_stage(dockerfile).apt_packages()
    runtime_packages = dockerfile.final.apt_packages()
    for library in sorted(package.system_libraries):
        if library not in SYSTEM_LIBRARY_PACKAGES:
            problems.append(f"{library} is new in Package.swift: add its Debian packages to deploy/Dockerfile "
                            "and to SYSTEM_LIBRARY_PACKAGES in Tests/deploy/dockerfile_checks.py")
            continue
        packages = SYSTEM_LIBRARY_PACKAGES[library]
        if packages is None:
            continue
        dev, runtime = packages
        if dev not in build_packages:
            problems.append(f"{dockerfile.path.name}: the build stage does not install {dev} (for {library})")
        if runtime not in runtime_packages:
            problems.append(f"{dockerfile.path.name}: the runtime stage does not install {runtime} (for {library})")
    return problems


def check_librdkafka(dockerfile: Dockerfile) -> list:
    """librdkafka is built from source at a version >= 2.2 and shipped to the runtime stage."""
    problems = []
    versions = [re.search(r"LIBRDKAFKA_VERSION=([0-9][^\s]*)", i.arguments)
                for s in dockerfile.stages for i in s.of("ARG")]
    versions = [v.group(1) for v in versions if v]
    if not versions:
        return [f"{dockerfile.path.name}: no ARG LIBRDKAFKA_VERSION=<version>"]
    numbers = tuple(int(n) for n in re.findall(r"\d+", versions[0])[:2])
    if numbers < MINIMUM_LIBRDKAFKA:
        problems.append(f"{dockerfile.path.name}: librdkafka {versions[0]} is older than 2.2")
    if not any("librdkafka" in (copy_parts(i)[1] or [""])[0] for i in dockerfile.final.of("COPY")):
        problems.append(f"{dockerfile.path.name}: the runtime stage does not copy the built librdkafka")
    return problems


def check_service_names(dockerfile: Dockerfile, services: set) -> list:
    """The SERVICE guard lists exactly the deployable executables, and the build stage builds each."""
    text = " ".join(run.arguments for stage in dockerfile.stages for run in stage.of("RUN"))
    match = re.search(r'case\s+"\$\{?SERVICE\}?"\s+in\s+([a-z|\-]+)\)', text)
    if not match:
        return [f"{dockerfile.path.name}: no `case \"${{SERVICE}}\" in a|b|...)` guard in the build stage"]
    listed = set(match.group(1).split("|"))
    problems = [f"{dockerfile.path.name}: SERVICE guard lacks {s}" for s in sorted(services - listed)]
    problems += [f"{dockerfile.path.name}: SERVICE guard names {s}, which Package.swift does not build" for s in sorted(listed - services)]
    built = re.search(r'SERVICES="([a-z\- ]+)"', " ".join(a.arguments for a in build_stage(dockerfile).of("ARG")))
    built = set(built.group(1).split()) if built else set()
    problems += [f"{dockerfile.path.name}: the build stage's SERVICES does not build {s}" for s in sorted(services - built)]
    return problems


def check_runtime_has(dockerfile: Dockerfile, commands: set) -> list:
    """Programs the compose health checks run inside the image are installed in the runtime stage."""
    packages = dockerfile.final.apt_packages()
    return [f"{dockerfile.path.name}: health checks run {c}, which the runtime stage does not install"
            for c in sorted(commands - packages)]


def requirement_pins(text: str) -> dict:
    """`name==1.2.3` / `name~=1.2.0` lines or quoted specs → {name: spec}."""
    pins = {}
    for match in re.finditer(r'"?([A-Za-z0-9_.\-\[\]]+)\s*((?:==|~=|>=)\s*[0-9][0-9A-Za-z.*]*)"?', text):
        pins[match.group(1).lower()] = match.group(2).replace(" ", "")
    return pins


def check_airflow_image(dockerfile: Dockerfile, requirements: Path, install_script: Path) -> list:
    """The Airflow base image is the version airflow/requirements.txt pins; dbt is deploy/stack's dbt."""
    problems = []
    base = dockerfile.stages[0].image
    tag = base.rsplit(":", 1)[-1]
    if requirements.exists():
        pinned = requirement_pins(requirements.read_text()).get("apache-airflow")
        if pinned and not tag.startswith(pinned.lstrip("=~>") + "-") and tag != pinned.lstrip("=~>"):
            problems.append(f"{dockerfile.path.name}: FROM {base} but {requirements.name} pins apache-airflow{pinned}")
    install = requirement_pins(install_script.read_text())
    image = requirement_pins(" ".join(r.arguments for r in dockerfile.final.of("RUN")))
    for name in ("dbt-core", "dbt-postgres"):
        if name not in image:
            problems.append(f"{dockerfile.path.name}: does not install {name}")
        elif install.get(name) != image[name]:
            problems.append(f"{dockerfile.path.name}: {name}{image[name]} but deploy/stack installs {name}{install.get(name)}")
    return problems
