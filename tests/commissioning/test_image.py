"""The production image, proven without Docker (which does not run here): the Dockerfile's steps replayed in
an empty folder, and docker-compose.yml checked against the Compose Specification's schema.

The replay copies what each COPY copies, honouring .dockerignore, then runs the build's own steps on the copy:
the dependencies read from pyproject.toml, the project's wheel (`pip wheel --no-deps`, the image installs the
same build) and collectstatic. A file the build needs but the Dockerfile does not copy fails the suite, naming
the Dockerfile's line."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.apps import apps
from packaging.requirements import Requirement

from ..conftest import ROOT

# The Compose Specification's JSON schema, vendored: see tests/vendor/README.md.
COMPOSE_SCHEMA = ROOT / "tests" / "vendor" / "compose-spec.json"
APP_SERVICES = ("migrate", "web", "worker", "beat")


class ReplayError(AssertionError):
    pass


def instructions(dockerfile: str) -> list[tuple[int, str, str]]:
    """(line number, keyword, arguments) of each instruction; continuation lines joined."""
    found, pending, start = [], "", 0
    for number, line in enumerate(dockerfile.splitlines(), start=1):
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        found.append((start, keyword.upper(), arguments.strip()))
        pending = ""
    return found


def _pattern(rule: str) -> re.Pattern:
    """A .dockerignore rule as a regular expression over paths relative to the context (Go's filepath.Match,
    anchored at the root, with ** for any number of folders)."""
    parts = []
    for segment in rule.strip("/").split("/"):
        if segment == "**":
            parts.append("(?:[^/]+/)*")
            continue
        text = "".join(
            "[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in segment
        )  # fmt: skip
        parts.append(text + "/")
    return re.compile("".join(parts).removesuffix("/") + "$")


def ignore_rules(dockerignore: str) -> list[tuple[bool, re.Pattern]]:
    rules = []
    for line in dockerignore.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keep = line.startswith("!")
            rules.append((keep, _pattern(line.removeprefix("!").removeprefix("./"))))
    return rules


def ignored(relative: str, rules) -> bool:
    """Docker's rule: the last rule matching the path or one of its parent folders decides."""
    parents = relative.split("/")
    candidates = ["/".join(parents[: i + 1]) for i in range(len(parents))]
    verdict = False
    for keep, pattern in rules:
        if any(pattern.match(c) for c in candidates):
            verdict = not keep
    return verdict


def build_context(root: Path, rules) -> list[str]:
    """Every file of the build context that .dockerignore lets through, relative to the root."""
    files = []
    for folder, subfolders, names in os.walk(root):
        base = Path(folder).relative_to(root).as_posix()
        base = "" if base == "." else base + "/"
        subfolders[:] = [d for d in subfolders if not ignored(base + d, rules)]
        files += [base + n for n in names if not ignored(base + n, rules)]
    return files


def local_apps() -> set[str]:
    """The top-level packages of the apps this project installs (not third-party ones)."""
    tops = {c.name.partition(".")[0]: Path(c.path).resolve() for c in apps.get_app_configs()}
    # A folder of the checkout (not the virtualenv, which may live inside it).
    return {
        top
        for top, path in tops.items()
        if (ROOT / top).is_dir() and path.is_relative_to((ROOT / top).resolve())
    }


def _without_the_checkout(command: list[str]) -> list[str]:
    """Run a Python command in the replayed image with this checkout's editable install switched off, so a
    module the Dockerfile did not copy cannot be found in the checkout instead."""
    code = (
        "import runpy, sys; "
        "sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in getattr(f, '__module__', '')]; "
        f"sys.argv = {command[1:]!r}; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    return [sys.executable, "-c", code]


def replay(dockerfile: str, dockerignore: str, into: Path, context: Path = ROOT) -> Path:
    """Replay the Dockerfile's COPY and build steps into `into`; returns the image's working folder."""
    rules = ignore_rules(dockerignore)
    files = build_context(context, rules)
    image = into / "image"
    workdir = image
    env: dict[str, str] = {}
    for line, keyword, arguments in instructions(dockerfile):

        def fail(reason, line=line, keyword=keyword, arguments=arguments):
            raise ReplayError(f"Dockerfile line {line}: {keyword} {arguments[:120]}\n{reason}")

        if keyword == "WORKDIR":
            workdir = image / arguments.lstrip("/")
            workdir.mkdir(parents=True, exist_ok=True)
        elif keyword == "ENV":
            env |= dict(pair.split("=", 1) for pair in shlex.split(arguments))
        elif keyword == "COPY":
            *sources, destination = shlex.split(arguments)
            target = workdir / destination if not destination.startswith("/") else image / destination[1:]
            for source in sources:
                source = source.removeprefix("./").rstrip("/") or "."
                if source == ".":
                    chosen = [(f, f) for f in files]
                elif source in files:  # a file: into the folder named, or as the name given
                    into_folder = destination.endswith("/") or len(sources) > 1 or target.is_dir()
                    chosen = [(source, Path(source).name if into_folder else "")]
                else:  # a folder: its contents
                    chosen = [(f, f.removeprefix(source + "/")) for f in files if f.startswith(source + "/")]
                if not chosen:
                    fail(f"{source!r} is not in the build context (missing, or kept out by .dockerignore)")
                for relative, inside in chosen:
                    path = target / inside if inside else target
                    path.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(context / relative, path)
        elif keyword == "RUN":
            for step in arguments.split("&&"):
                _replay_run(step.strip(), workdir, env, into, fail)
    return workdir


def _isolation() -> list[str]:
    """pip builds the wheel with this virtualenv's setuptools when it meets pyproject's build-system (offline,
    and quicker); otherwise, as Docker's build does, in an isolated environment it downloads."""
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    for requirement in map(Requirement, requires):
        try:
            if not requirement.specifier.contains(metadata.version(requirement.name)):
                return []
        except metadata.PackageNotFoundError:
            return []
    return ["--no-build-isolation"]


def _replay_run(step: str, workdir: Path, env: dict, scratch: Path, fail):
    words = shlex.split(step)
    assignments = {}
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        key, _, value = words.pop(0).partition("=")
        assignments[key] = value
    project = (
        words[-1] if words[:2] == ["pip", "install"] and words[-2] not in ("-r", "--requirement") else ""
    )
    if project == "." or project.startswith(("./", "/")):
        # The image installs the project's own build: the same wheel, built from what was copied so far.
        wheels = scratch / "wheels"
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", *_isolation(), "-w", str(wheels), words[-1]],
            cwd=workdir, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            fail(done.stdout + done.stderr)
        [wheel] = wheels.glob("*.whl")
        packaged = {name.partition("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
        if missing := local_apps() - packaged:
            fail(f"the project's build leaves out the apps {sorted(missing)}")
    elif words[:2] == ["python", "-c"]:
        done = subprocess.run([sys.executable, "-c", words[2]], cwd=workdir, capture_output=True, text=True)
        if done.returncode:
            fail(done.stderr)
    elif words[:3] == ["python", "manage.py", "collectstatic"]:
        environment = {
            **os.environ, **env, **assignments,
            "VAR_DIR": str(scratch / "var"),
            # Fingerprinting still reads every file a stylesheet names; only the gzip and Brotli copies are
            # skipped (20 s).
            "STATIC_COMPRESS": "off",
        }  # fmt: skip
        for name in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "DJANGO_SETTINGS_MODULE"):
            environment.pop(name, None)
        done = subprocess.run(
            _without_the_checkout(words), cwd=workdir, env=environment,
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            fail(done.stdout[-3000:] + done.stderr[-3000:])
    # Other steps (apt-get, useradd, the pinned dependencies' install) need root and the network: the
    # dependencies they install are this virtualenv's own.


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


@pytest.fixture(scope="module")
def dockerignore():
    return (ROOT / ".dockerignore").read_text()


def test_the_dockerfile_replayed_builds_the_project_and_collects_its_static_files(
    dockerfile, dockerignore, tmp_path
):
    workdir = replay(dockerfile, dockerignore, tmp_path)

    assert (tmp_path / "var" / "staticfiles" / "staticfiles.json").exists()
    copied = {p.relative_to(workdir).parts[0] for p in workdir.iterdir()}
    assert local_apps() <= copied
    assert {"manage.py", "templates", "static"} <= copied
    # Kept out: the virtualenv, runtime files, version control, the tests and their output.
    assert not copied & {".venv", "var", ".git", ".env", "tests", "test-results", "node_modules"}
    assert not list(workdir.rglob("__pycache__"))


def test_the_replay_fails_on_a_dockerfile_that_leaves_an_app_out(dockerfile, dockerignore, tmp_path):
    """The Dockerfile as it was: each app copied by name, so the next app added was left out."""
    by_name = "\n".join(f"COPY {app} ./{app}" for app in sorted(local_apps() - {"delivery"}))
    old = dockerfile.replace("COPY . .", "COPY manage.py README.md ./\n" + by_name)
    line = next(n for n, keyword, args in instructions(old) if "--no-deps" in args)

    with pytest.raises(
        ReplayError, match=rf"(?s)Dockerfile line {line}: RUN pip install --no-deps.*'delivery'"
    ):
        replay(old, dockerignore, tmp_path)


def test_the_replay_fails_when_dockerignore_keeps_an_app_out(dockerfile, dockerignore, tmp_path):
    with pytest.raises(ReplayError, match="'meetings'"):
        replay(dockerfile, dockerignore + "\nmeetings\n", tmp_path)


def test_the_replay_names_a_copied_file_that_does_not_exist(dockerfile, dockerignore, tmp_path):
    broken = dockerfile.replace("COPY pyproject.toml ./", "COPY pyproject.toml requirements.txt ./")
    with pytest.raises(ReplayError, match=r"Dockerfile line \d+: COPY pyproject.toml requirements.txt"):
        replay(broken, dockerignore, tmp_path)


def test_the_dependencies_layer_reads_pyproject_alone(dockerfile):
    """The cached layer copies only pyproject.toml, and installs exactly its pinned dependencies."""
    steps = instructions(dockerfile)
    first_copy = next(i for i, (_, keyword, _) in enumerate(steps) if keyword == "COPY")
    assert steps[first_copy][2] == "pyproject.toml ./"
    run = steps[first_copy + 1][2]
    code = next(part for part in run.split("&&") if "tomllib" in part)
    printed = subprocess.run(
        [sys.executable, "-c", shlex.split(code)[2]], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    pinned = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert printed == pinned
    assert all("==" in requirement for requirement in pinned)


def test_the_image_runs_as_a_user_who_is_not_root(dockerfile):
    steps = instructions(dockerfile)
    users = [(i, args) for i, (_, keyword, args) in enumerate(steps) if keyword == "USER"]
    assert users and users[-1][1] not in {"root", "0"}
    assert all(keyword != "RUN" for _, keyword, _ in steps[users[-1][0] :])


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_docker_compose_validates_against_the_compose_specification(compose):
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    jsonschema.Draft201909Validator(schema).validate(compose)


def test_the_compose_schema_refuses_a_mistake():
    """The schema really checks: a misspelt key is refused (so the test above is not a formality)."""
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(schema).validate(
            {"services": {"web": {"image": "x", "comand": ["gunicorn"]}}}
        )


def test_web_worker_beat_and_migrate_run_the_one_image_built_here(compose):
    services = compose["services"]
    assert {(services[s].get("build"), services[s].get("image")) for s in APP_SERVICES} == {
        (".", "commissioning:latest")
    }
