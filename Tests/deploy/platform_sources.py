"""What the repository itself says: Package.swift's products and targets, git's ignore rules.

The deploy checks compare docker-compose.yml and the Dockerfiles against these facts, read at
test time, so a new service, target or C library cannot be forgotten in the container files.
"""
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SwiftPackage:
    executables: dict  # product name -> target name
    target_paths: dict  # target name -> path relative to the repository
    system_libraries: dict  # target name -> pkg-config name or None


def read_package(root: Path = REPO_ROOT) -> SwiftPackage:
    text = (root / "Package.swift").read_text()
    executables = dict(re.findall(r'\.executable\(\s*name:\s*"([^"]+)"\s*,\s*targets:\s*\["([^"]+)"\]', text))
    target_paths = {}
    system_libraries = {}
    for kind, body in _target_declarations(text):
        name = re.search(r'name:\s*"([^"]+)"', body)
        path = re.search(r'path:\s*"([^"]+)"', body)
        if not name:
            continue
        if path:
            target_paths[name.group(1)] = path.group(1)
        if kind == "systemLibrary":
            pkg = re.search(r'pkgConfig:\s*"([^"]+)"', body)
            system_libraries[name.group(1)] = pkg.group(1) if pkg else None
    return SwiftPackage(executables, target_paths, system_libraries)


def _target_declarations(text: str):
    """(kind, argument text) of every `.target(`, `.executableTarget(`, `.testTarget(`, `.systemLibrary(`."""
    for match in re.finditer(r"\.(target|executableTarget|testTarget|systemLibrary)\(", text):
        depth, start = 1, match.end()
        i = start
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        yield match.group(1), text[start:i - 1]


def service_executables(package: SwiftPackage) -> dict:
    """The deployable services: executables whose target lives under Services/ (not the benchmark)."""
    return {
        product: target for product, target in package.executables.items()
        if package.target_paths.get(target, "").startswith("Services/")
    }


def git_ignored(paths, root: Path = REPO_ROOT) -> set:
    """Which of `paths` (relative) git ignores: a fresh clone, like CI's, would not have them."""
    paths = [str(p) for p in paths]
    if not paths:
        return set()
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=root, input="\n".join(paths),
        capture_output=True, text=True,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"git check-ignore failed: {result.stderr.strip()}")
    return {line.strip() for line in result.stdout.splitlines() if line.strip()}
