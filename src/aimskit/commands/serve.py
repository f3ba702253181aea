"""``aimskit serve``: build the site, serve it on 127.0.0.1 and rebuild when a record changes (watched
with watchfiles: the operating system says what changed, nothing is polled)."""

from __future__ import annotations

import argparse
import fnmatch
import http.server
import shutil
import sys
import tempfile
import threading
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
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds to gather changes into one rebuild (default: 1)")
    parser.set_defaults(run=run)


def relevant(root: Path, path: str) -> bool:
    """Whether a change at ``path`` can change the site: a record, mkdocs.yml, or a hand-written page
    (not the pages aimskit generates into the docs folder, nor anything outside the repository)."""
    try:
        relative = Path(path).resolve().relative_to(root.resolve())
    except ValueError:
        return False
    name = relative.as_posix()
    if name == site_engine.CONFIG_NAME or any(fnmatch.fnmatchcase(name, kind.glob) for kind in kinds.ALL):
        return True
    vetted = vet(root)
    if not vetted.ok:  # the rebuild reports why; only the records and mkdocs.yml count meanwhile
        return False
    docs = Path(vetted.layout.docs_dir)
    return relative.parts[:len(docs.parts)] == docs.parts and \
        relative.parts[len(docs.parts):len(docs.parts) + 1] != (site_engine.GENERATED,)


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
        import watchfiles  # noqa: F401  (loaded before the line that says the site is served: a Ctrl+C after it meets the watch loop)
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
    """Rebuild after each batch of changes that matters, as the operating system reports them (watchfiles)."""
    import watchfiles

    for changes in watchfiles.watch(root, watch_filter=lambda change, path: relevant(root, path),
                                    debounce=int(args.interval * 1000), raise_interrupt=True):
        first = sorted(path for _, path in changes)[0]
        print(f"Change detected: {Path(first).name}; rebuilding", flush=True)
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

