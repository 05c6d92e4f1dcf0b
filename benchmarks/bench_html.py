"""Time graph.html for synthetic graphs of several sizes: generation, page size and time-to-interactive in Chromium.

    python benchmarks/bench_html.py --sizes 500,5000,50000

Each size is kg.graph.synthetic.synthetic_graph(N, --facts-per-entity × N), the generator of
tests/integration/test_browser.py. "Interactive" is defined as in that test: from opening a new page (network
blocked: only file: and data: URLs load) until the page sets body[data-kg-ready="1"], i.e. the layout has settled
and search, filters and clicks work. Baseline, same run: a blank page of the same byte size (an inert JSON block
and one line of script), which is what Chromium needs just to read that many bytes. Browser times are medians of
--runs loads, each in a fresh browser context. Issue 5 targets: 5,000 entities interactive within 3 s; 50,000 open.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kg.outputs.render import render_html, write_html
from kg.graph.synthetic import synthetic_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY = 'body[data-kg-ready="1"]'
BLANK_HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><script type="application/json">'
BLANK_TAIL = '</script><script>document.body.dataset.kgReady = "1";</script></body></html>'


def blank_page(path: Path, size: int) -> None:
    """A page of exactly `size` bytes that does nothing but mark itself ready once parsed."""
    padding = size - len(BLANK_HEAD) - len(BLANK_TAIL)
    path.write_text(BLANK_HEAD + "x" * max(padding, 0) + BLANK_TAIL, encoding="ascii")


def visit(browser: Browser, path: Path, timeout_s: float) -> dict[str, Any]:
    """One offline load of `path`: seconds to the load event and to ready, what the page shows, what it asked for."""
    requests: list[str] = []
    errors: list[str] = []
    started = time.perf_counter()
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), timeout=timeout_s * 1000)
    loaded = time.perf_counter() - started
    try:
        page.wait_for_selector(READY, state="attached", timeout=timeout_s * 1000)
        ready: float | None = time.perf_counter() - started
    except PlaywrightTimeout:
        ready = None
    result = {
        "load_s": loaded, "interactive_s": ready,
        "note": page.inner_text("#kg-note") if page.locator("#kg-note").count() else "",
        "shown": int(page.get_attribute("body", "data-kg-nodes") or 0),
        "remote_requests": sorted(set(requests) - {path.as_uri()}), "errors": errors,
    }
    page.context.close()
    return result


def median(runs: list[dict[str, Any]], key: str) -> float | None:
    """Median of one timing over the runs; None if any run never became ready."""
    values = [run[key] for run in runs]
    return None if None in values else statistics.median(values)


def measure(browser: Browser, entities: int, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Generation and browser figures for one graph size."""
    graph = synthetic_graph(entities, args.facts_per_entity * entities)
    started = time.perf_counter()
    html = render_html(graph)
    rendered = time.perf_counter() - started
    path = folder / f"graph-{entities}.html"
    started = time.perf_counter()
    write_html(html, path)
    written = time.perf_counter() - started
    blank = folder / f"blank-{entities}.html"
    blank_page(blank, path.stat().st_size)
    runs, blanks = [], []
    for _ in range(args.runs):
        runs.append(visit(browser, path, args.timeout))
        blanks.append(visit(browser, blank, args.timeout))
    return {
        "entities": entities, "facts": args.facts_per_entity * entities, "triples": len(graph),
        "render_s": rendered, "write_s": written, "page_bytes": path.stat().st_size,
        "load_s": median(runs, "load_s"), "interactive_s": median(runs, "interactive_s"),
        "blank_interactive_s": median(blanks, "interactive_s"),
        "overview": bool(runs[0]["note"]), "note": runs[0]["note"], "initial_nodes": runs[0]["shown"],
        "remote_requests": sorted({url for run in runs + blanks for url in run["remote_requests"]}),
        "page_errors": sorted({error for run in runs for error in run["errors"]}),
        "runs": runs,
    }


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing."""
    return None if a is None or not b else a / b


def seconds(value: float | None) -> str:
    """A duration for the table; 'timeout' when the page never became ready."""
    return "timeout" if value is None else f"{value:.2f}"


def print_table(results: list[dict[str, Any]], command: str, version: str, runs: int) -> None:
    """The human-readable report."""
    base = results[0]
    print(f"command   {command}")
    print(f"chromium  {version} headless, network blocked; browser times are medians of {runs} loads")
    print(f"{'entities':>8} {'facts':>7} {'triples':>8} {'render s':>9} {'write s':>8} {'page MB':>8} {'load s':>7} "
          f"{'interactive s':>14} {'blank s':>8} {'x blank':>8} {'x ' + format(base['entities'], ','):>8}  "
          f"{'overview':<8} {'shown':>6}")
    for r in results:
        vs_blank, vs_base = ratio(r["interactive_s"], r["blank_interactive_s"]), ratio(r["interactive_s"],
                                                                                      base["interactive_s"])
        print(f"{r['entities']:>8,} {r['facts']:>7,} {r['triples']:>8,} {r['render_s']:>9.2f} {r['write_s']:>8.2f} "
              f"{r['page_bytes'] / 1e6:>8.1f} {seconds(r['load_s']):>7} {seconds(r['interactive_s']):>14} "
              f"{seconds(r['blank_interactive_s']):>8} {'-' if vs_blank is None else f'{vs_blank:.1f}':>8} "
              f"{'-' if vs_base is None else f'{vs_base:.1f}':>8}  {'yes' if r['overview'] else 'no':<8} "
              f"{r['initial_nodes']:>6,}")
    for r in results:
        if r["entities"] == 5000:
            met = r["interactive_s"] is not None and r["interactive_s"] <= 3
            print(f"target    5,000 entities interactive within 3 s: {seconds(r['interactive_s'])} s, "
                  f"{'met' if met else 'NOT met'}")
        if r["entities"] == 50_000:
            print(f"target    50,000 entities open: {'yes' if r['interactive_s'] is not None else 'NO'} ({r['note']})")
        for url in r["remote_requests"]:
            print(f"warning   {r['entities']:,}-entity page asked for {url} (blocked)")
        for error in r["page_errors"]:
            print(f"warning   {r['entities']:,}-entity page threw {error}")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,5000,50000", help="entity counts, comma-separated (first = baseline)")
    parser.add_argument("--facts-per-entity", type=int, default=4, help="relations per entity (the tests use 4)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size; the median is reported")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a page to become ready")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    command = shlex.join(["python", *sys.argv])
    with tempfile.TemporaryDirectory() as name, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        folder = Path(name)
        blank_page(folder / "warm-up.html", 1000)
        visit(browser, folder / "warm-up.html", args.timeout)  # the first page of a fresh browser is slower
        results = [measure(browser, size, args, folder) for size in sizes]
        version = browser.version
        browser.close()
    if args.json:
        print(json.dumps({"command": command, "chromium": version, "runs": args.runs, "results": results}, indent=2,
                         ensure_ascii=False))
    else:
        print_table(results, command, version, args.runs)
    if any(r["remote_requests"] or r["page_errors"] or r["interactive_s"] is None for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
