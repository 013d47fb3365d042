"""Running the govkg command in tests: its output, and the one-line errors users rely on."""

from __future__ import annotations

from click.testing import CliRunner

from govkg.cli import main


def run(*args, db=None):
    argv = list(args) + (["--db", db] if db else [])
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def ok(*args, db=None):
    r = run(*args, db=db)
    assert r.exit_code == 0, r.stderr or r.output
    return r.stdout


def one_line_error(r, code=None):
    assert r.exit_code != 0
    if code is not None:
        assert r.exit_code == code, (r.exit_code, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govkg: "), r.stderr
    assert "Traceback" not in r.output
    return lines[0]
