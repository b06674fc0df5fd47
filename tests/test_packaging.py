"""The wheel carries everything the app needs: a wheel install migrates and serves."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from mgt_assistant.paths import PROJECT_ROOT

SHIPPED_FOLDERS = ("templates", "static", "rules")
NOT_SOURCES = (".git", ".venv", "var", "build", "*.egg-info", "__pycache__", ".*_cache", "docs")
# `make install` puts uv beside the interpreter; it builds and installs like pip, faster.
UV = Path(sys.executable).parent / "uv"


def _installer(*pip_words: str) -> list[str]:
    """The command for ``pip <pip_words>``, through uv where the environment has it."""
    if UV.exists():
        return [str(UV), "pip", *pip_words, "--python", sys.executable]
    return [sys.executable, "-m", "pip", *pip_words]


def _tracked(folder: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", folder], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in listed.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel once (no dependencies), from a copy of the checkout."""
    out = tmp_path_factory.mktemp("wheel")
    # setuptools writes build/ next to the sources: keep that out of the checkout.
    source = tmp_path_factory.mktemp("source") / "project"
    shutil.copytree(PROJECT_ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    if UV.exists():
        build = [str(UV), "build", "--wheel", "--quiet", "--out-dir", str(out), "."]
    else:
        build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), "."]
    subprocess.run(build, cwd=source, capture_output=True, check=True)
    (built,) = out.glob("mgt_assistant-*.whl")
    return built


def test_wheel_holds_every_module_template_static_file_and_rule(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"mgt_assistant/{path}" for folder in SHIPPED_FOLDERS for path in _tracked(folder)}
    expected |= {
        path
        for path in _tracked("mgt_assistant")
        if path.endswith((".py", ".mako", ".json")) and "__pycache__" not in path
    }
    missing = sorted(expected - names)
    assert missing == [], f"saknas i hjulet (lägg till i pyproject.toml): {missing[:10]}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status), response.read().decode("utf-8")


def test_wheel_install_migrates_and_serves_login(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        _installer("install", "--quiet", "--no-deps", "--target", str(target), str(wheel)),
        capture_output=True,
        check=True,
    )
    work = tmp_path / "work"
    work.mkdir()
    port = _free_port()
    # The dependencies come from this environment; the app itself only from the wheel,
    # run outside the checkout so that nothing is found through the source tree.
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "MGT_DEMO": "1",
        "MGT_DATABASE_URL": f"sqlite:///{work / 'mgt.sqlite3'}",
        "MGT_PORT": str(port),
    }
    env.pop("MGT_RULES_DIR", None)
    command = [sys.executable, "-m", "mgt_assistant"]
    where = subprocess.run(
        [sys.executable, "-c", "import mgt_assistant; print(mgt_assistant.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target)), where.stdout
    subprocess.run([*command, "db", "upgrade"], cwd=work, env=env, capture_output=True, check=True)
    # The needs reader's lexicon and its second opinion's model are read from the wheel too.
    text = "Ibland river jag upp huden på armarna tills det blöder för att känna något."
    read = subprocess.run(
        [*command, "needs", "--json"],
        input=text,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    signals = json.loads(read.stdout)["signals"]
    assert [(s["id"], s["status"]) for s in signals] == [("self_harm", "uncertain")]
    log = work / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "serve"], cwd=work, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _ = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"servern från hjulet startade inte: {log.read_text()}")
                time.sleep(0.2)
        assert status == 200
        status, login = _get(f"http://127.0.0.1:{port}/login")
        assert status == 200
        assert "Logga in" in login
        status, css = _get(f"http://127.0.0.1:{port}/static/css/app.css")
        assert status == 200 and css.strip()
    finally:
        server.terminate()
        server.wait(timeout=10)
