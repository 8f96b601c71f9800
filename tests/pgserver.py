"""PostgreSQL for tests: the server CI starts, or a throwaway cluster made of Debian's binaries.

CI (.ci/run) starts Debian's main cluster and exports ``SPBE_PG_URL`` (role ``spbe``, database
``spbe_test``).  Without it, :class:`ThrowawayCluster` runs initdb and pg_ctl from
/usr/lib/postgresql/<version>/bin in a temporary directory -- as the ``postgres`` user when the tests run
as root, since postgres refuses to run as root -- with the same layout: a superuser reached only through a
unix socket in that directory, and a role ``spbe`` (LOGIN CREATEDB, random password) owning a database
``spbe_test`` on 127.0.0.1 and a free port.  Either way the tests connect as a role that is not a
superuser, like the portal will.

SQLAlchemy and psycopg are imported only when a database is asked for, so the suite still collects
without them.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from served import free_port

DEBIAN_PG = Path("/usr/lib/postgresql")
ROLE = "spbe"
DATABASE = "spbe_test"
FRESH_PREFIX = "spbe_t_"  # databases made by create_database(); .ci/run drops any a killed run left behind


class PostgresUnavailable(Exception):
    """No PostgreSQL server could be had for the tests (the message says why)."""


def find_pg_bin() -> Path | None:
    """Debian's newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl."""
    found = []
    for initdb in DEBIAN_PG.glob("*/bin/initdb"):
        if (initdb.parent / "pg_ctl").exists() and initdb.parent.parent.name.isdigit():
            found.append((int(initdb.parent.parent.name), initdb.parent))
    return max(found)[1] if found else None


def require_driver() -> None:
    """PostgresUnavailable unless SQLAlchemy and psycopg (3) import."""
    for module in ("sqlalchemy", "psycopg"):
        try:
            __import__(module)
        except ImportError as exc:
            raise PostgresUnavailable(f"{module} is not installed ({exc})") from exc


def _engine(url: str, **kwargs):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(url, poolclass=NullPool, **kwargs)


def check_url(url: str) -> int:
    """``select 1`` through SQLAlchemy at ``url``; returns the server_version_num.  PostgresUnavailable when
    the driver is missing or the server does not answer."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    engine = _engine(url, connect_args={"connect_timeout": 10})
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
            return int(conn.execute(text("show server_version_num")).scalar_one())
    except SQLAlchemyError as exc:
        raise PostgresUnavailable(f"PostgreSQL at {_hide_password(url)} does not answer: {exc}") from exc
    finally:
        engine.dispose()


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _admin_engine(url: str):
    """An AUTOCOMMIT engine on the maintenance database ``postgres`` of the server at ``url``."""
    from sqlalchemy.engine import make_url

    return _engine(make_url(url).set(database="postgres").render_as_string(hide_password=False),
                   isolation_level="AUTOCOMMIT")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create_database(url: str) -> str:
    """A new, uniquely named, empty database on the server at ``url``, with the encoding and locale of the
    database of ``url``; returns its URL (same role, same password)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    source = make_url(url)
    name = f"{FRESH_PREFIX}{secrets.token_hex(6)}"
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            encoding, collate, ctype = conn.execute(
                text("select pg_encoding_to_char(encoding), datcollate, datctype from pg_database"
                     " where datname = :name"), {"name": source.database}).one()
            # template0: never connected to, so the copy cannot be refused, and it takes any locale
            conn.execute(text(f'create database "{name}" template template0 encoding {_literal(encoding)}'
                              f" lc_collate {_literal(collate)} lc_ctype {_literal(ctype)}"))
    finally:
        engine.dispose()
    return source.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop the database of ``url``, ending the sessions still connected to it first."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("select pg_terminate_backend(pid) from pg_stat_activity"
                              " where datname = :name and pid <> pg_backend_pid()"), {"name": name})
            conn.execute(text(f'drop database if exists "{name}" with (force)'))
    finally:
        engine.dispose()


class ThrowawayCluster:
    """A PostgreSQL cluster of its own in a temporary directory, stopped and deleted by :meth:`stop`."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.dir: Path | None = None
        self.url = ""

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*as_owner, *args], capture_output=True, text=True, timeout=timeout, cwd="/")

    def _log(self) -> str:
        log = self.dir / "server.log" if self.dir else None
        return log.read_text(errors="replace")[-2000:] if log and log.exists() else ""

    def start(self) -> str:
        """initdb, pg_ctl start, a role and a database; returns the URL of that database."""
        try:
            self.url = self._start()
        except BaseException:
            self.stop()
            raise
        return self.url

    def _start(self) -> str:
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable("running as root and there is no 'postgres' user to run initdb") from exc
        # in /tmp itself, not in pytest's tmp_path: that one sits in a 0700 directory of root's
        self.dir = Path(tempfile.mkdtemp(prefix="spbe-pg-"))
        if os.geteuid() == 0:
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
        data = self.dir / "data"
        done = self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "--encoding=UTF8",
                         "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed:\n{done.stdout}{done.stderr}")
        with open(data / "postgresql.conf", "a") as conf:  # appending keeps the file the postgres user's
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        for _ in range(3):  # the free port may be taken between the probe and the bind: then another one
            port = free_port()
            done = self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"),
                             "-o", f"-p {port}", "-w", "-t", "60", "start")
            if done.returncode == 0:
                break
        else:
            raise PostgresUnavailable(f"pg_ctl start failed:\n{done.stdout}{done.stderr}\n{self._log()}")
        from sqlalchemy import text

        password = secrets.token_hex(12)
        # the superuser, through the unix socket in self.dir (trust; only root and postgres can reach it)
        engine = _engine(f"postgresql+psycopg://postgres@/postgres?host={self.dir}&port={port}",
                         isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f"create role {ROLE} login createdb password {_literal(password)}"))
                conn.execute(text(f"create database {DATABASE} owner {ROLE}"))
        finally:
            engine.dispose()
        return f"postgresql+psycopg://{ROLE}:{password}@127.0.0.1:{port}/{DATABASE}"

    def stop(self) -> None:
        if self.dir is None:
            return
        if (self.dir / "data" / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop",
                      timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None


class PostgresServer:
    """The server the tests use: ``SPBE_PG_URL`` when set, else a :class:`ThrowawayCluster`."""

    def __init__(self) -> None:
        self.cluster: ThrowawayCluster | None = None
        self.url = os.environ.get("SPBE_PG_URL", "")

    def start(self) -> str:
        require_driver()
        if not self.url:
            bindir = find_pg_bin()
            if bindir is None:
                raise PostgresUnavailable("SPBE_PG_URL is not set and there is no initdb under "
                                          f"{DEBIAN_PG}/*/bin (apt-get install postgresql)")
            self.cluster = ThrowawayCluster(bindir)
            self.url = self.cluster.start()
        try:
            check_url(self.url)
        except PostgresUnavailable:
            self.stop()
            raise
        return self.url

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
            self.cluster = None
