"""``corroborate serve``."""

from __future__ import annotations

import ipaddress
import socket

import click

from corroborate.cli.common import Context, err_console, fail
from corroborate.errors import CorroborateError

__all__ = ["serve_cli"]


@click.command("serve")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The store to serve (created empty when missing).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="CORROBORATE_TOKEN",
    help="Adding articles needs this token (also $CORROBORATE_TOKEN, kept out of `ps`).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let added URLs point at private and loopback addresses (refused by default).",
)
@click.pass_obj
def serve_cli(
    obj: Context, db_path: str, host: str, port: int, token: str | None, allow_private: bool
) -> None:  # fmt: skip
    """Serve the store --db as a web app: stories, briefs, who copied whom, an add page,
    and a JSON API (described at /openapi.json). Stop with Ctrl-C.

    \b
    Examples:
      corroborate serve --db news.db
      corroborate serve --db news.db --port 8080 --token s3cret
    """
    import uvicorn

    from corroborate.web import create_app

    settings = obj.settings.replace("fetch", allow_private=True) if allow_private else obj.settings
    _check_port(host, port)
    if not token and not _loopback(host):
        err_console.print(
            f"warning: listening on {host} without --token: anyone who can reach it can add articles",
            markup=False, soft_wrap=True,
        )  # fmt: skip
    try:
        # Host headers carry IPv6 addresses in brackets ("[::1]:8000").
        named = f"[{host}]" if ":" in host else host
        hosts = ["127.0.0.1", "localhost", "[::1]", named] if _loopback(host) else None
        app = create_app(db_path, settings=settings, token=token, allowed_hosts=hosts)
    except CorroborateError as exc:
        fail(str(exc))
    # Articles ingested by the CLI but not analysed yet are analysed in the background.
    app.state.web.jobs.submit([])
    err_console.print(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before any set-up, when the address cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(f"cannot listen on {host}:{port} ({exc.strerror or exc}); give another --port")
