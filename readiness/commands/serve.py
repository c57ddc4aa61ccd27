"""``readiness serve``: a live workshop. Participants answer on their phones, one server.

Only the standard library is imported at the top: ``readiness serve --help`` must not load
Textual or aiohttp. The server is :mod:`readiness.web.app`; the workshop it serves,
:mod:`readiness.workshop.room`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.errors import UsageError

if TYPE_CHECKING:
    import asyncio

    from readiness.workshop.room import Workshop

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_BANK = "core"
WIDE_HOSTS = ("0.0.0.0", "::", "")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve",
        help="a live workshop: participants answer in their browsers",
        description="Run a workshop: participants open the join link on their phones or "
        "laptops and answer the facilitator's bank, each with their own session (kept on this "
        "computer, resumed when they reload) and their own result in the output folder. "
        "Listens only on this computer unless --host says otherwise; then a join code is "
        "needed, and it is in the join link.",
    )
    parser.add_argument(
        "--bank",
        metavar="ID_OR_PATH",
        default=DEFAULT_BANK,
        help=f"the bank every participant answers (default: {DEFAULT_BANK})",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this computer only; "
        "0.0.0.0 lets people on the network join, with the join code)",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path("readiness-results"),
        metavar="DIR",
        help="where every participant's result goes, one file each, and the unfinished "
        "sessions (in DIR/.sessions) (default: ./readiness-results)",
    )
    parser.add_argument(
        "--max-participants",
        type=whole_number,
        default=250,
        metavar="N",
        help="the most people who can join (default: 250)",
    )
    parser.add_argument(
        "--min-group",
        type=whole_number,
        default=3,
        metavar="N",
        help="the live view shows a role's figures only when at least N people are behind "
        "them (default: 3, as readiness aggregate)",
    )
    parser.add_argument("--certfile", metavar="FILE", help="serve over HTTPS: the certificate")
    parser.add_argument(
        "--keyfile", metavar="FILE", help="its private key (when not in the certificate file)"
    )
    parser.add_argument(
        "--no-live",
        action="store_true",
        help="no live view in the terminal: print the links and serve until Ctrl+C",
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


def whole_number(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    if not text.strip().isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of 1 or more")
    return int(text)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from readiness.bank.load import load_bank
    from readiness.web.security import is_loopback
    from readiness.workshop.room import Workshop

    if args.keyfile and not args.certfile:
        raise UsageError("--keyfile needs --certfile (the certificate it goes with)")
    ssl_context = None
    if args.certfile:
        from readiness.web.app import tls_context

        ssl_context = tls_context(args.certfile, args.keyfile)
    bank = load_bank(args.bank)
    workshop = Workshop(
        bank,
        ready_output_dir(args.output_dir),
        require_code=not is_loopback(args.host),
        cap=args.max_participants,
        min_group=args.min_group,
    )
    try:
        asyncio.run(serve(workshop, args.host, args.port, ssl_context, live=not args.no_live))
    finally:
        workshop.close()
    print("readiness: stopped; every session is saved", file=sys.stderr)
    return 0


async def serve(workshop: Workshop, host: str, port: int, ssl_context: object, live: bool) -> None:
    """Listen, say where, and serve until Ctrl+C (or SIGTERM)."""
    import asyncio
    import signal

    from readiness.web.app import start_server

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # before anything is said: Ctrl+C works
        loop.add_signal_handler(signum, stop.set)
    try:
        runner = await start_server(workshop, host, port, ssl_context)  # type: ignore[arg-type]
        try:
            bound = int(runner.addresses[0][1])
            announce(workshop, host, bound, tls=ssl_context is not None)
            await watch(workshop, live, stop)
        finally:
            await runner.cleanup()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


async def watch(workshop: Workshop, live: bool, stop: asyncio.Event) -> None:
    """Until ``stop`` is set (Ctrl+C, SIGTERM), or the facilitator quits the live view.

    Unless ``--no-live``, and when stdin and stdout are a terminal, the terminal live view
    (:class:`readiness.tui.live.LiveApp`) runs here, in the server's own event loop, with the
    server already listening; elsewhere (a pipe, a service manager) serve runs headless.
    """
    import asyncio

    if not (live and sys.stdin.isatty() and sys.stdout.isatty()):
        await stop.wait()
        return
    from readiness.tui.live import LiveApp

    app = LiveApp(workshop, join_link=workshop.join_link, min_group=workshop.min_group)
    stopping = asyncio.create_task(stop.wait())
    running = asyncio.create_task(app.run_async())
    done, _ = await asyncio.wait({stopping, running}, return_when=asyncio.FIRST_COMPLETED)
    if stopping in done:
        app.exit()
        await running
    else:
        stopping.cancel()


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


def url_for(host: str, port: int, tls: bool = False) -> str:
    """The address to open on this computer."""
    from readiness.workshop.links import base_url

    return base_url(DEFAULT_HOST if host in WIDE_HOSTS else host, port, tls=tls)


def network_address(host: str) -> str:
    """The address other machines reach this one at: ``host`` itself when it names one, else
    the address of the interface that leads out (no packet is sent), else the host name."""
    import socket

    if host not in WIDE_HOSTS:
        return host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed; only picks the interface
            return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()


def warning_box(host: str, port: int) -> str:
    """The loud warning printed when the server can be reached from other machines."""
    import textwrap

    text = (
        f"WARNING: readiness is listening on {host or 'every address'}, not only on this "
        f"computer. Anyone on the network who can reach port {port} and has the join code "
        "can take part and see the questions. Use it only on a network you trust, and stop it "
        "(Ctrl+C) when the workshop is over."
    )
    lines = textwrap.wrap(text, 68)
    rule = "!" * 74
    return "\n".join([rule, *(f"!! {line:<68} !!" for line in lines), rule])


def announce(workshop: Workshop, host: str, port: int, tls: bool = False) -> None:
    """Say where participants join, where the facilitator looks, where results go."""
    import importlib.util

    from readiness.web.security import is_loopback
    from readiness.workshop.links import base_url, facilitator_url, join_url

    if not is_loopback(host):
        print(warning_box(host, port), file=sys.stderr, flush=True)
    here = url_for(host, port, tls)
    reach = base_url(network_address(host), port, tls=tls) if not is_loopback(host) else here
    workshop.join_link = join_url(reach, workshop.join_code)
    lines = [
        f"readiness: serving the workshop at {here}",
        f"  bank: {workshop.bank.title} ({workshop.bank.id}), {len(workshop.bank.questions)} "
        "questions",
        f"  participants join at {workshop.join_link}",
    ]
    if workshop.join_code:
        lines.append(f"  join code: {workshop.join_code}")
    if importlib.util.find_spec("readiness.web.live") is not None:
        workshop.facilitator_link = facilitator_url(reach, workshop.facilitator_secret)
        lines.append(f"  your view (keep this link to yourself): {workshop.facilitator_link}")
    joined, _, finished = workshop.counts()
    if joined:
        lines.append(f"  resumed {joined} participants ({finished} finished)")
    lines += [
        f"  results go to {workshop.output_dir} (sessions in {workshop.sessions_dir})",
        f"  at most {workshop.cap} participants; press Ctrl+C to stop",
    ]
    print("\n".join(lines), flush=True)
    for skipped in workshop.skipped:
        print(f"readiness: skipped {skipped}", file=sys.stderr, flush=True)
