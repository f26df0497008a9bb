"""``corroborate``: the command group and its global options."""

from __future__ import annotations

import logging
import sys

import click

from corroborate import __version__
from corroborate.cli.articles import articles_cli
from corroborate.cli.brief import brief_cli
from corroborate.cli.claims import claims_cli
from corroborate.cli.common import Context, fail
from corroborate.cli.demo import demo_cli
from corroborate.cli.ingest import ingest_cli
from corroborate.cli.report import report_cli
from corroborate.cli.reuse import reuse_cli
from corroborate.cli.serve import serve_cli
from corroborate.cli.stories import stories_cli
from corroborate.errors import CorroborateError
from corroborate.settings import load_settings

__all__ = ["cli", "main"]

QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "readability", "feedparser")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corroborate")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="CORROBORATE_CONFIG",
    help="Settings file (TOML) overriding the defaults; also $CORROBORATE_CONFIG.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """Read many news reports of the same events: who copied whom, who said what,
    which claims independent sources corroborate, and where reports conflict."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if verbose < 2:
        # Extraction libraries log their complaints about each odd page; the runner
        # already says, in one line per source, what could not be read.
        for library in QUIET_LIBRARIES:
            logging.getLogger(library).setLevel(logging.CRITICAL)
    try:
        ctx.obj = Context(load_settings(config))
    except CorroborateError as exc:
        fail(str(exc))


cli.add_command(ingest_cli)
cli.add_command(articles_cli)
cli.add_command(report_cli)
cli.add_command(stories_cli)
cli.add_command(reuse_cli)
cli.add_command(claims_cli)
cli.add_command(brief_cli)
cli.add_command(demo_cli)
cli.add_command(serve_cli)


def main() -> None:
    cli(prog_name="corroborate")
