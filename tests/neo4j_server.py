"""A real Neo4j 5 server for the tests and the benchmark, built from Maven Central and started here.

``tests/neo4j/pom.xml`` pins neo4j-harness (an in-process Neo4j 5.26 LTS Community with Bolt) and
the import tool of ``neo4j-admin``; ``tests/neo4j/Neo4jServer.java`` is the launcher. ``build()``
asks Maven for the classpath once (offline when ``~/.m2`` already has everything, else online,
retried with backoff when Maven Central answers 429) and compiles the launcher with javac into
``tests/neo4j/target``; later calls cost nothing until the pom or the launcher change.

``Neo4jServer.start(work_dir)`` starts one server: Bolt on 127.0.0.1 on a port the system picks,
user ``neo4j`` with a password made here and handed over in the environment (never on a command
line), no HTTP. It stops when ``stop()`` ends it by its process id, or by itself when this Python
process goes away (the launcher watches its standard input). ``admin_import(csv_dir, home)`` runs
``neo4j-admin database import full`` (``org.neo4j.cli.AdminTool``) with the command the export's
README gives; ``Neo4jServer.start(work, serve=home)`` then serves what it wrote.

``missing_tools()`` says why no server can be built here (no Java 17+, no Maven), or None.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent / "neo4j"
POM = HERE / "pom.xml"
LAUNCHER = HERE / "Neo4jServer.java"
TARGET = HERE / "target"
ARGFILE = TARGET / "java.args"  # -cp classes:<the classpath>, for `java @ARGFILE` (keeps ps short)
PASSWORD_ENV = "GOVKG_NEO4J_PASSWORD"  # what the launcher reads

MAVEN_TRIES = 5


class ServerError(RuntimeError):
    """The server could not be built or started (one line, with the log file to read)."""


def java_exe() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def missing_tools() -> str | None:
    """Why no Neo4j server can be built on this machine, or None when Java 17+ and Maven are here."""
    java = java_exe()
    if not java:
        return "no Java (17 or later) on PATH or in JAVA_HOME"
    if not shutil.which("javac") and not (Path(java).parent / "javac").exists():
        return "no javac (a JDK 17 or later) beside java"
    if not shutil.which("mvn"):
        return "no Maven (mvn) on PATH"
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError) as e:
        return f"java does not run: {e}"
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return f"cannot tell the Java version from: {out.strip().splitlines()[:1]}"
    major = int(m.group(1)) if m.group(1) != "1" else int(m.group(2) or 0)
    if major < 17:
        return f"Java {major} is too old for Neo4j 5 (17 or later is needed)"
    return None


def _javac() -> str:
    java = Path(java_exe() or "java")
    beside = java.parent / "javac"
    return str(beside) if beside.exists() else (shutil.which("javac") or "javac")


def _fresh() -> bool:
    stamp = TARGET / "classes" / "Neo4jServer.class"
    if not (ARGFILE.exists() and stamp.exists()):
        return False
    built = min(ARGFILE.stat().st_mtime, stamp.stat().st_mtime)
    return built > max(POM.stat().st_mtime, LAUNCHER.stat().st_mtime)


def build(log: Path | None = None) -> Path:
    """Resolve the classpath with Maven and compile the launcher (once); returns the java argfile."""
    if _fresh():
        return ARGFILE
    TARGET.mkdir(parents=True, exist_ok=True)
    log = log or TARGET / "build.log"
    cp_file = TARGET / "classpath.txt"
    base = ["mvn", "-q", "-B", "-Dstyle.color=never", "-f", str(POM), "dependency:build-classpath",
            f"-Dmdep.outputFile={cp_file}"]
    attempts = [base + ["-o"]]  # offline first: after the first resolution ~/.m2 has it all
    attempts += [base + (["-U"] if i else []) for i in range(MAVEN_TRIES)]
    delay = 5.0
    with open(log, "a", encoding="utf-8") as fh:
        for i, cmd in enumerate(attempts):
            fh.write(f"$ {' '.join(cmd)}\n")
            fh.flush()
            proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=1800)
            if proc.returncode == 0 and cp_file.exists():
                break
            if i > 0:  # online attempts failed: Maven Central may be rate limiting (429); wait and force
                time.sleep(delay)
                delay *= 2
        else:
            raise ServerError(f"Maven could not resolve neo4j-harness (see {log})")
        classes = TARGET / "classes"
        classes.mkdir(exist_ok=True)
        classpath = cp_file.read_text(encoding="utf-8").strip()
        cmd = [_javac(), "-nowarn", "-encoding", "UTF-8", "-d", str(classes), "-cp", classpath, str(LAUNCHER)]
        fh.write("$ javac ... Neo4jServer.java\n")
        fh.flush()
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=600)
        if proc.returncode != 0:
            raise ServerError(f"javac failed on {LAUNCHER.name} (see {log})")
    ARGFILE.write_text(f"-cp\n{_quote_arg(str(classes) + os.pathsep + classpath)}\n", encoding="utf-8")
    return ARGFILE


def _quote_arg(s: str) -> str:
    # java @argfiles: an argument with spaces is quoted, backslashes escaped
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(c in s for c in " \t\"'\\") else s


class Neo4jServer:
    """One running server (``uri``, ``user``, ``password``, ``pid``); ``stop()`` ends it."""

    def __init__(self, proc: subprocess.Popen, uri: str, password: str, work: Path, log: Path) -> None:
        self.proc, self.uri, self.password, self.work, self.log = proc, uri, password, work, log
        self.user = "neo4j"

    @property
    def pid(self) -> int:
        return self.proc.pid

    @classmethod
    def start(cls, work: Path, serve: Path | None = None, heap: str = "1g", pagecache_mb: int = 256,
              timeout: float = 180.0) -> "Neo4jServer":
        argfile = build()
        work = Path(work)
        work.mkdir(parents=True, exist_ok=True)
        log = work / "server.log"
        password = secrets.token_urlsafe(18)
        env = {**os.environ, PASSWORD_ENV: password, "GOVKG_NEO4J_PAGECACHE_MB": str(pagecache_mb)}
        cmd = [java_exe() or "java", f"-Xmx{heap}", "-XX:+UseG1GC", f"@{argfile}", "Neo4jServer", str(work / "server")]
        if serve is not None:
            cmd.append(str(serve))
        with open(log, "w", encoding="utf-8") as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env,
                                    text=True)
        deadline = time.monotonic() + timeout
        uri = ""
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline and proc.poll() is None:
            if sel.select(timeout=0.5):
                uri = proc.stdout.readline().strip()
                break
        sel.close()
        if not uri.startswith("bolt://"):
            _end(proc)
            tail = [ln for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()][-1:]
            raise ServerError(f"Neo4j did not start ({'; '.join(tail) or 'no output'}; see {log})")
        return cls(proc, uri.rstrip("/"), password, work, log)

    def stop(self) -> None:
        """End the server by its process id: close its stdin (it shuts down cleanly), then SIGTERM,
        then SIGKILL if it is still there."""
        _end(self.proc)

    def __enter__(self) -> "Neo4jServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=30)
        return
    except (subprocess.TimeoutExpired, OSError):
        pass
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


def readme_import_command(csv_dir: Path) -> list[str]:
    """The ``neo4j-admin database import full`` command the export's README.md gives, as arguments."""
    text = (Path(csv_dir) / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```sh\n(.*?)```", text, re.S)
    if not m:
        raise ServerError(f"no import command in {csv_dir}/README.md")
    return shlex.split(m.group(1).replace("\\\n", " "))


def admin_import(csv_dir: Path, home: Path, heap: str = "1g", extra: list[str] | None = None) -> float:
    """Run the README's ``bin/neo4j-admin database import full ...`` with the real import tool
    (``org.neo4j.cli.AdminTool``) in the fresh Neo4j home ``home``, the export copied into its
    ``import/`` folder as the README says. Returns the tool's wall time in seconds."""
    argfile = build()
    home = Path(home)
    if home.exists():
        shutil.rmtree(home)
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    shutil.copytree(csv_dir, home / "import")
    args = readme_import_command(csv_dir)
    if args[:1] != ["bin/neo4j-admin"]:
        raise ServerError(f"the README's command does not start with bin/neo4j-admin: {args[:3]}")
    cmd = [java_exe() or "java", f"-Xmx{heap}", f"@{argfile}", "org.neo4j.cli.AdminTool", *args[1:], *(extra or [])]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    log = home / "import.log"
    t = time.perf_counter()
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, cwd=home, env=env, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=3600)
    secs = time.perf_counter() - t
    if proc.returncode != 0:
        tail = [ln for ln in log.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()][-1:]
        raise ServerError(f"neo4j-admin database import failed ({'; '.join(tail)}; see {log})")
    return secs
