"""Checks of docker-compose.yml that need no Docker engine.

Each `check_*` function takes a `ComposeProject` (the raw YAML, and the same data with variables
interpolated the way Compose does) and returns a list of problems in words: empty means fine.
The tests run them on the real file and on deliberately broken copies.
"""
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import yaml

from platform_sources import REPO_ROOT, git_ignored, read_package, service_executables
from swift_environment import default_port, read_accessors, service_variables

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
ENV_EXAMPLE = REPO_ROOT / ".env.example"
SCHEMA_FILE = Path(__file__).with_name("compose-spec.json")
ONE_SHOT_LABEL = ("platform.role", "one-shot")
LONG_RUNNING_RESTART = {"always", "unless-stopped"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY$|FERNET")
# Where infrastructure images listen inside the network (Swift services: their PORT).
INFRA_PORTS = {"postgres": 5432, "redis": 6379, "minio/minio": 9000}


# ------------------------------------------------------------------ interpolation (Compose rules)

INTERPOLATION = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<braced>[^}]*)\}|(?P<named>[A-Za-z_][A-Za-z0-9_]*)|(?P<invalid>))")
BRACED = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:-|-|:\?|\?|:\+|\+)(?P<arg>.*))?$", re.DOTALL)


@dataclass
class Reference:
    name: str
    op: str | None
    where: str


def interpolate(value: str, environment: dict, where: str = "", references: list | None = None) -> str:
    """`value` with ${VAR}, ${VAR:-default}, $$ ... replaced as Compose does."""
    def replace(match):
        if match.group("escaped"):
            return "$"
        if match.group("invalid") is not None and match.group("braced") is None and match.group("named") is None:
            raise ValueError(f"{where}: a lone '$' (write '$$' for a literal dollar sign)")
        if match.group("named"):
            name, op, arg = match.group("named"), None, None
        else:
            parsed = BRACED.match(match.group("braced"))
            if not parsed:
                raise ValueError(f"{where}: invalid interpolation ${{{match.group('braced')}}}")
            name, op, arg = parsed.group("name"), parsed.group("op"), parsed.group("arg")
        if references is not None:
            references.append(Reference(name, op, where))
        current = environment.get(name)
        if op == ":-":
            return current if current else interpolate(arg, environment, where, references)
        if op == "-":
            return current if current is not None else interpolate(arg, environment, where, references)
        if op in (":?", "?"):
            if (op == ":?" and not current) or current is None:
                raise ValueError(f"{where}: {name} is required ({arg})")
            return current
        if op == ":+":
            return interpolate(arg, environment, where, references) if current else ""
        if op == "+":
            return interpolate(arg, environment, where, references) if current is not None else ""
        return current or ""

    return INTERPOLATION.sub(replace, value)


def interpolate_tree(node, environment: dict, references: list, where: str = ""):
    if isinstance(node, dict):
        return {key: interpolate_tree(value, environment, references, f"{where}.{key}") for key, value in node.items()}
    if isinstance(node, list):
        return [interpolate_tree(value, environment, references, f"{where}[{i}]") for i, value in enumerate(node)]
    if isinstance(node, str):
        return interpolate(node, environment, where.lstrip("."), references)
    return node


def read_env_file(path: Path) -> dict:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


# ------------------------------------------------------------------ the project

@dataclass
class ComposeProject:
    raw: dict
    environment: dict = field(default_factory=dict)
    root: Path = REPO_ROOT
    data: dict = field(init=False)
    references: list = field(init=False)
    interpolation_errors: list = field(init=False)

    def __post_init__(self):
        self.references = []
        self.interpolation_errors = []
        try:
            self.data = interpolate_tree(self.raw, self.environment, self.references)
        except ValueError as error:
            self.interpolation_errors.append(str(error))
            self.data = copy.deepcopy(self.raw)

    @property
    def services(self) -> dict:
        return self.data.get("services") or {}

    def mutated(self, change) -> "ComposeProject":
        """A copy of the raw file changed by `change(raw)`: how the tests break things on purpose."""
        raw = copy.deepcopy(self.raw)
        change(raw)
        return ComposeProject(raw, dict(self.environment), self.root)


def load_project(environment: dict | None = None, path: Path = COMPOSE_FILE) -> ComposeProject:
    return ComposeProject(yaml.safe_load(path.read_text()), environment or {}, path.parent)


def environment_of(service: dict) -> dict:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: (None if value is None else str(value)) for key, value in env.items()}


def labels_of(service: dict) -> dict:
    labels = service.get("labels") or {}
    if isinstance(labels, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in labels)
    return {key: str(value) for key, value in labels.items()}


def depends_on(service: dict) -> dict:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def one_shots(project: ComposeProject) -> set:
    """Containers that run to completion: labelled so, or awaited with service_completed_successfully."""
    result = {name for name, s in project.services.items() if labels_of(s).get(ONE_SHOT_LABEL[0]) == ONE_SHOT_LABEL[1]}
    for service in project.services.values():
        result |= {name for name, condition in depends_on(service).items() if condition == "service_completed_successfully"}
    return result


def swift_service_of(service: dict, built_images: dict) -> str | None:
    """Which Swift executable a compose service runs: its SERVICE build argument or its image."""
    build = service.get("build")
    if isinstance(build, dict):
        args = build.get("args") or {}
        if isinstance(args, list):
            args = dict(item.split("=", 1) for item in args if "=" in item)
        if "SERVICE" in args:
            return str(args["SERVICE"])
    return built_images.get(service.get("image"))


def swift_services(project: ComposeProject) -> dict:
    """compose service name -> Swift executable, for every container running a Swift service."""
    built = {}
    for service in project.services.values():
        name = swift_service_of(service, {})
        if name and service.get("image"):
            built[service["image"]] = name
    return {n: s for n, svc in project.services.items() if (s := swift_service_of(svc, built))}


def host_port_bindings(service: dict):
    """(host address, host port, container port) of each published port."""
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            yield entry.get("host_ip", "0.0.0.0"), str(entry.get("published", "")), str(entry.get("target"))
            continue
        parts = str(entry).split("/")[0].split(":")
        if len(parts) == 3:
            yield parts[0], parts[1], parts[2]
        elif len(parts) == 2:
            yield "0.0.0.0", parts[0], parts[1]
        else:
            yield "0.0.0.0", "", parts[0]


# ------------------------------------------------------------------ checks

def check_schema(project: ComposeProject) -> list:
    schema = json.loads(SCHEMA_FILE.read_text())
    validator = jsonschema.Draft7Validator(schema)
    problems = [f"schema: {'/'.join(map(str, e.absolute_path)) or '<top>'}: {e.message}"
                for e in sorted(validator.iter_errors(project.data), key=lambda e: list(map(str, e.absolute_path)))]
    if not project.services:
        problems.append("schema: no services")
    return problems


def check_interpolation(project: ComposeProject, documented: set) -> list:
    """Works with no .env: every variable has a default; every variable is in .env.example."""
    problems = list(project.interpolation_errors)
    for ref in project.references:
        if ref.op not in (":-", "-"):
            problems.append(f"{ref.where}: ${{{ref.name}}} has no default, so `docker compose up` without a .env "
                            f"would get an empty value (write ${{{ref.name}:-default}})")
        if ref.name not in documented:
            problems.append(f"{ref.where}: {ref.name} is not documented in .env.example")
    return problems


def check_images_and_builds(project: ComposeProject) -> list:
    problems = []
    for name, service in project.services.items():
        image, build = service.get("image"), service.get("build")
        if not image and not build:
            problems.append(f"{name}: neither image nor build")
        if build:
            context = build if isinstance(build, str) else build.get("context", ".")
            context_dir = (project.root / context).resolve()
            if not context_dir.is_dir():
                problems.append(f"{name}: build context {context} does not exist")
            elif isinstance(build, dict) and build.get("dockerfile"):
                dockerfile = context_dir / build["dockerfile"]
                if not dockerfile.is_file():
                    problems.append(f"{name}: Dockerfile {build['dockerfile']} does not exist in {context}")
        if image:
            problems += [f"{name}: {p}" for p in image_pin_problems(image, built=bool(build))]
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith((".", "/")):
                path = (project.root / source).resolve()
                if not path.exists():
                    problems.append(f"{name}: bind-mounted {source} does not exist")
                elif str(path).startswith(str(project.root)) and git_ignored([path.relative_to(project.root)], project.root):
                    problems.append(f"{name}: bind-mounted {source} is ignored by git (a fresh clone lacks it)")
    return problems


def image_pin_problems(image: str, built: bool = False) -> list:
    """An image reference must name a fixed version: a tag other than latest (or a digest)."""
    if "@sha256:" in image:
        return []
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return [f"image {image} has no tag (it would mean latest)"]
    tag = last.split(":", 1)[1]
    if tag in ("", "latest"):
        return [f"image {image} is not pinned (tag {tag or 'empty'})"]
    if not built and not re.search(r"\d", tag):
        return [f"image {image}: tag {tag} names no version"]
    return []


def check_restart_and_health(project: ComposeProject) -> list:
    problems = []
    shots = one_shots(project)
    for name, service in project.services.items():
        restart = service.get("restart")
        health = service.get("healthcheck") or {}
        if restart is None:
            problems.append(f"{name}: no restart policy")
        if name in shots:
            if restart in LONG_RUNNING_RESTART:
                problems.append(f"{name}: a one-shot with restart '{restart}' would run again and again")
            if labels_of(service).get(ONE_SHOT_LABEL[0]) != ONE_SHOT_LABEL[1]:
                problems.append(f"{name}: a one-shot without the label {ONE_SHOT_LABEL[0]}: {ONE_SHOT_LABEL[1]}")
            continue
        if restart is not None and restart not in LONG_RUNNING_RESTART and not str(restart).startswith("on-failure"):
            problems.append(f"{name}: a long-running container with restart '{restart}'")
        if not health.get("test") or health.get("disable") or health.get("test") == ["NONE"]:
            problems.append(f"{name}: a long-running container without a health check")
    return problems


def check_dependencies(project: ComposeProject) -> list:
    problems = []
    shots = one_shots(project)
    services = project.services
    for name, service in services.items():
        for target, condition in depends_on(service).items():
            if target not in services:
                problems.append(f"{name}: depends on unknown service {target}")
                continue
            if condition == "service_healthy" and not (services[target].get("healthcheck") or {}).get("test"):
                problems.append(f"{name}: waits for {target} to be healthy, but {target} has no health check")
            if condition == "service_completed_successfully" and target not in shots:
                problems.append(f"{name}: waits for {target} to complete, but {target} is not a one-shot")
            if condition == "service_started" and target not in shots:
                problems.append(f"{name}: depends on {target} without waiting for it to be healthy")
    # No cycles: Compose would refuse to start.
    state = {}

    def visit(node, path):
        if state.get(node) == "done":
            return
        if state.get(node) == "active":
            problems.append(f"dependency cycle: {' -> '.join(path + [node])}")
            return
        state[node] = "active"
        for target in depends_on(services.get(node, {})):
            if target in services:
                visit(target, path + [node])
        state[node] = "done"

    for name in services:
        visit(name, [])
    return problems


def check_ports_and_names(project: ComposeProject, package=None) -> list:
    problems = []
    seen_ports, seen_names = {}, {}
    package = package or read_package(project.root)
    swift = swift_services(project)
    for name, service in project.services.items():
        container_name = service.get("container_name")
        if container_name:
            if container_name in seen_names:
                problems.append(f"{name}: container_name {container_name} is also {seen_names[container_name]}'s")
            seen_names[container_name] = name
        for address, host, target in host_port_bindings(service):
            if host:
                # Two bindings of one host port clash on the same address, or when either takes all.
                for (other_address, other_host), other in seen_ports.items():
                    if other_host == host and (address == other_address or "0.0.0.0" in (address, other_address)):
                        problems.append(f"{name}: host port {host} is also published by {other}")
                seen_ports[(address, host)] = name
            if name in swift and name not in one_shots(project):
                port = environment_of(service).get("PORT")
                if port != target:
                    problems.append(f"{name}: publishes container port {target} but listens on PORT={port}")
                spec_port = default_port(package.target_paths[service_executables(package)[swift[name]]], project.root)
                if host and spec_port and host != str(spec_port):
                    problems.append(f"{name}: host port {host} is not its SPEC port {spec_port}")
        if name in swift and name not in one_shots(project):
            port = environment_of(service).get("PORT")
            test = " ".join(map(str, (service.get("healthcheck") or {}).get("test") or []))
            if port and f":{port}/" not in test:
                problems.append(f"{name}: the health check does not ask the service's own port {port}")
    return problems


def check_volumes(project: ComposeProject) -> list:
    declared = set((project.data.get("volumes") or {}).keys())
    used = set()
    for service in project.services.values():
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source and not source.startswith((".", "/", "~")):
                used.add(source)
    problems = [f"volume {v} is used but not declared" for v in sorted(used - declared)]
    problems += [f"volume {v} is declared but never used" for v in sorted(declared - used)]
    return problems


# Variables a service reads only as alternatives to ones the container may set instead
# (docs/CONTRACT.md, section 3): the AWS credential chain stops at the first source configured, so
# with the key pair set (compose's MinIO keys, long-lived) the later sources and the session token
# are never needed; the SDKs' region and endpoint variables carry the same setting as the
# project's S3_REGION and S3_ENDPOINT aliases.
_CHAIN_AFTER_KEYS = ["AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
                     "AWS_ENDPOINT_URL_STS", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                     "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                     "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED"]
ALTERNATIVES = {
    **{variable: ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") for variable in _CHAIN_AFTER_KEYS},
    "AWS_REGION": ("S3_REGION",), "AWS_DEFAULT_REGION": ("S3_REGION",),
    "AWS_ENDPOINT_URL_S3": ("S3_ENDPOINT",), "AWS_ENDPOINT_URL": ("S3_ENDPOINT",),
}


def check_swift_services(project: ComposeProject, package=None, accessors=None) -> list:
    """Each of the six services runs, and gets every variable its code reads."""
    package = package or read_package(project.root)
    accessors = accessors if accessors is not None else read_accessors(project.root)
    executables = service_executables(package)
    swift = swift_services(project)
    shots = one_shots(project)
    problems = []
    for executable in sorted(set(executables) - {s for n, s in swift.items() if n not in shots}):
        problems.append(f"no long-running container runs {executable}")
    for name, executable in sorted(swift.items()):
        if executable not in executables:
            problems.append(f"{name}: SERVICE={executable} is not an executable of Package.swift")
            continue
        folder = package.target_paths[executables[executable]]
        provided = environment_of(project.services[name])
        for variable, use in sorted(service_variables(folder, project.root, accessors).items()):
            if name in shots and not use.required:
                continue  # a one-shot runs a subcommand: it needs what is required, not the tuning
            if variable not in provided and not (variable in ALTERNATIVES and all(provided.get(v) for v in ALTERNATIVES[variable])):
                problems.append(f"{name}: {executable} reads {variable} ({use.places[0]}) but the container does not set it")
            elif use.required and not provided[variable]:
                problems.append(f"{name}: {variable} is required by {executable} ({use.places[0]}) but empty")
    return problems


def check_internal_urls(project: ComposeProject) -> list:
    """URLs and broker lists in the environment point at a service of this file, on the port it listens on."""
    problems = []
    services = project.services
    listening = {}
    for name, service in services.items():
        env = environment_of(service)
        if env.get("PORT"):
            listening[name] = {int(env["PORT"])}
        image = str(service.get("image", ""))
        for prefix, port in INFRA_PORTS.items():
            if image.startswith(prefix + ":"):
                listening[name] = {port}
        if image.startswith("apache/kafka:"):
            advertised = env.get("KAFKA_ADVERTISED_LISTENERS", "")
            listening[name] = {int(p) for h, p in re.findall(r"//([^:,]+):(\d+)", advertised) if h == name}
    for name, service in services.items():
        for variable, value in environment_of(service).items():
            if not value:
                continue
            targets = []
            if variable == "KAFKA_BROKERS":
                targets = [tuple(b.strip().rsplit(":", 1)) for b in value.split(",")]
            elif re.match(r"^(https?|postgres(ql)?|redis)://", value) and not variable.startswith("KAFKA_"):
                parts = urlsplit(value.replace("postgresql+psycopg2://", "postgresql://"))
                if parts.hostname:
                    default = {"http": 80, "https": 443, "postgresql": 5432, "postgres": 5432, "redis": 6379}[parts.scheme]
                    targets = [(parts.hostname, str(parts.port or default))]
            for host, port in targets:
                if host in ("localhost", "127.0.0.1"):
                    problems.append(f"{name}: {variable}={value} points at the container itself")
                elif "." in host:
                    continue  # outside this file (api.spotify.com, AWS)
                elif host not in services:
                    problems.append(f"{name}: {variable} names {host}, which is no service of this file")
                elif host in listening and int(port) not in listening[host]:
                    problems.append(f"{name}: {variable} uses {host}:{port}, but {host} listens on {sorted(listening[host])}")
    return problems


def check_env_example(path: Path = ENV_EXAMPLE) -> list:
    """.env.example holds no secrets: secret-looking variables are left empty."""
    problems = []
    for name, value in read_env_file(path).items():
        if SECRET_NAME.search(name) and value:
            problems.append(f".env.example: {name} has a value; leave secrets empty there")
    return problems


def check_lake_bucket(project: ComposeProject, policy_file: Path) -> list:
    """The bucket of LAKE_URI is created by the one-shot and is the one the lake policy grants."""
    problems = []
    buckets = {urlsplit(environment_of(s).get("LAKE_URI", "")).hostname
               for s in project.services.values() if environment_of(s).get("LAKE_URI", "").startswith("s3://")}
    commands = " ".join(json.dumps(s.get("command")) for s in project.services.values())
    resources = json.dumps(json.loads(policy_file.read_text()))
    for bucket in sorted(b for b in buckets if b):
        if f"mb --ignore-existing local/{bucket}" not in commands:
            problems.append(f"bucket {bucket} of LAKE_URI is not created by any one-shot")
        if f"arn:aws:s3:::{bucket}" not in resources:
            problems.append(f"bucket {bucket} of LAKE_URI is not granted by {policy_file.name}")
    if len(buckets) > 1:
        problems.append(f"services disagree on the lake bucket: {sorted(buckets)}")
    return problems
