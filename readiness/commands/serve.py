"""``readiness serve``: the assessment in a browser, one app per participant (textual-serve).

Only the standard library is imported at the top: ``readiness serve --help`` must not load
Textual, textual-serve or aiohttp. The server itself is :mod:`readiness.web.server`.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from readiness.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WIDE_HOSTS = ("0.0.0.0", "::", "")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve",
        help="the assessment in a browser, for workshop participants",
        description="Serve the assessment to web browsers: each browser is one participant, "
        "with their own session (saved after every answer, offered again when they reopen the "
        "page) and their own result file in the output folder. Listens only on this computer "
        "unless --host says otherwise.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this computer only; "
        "0.0.0.0 lets anyone on the network who can reach the port take part)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--bank",
        metavar="ID_OR_PATH",
        help="the bank to offer first (a bundled bank id or a bank file)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path("readiness-results"),
        metavar="DIR",
        help="where every participant's result goes, one file each (default: ./readiness-results)",
    )
    parser.set_defaults(handler=run)


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 0 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return port


def run(args: argparse.Namespace) -> int:
    from readiness.web.server import ReadinessServer, ServeConfig

    bank = checked_bank(args.bank)
    output_dir = ready_output_dir(args.output_dir)
    data_dir = facilitator_data_dir()
    config = ServeConfig(
        host=args.host,
        port=args.port,
        app_command=app_command(output_dir, bank),
        data_dir=data_dir,
        on_listening=partial(announce, args.host, output_dir, data_dir),
    )
    log_to_stderr()
    ReadinessServer(config).serve()
    print("readiness: stopped", file=sys.stderr)
    return 0


def checked_bank(bank: str | None) -> str | None:
    """The bank as the apps should be given it; a bad bank fails now, not in every browser."""
    if bank is None:
        return None
    from readiness.bank.load import load_bank

    load_bank(bank)
    path = Path(bank)
    return str(path.resolve()) if path.is_file() else bank


def ready_output_dir(folder: Path) -> Path:
    """The output folder as an absolute path, created now so a bad one is reported at once."""
    folder = folder.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            f"{folder}: cannot use it as the output folder ({error.strerror}); "
            "choose another with --output-dir"
        ) from None
    return folder


def facilitator_data_dir() -> Path:
    """The folder that holds sessions ($READINESS_DATA_DIR or the user data folder)."""
    from readiness.session.files import sessions_dir

    return sessions_dir().parent.resolve()


def app_command(output_dir: Path, bank: str | None) -> tuple[str, ...]:
    """The argv of one participant's app."""
    command = (sys.executable, "-m", "readiness", "run", "--output-dir", str(output_dir))
    return (*command, "--bank", bank) if bank else command


def is_loopback(host: str) -> bool:
    """True when only this computer can connect to ``host``."""
    import ipaddress  # only when serving: start-up time of other commands

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    if host in WIDE_HOSTS:
        host = DEFAULT_HOST
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def warning_box(host: str, port: int) -> str:
    """The loud warning printed when the server can be reached from other machines."""
    import textwrap  # only when serving: start-up time of other commands

    text = (
        f"WARNING: readiness is listening on {host or 'every address'}, not only on this "
        f"computer. Anyone on the network who can reach port {port} can take part and see the "
        "questions. Use it only on a network you trust, and stop it (Ctrl+C) when the "
        "workshop is over."
    )
    lines = textwrap.wrap(text, 68)
    rule = "!" * 74
    return "\n".join([rule, *(f"!! {line:<68} !!" for line in lines), rule])


def announce(host: str, output_dir: Path, data_dir: Path, port: int) -> None:
    """Say where to point the browsers, where results go, and warn when listening wide."""
    import socket  # only when serving: start-up time of other commands

    if not is_loopback(host):
        print(warning_box(host, port), file=sys.stderr, flush=True)
    lines = [f"readiness: serving the assessment at {url_for(host, port)}"]
    if host in WIDE_HOSTS:
        lines.append(
            f"  participants open http://{socket.gethostname()}:{port}/ "
            "(or this computer's network address) in their browser"
        )
    lines += [
        f"  results go to {output_dir}",
        f"  unfinished sessions are kept in {data_dir / 'participants'}",
        "  press Ctrl+C to stop",
    ]
    print("\n".join(lines), flush=True)


def log_to_stderr() -> None:
    """Show the server's own log lines (apps starting and ending) on stderr."""
    import logging  # only when serving: start-up time of other commands

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    for name in ("readiness.serve", "textual-serve"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
