"""``aimskit serve``: build the site, serve it on 127.0.0.1 and rebuild when a record changes."""

from __future__ import annotations

import argparse
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from aimskit.commands._common import print_findings, repository_root
from aimskit.errors import AimskitError, UsageError
from aimskit.records import kinds
from aimskit.site import engine as site_engine
from aimskit.site.config import vet
from aimskit.site.pipeline import validate_and_render


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="preview the site on 127.0.0.1; rebuilds when a record changes")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    parser.add_argument("--engine", choices=site_engine.ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between checks for changes (default: 1)")
    parser.set_defaults(run=run)


def watched_files(root: Path) -> dict[str, float]:
    """Modification times of the records, the hand-written pages and mkdocs.yml."""
    patterns = [kind.glob for kind in kinds.ALL] + [site_engine.CONFIG_NAME]
    found = {str(p): p.stat().st_mtime for pattern in patterns for p in root.glob(pattern) if p.is_file()}
    vetted = vet(root)
    if not vetted.ok:  # the rebuild reports why; only the records and mkdocs.yml are watched meanwhile
        return found
    docs = root / vetted.layout.docs_dir
    for path in docs.rglob("*") if docs.is_dir() else ():
        if path.is_file() and site_engine.GENERATED not in path.relative_to(docs).parts[:1]:
            found[str(path)] = path.stat().st_mtime
    return found


class _Site:
    """The folder being served; swapped as a whole after each successful rebuild."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be from 0 to 65535, not {args.port}")
    if not 0.05 <= args.interval <= 3600:
        raise UsageError(f"--interval must be from 0.05 to 3600 seconds, not {args.interval}")
    site_engine.check_engine(args.engine)
    work = Path(tempfile.mkdtemp(prefix="aimskit-serve-"))
    served = _Site(work / "site")
    try:
        if not _rebuild(root, args.engine, served.folder):
            return 1
        try:
            server = _server(served, args.port)
        except OSError as exc:
            raise AimskitError(f"cannot serve on 127.0.0.1:{args.port}: {exc.strerror or exc}") from None
        port = server.server_address[1]
        print(f"Serving the site on http://127.0.0.1:{port}/ (rebuilds when a record changes; Ctrl+C to stop)", flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            _watch(root, args, served)
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _watch(root: Path, args: argparse.Namespace, served: _Site) -> None:
    seen = watched_files(root)
    while True:
        time.sleep(args.interval)
        current = watched_files(root)
        if current != seen:
            changed = sorted(set(current.items()) ^ set(seen.items()))
            seen = current
            print(f"Change detected{': ' + Path(changed[0][0]).name if changed else ''}; rebuilding", flush=True)
            _rebuild(root, args.engine, served.folder)


def _rebuild(root: Path, engine: str, destination: Path) -> bool:
    vetted = vet(root)  # read once per rebuild; the engine gets a configuration written from it
    if not vetted.ok:
        print_findings(vetted.findings, 1)
        print("aimskit: mkdocs.yml was refused; still serving the last good site", file=sys.stderr, flush=True)
        return False
    rendered = validate_and_render(root)
    print_findings(rendered.findings, rendered.checked)
    if rendered.pages is None:
        print("aimskit: the records have errors; still serving the last good site", file=sys.stderr, flush=True)
        return False
    try:
        site_engine.build(root, vetted, rendered.pages, engine=engine, destination=destination)
    except AimskitError as exc:
        print(f"aimskit: {exc}", file=sys.stderr, flush=True)
        return False
    print("Site rebuilt", flush=True)
    return True


def _server(served: _Site, port: int) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served.folder), **kwargs)

        def log_message(self, format, *args):  # noqa: A002  (quiet: one line per request is noise here)
            pass

    return http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)

