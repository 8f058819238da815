#!/usr/bin/env python3
"""Draws the README's charts from the reports the soak and the freshness run wrote: plain SVG
(no plotting library), committed under docs/charts/.

    $STACK_PYTHON Tests/stack_bench/report_charts.py --soak .stack/data/logs/soak-report.json \
        --freshness .stack/test/logs/freshness-report.json --out docs/charts

soak.svg: each service's RSS and lake-writer's backlog over the run; freshness.svg: each marked
play's seconds to bronze, silver and gold against when it was sent. A report without the series
(older runs) is an error, not an empty chart.
"""
import argparse
import json
import math
import sys
from pathlib import Path

COLOURS = ["#1db954", "#2d6cdf", "#e0712c", "#9b59b6", "#c0392b", "#7f8c8d"]
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 36, 44


def nice_ceiling(value):
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def chart(title, x_label, y_label, series, note=""):
    """series: [(name, [(x, y), ...], draw_points)] → one SVG document."""
    xs = [x for _, points, _ in series for x, _ in points]
    ys = [y for _, points, _ in series for _, y in points]
    if not xs:
        raise SystemExit(f"{title}: no data to draw")
    x_max, y_max = nice_ceiling(max(xs)), nice_ceiling(max(ys))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x):
        return LEFT + plot_w * x / x_max

    def py(y):
        return TOP + plot_h * (1 - y / y_max)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'role="img" font-family="sans-serif" font-size="12"><title>{escape(title)}</title>',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
           f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i in range(5):
        value = y_max * i / 4
        y = py(value)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#e3e6ea"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{value:g}</text>')
    for i in range(5):
        value = x_max * i / 4
        out.append(f'<text x="{px(value):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#555">{value:g}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle" fill="#333">{escape(x_label)}</text>')
    out.append(f'<text x="14" y="{TOP + plot_h / 2}" transform="rotate(-90 14 {TOP + plot_h / 2})" text-anchor="middle" fill="#333">{escape(y_label)}</text>')
    for index, (name, points, dots) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        if points and not dots:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        if dots:
            out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in points]
        legend_y = TOP + 14 + 18 * index
        out.append(f'<rect x="{WIDTH - RIGHT + 14}" y="{legend_y - 9}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 32}" y="{legend_y + 1}">{escape(name)}</text>')
    if note:
        out.append(f'<text x="{WIDTH - RIGHT + 14}" y="{HEIGHT - 10}" fill="#555" font-size="11">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def soak_charts(report):
    samples = report.get("samples")
    if not samples:
        raise SystemExit("the soak report has no samples")
    services = sorted(samples[0]["rss_mib"])
    minutes = lambda s: s["t"] / 60  # noqa: E731
    rss = chart(f"Soak: RSS of each service ({report['minutes']} min, target {report['target_rate']:g} events/s)",
                "minutes into the run", "RSS (MiB)",
                [(name, [(minutes(s), s["rss_mib"][name]) for s in samples if s["rss_mib"].get(name)], False) for name in services],
                note=f"lost: {report.get('lost')}")
    lag = chart("Soak: lake-writer's backlog", "minutes into the run", "records behind the topics",
                [("lake-writer", [(minutes(s), s["lake_writer_behind"] or 0) for s in samples], False)],
                note=f"max {report.get('max_lake_writer_behind')}")
    return rss, lag


def freshness_chart(report):
    series = report.get("marker_series")
    if not series:
        raise SystemExit("the freshness report has no marker_series (re-run Tests/stack_bench/freshness.py)")
    layers = [layer for layer in ("bronze", "silver", "gold") if any(layer in m for m in series)]
    return chart(f"Freshness: seconds from a play's 202 to each layer ({report['minutes']} min at {report['rate']:g} events/s)",
                 "seconds into the run (when the play was sent)", "seconds until visible",
                 [(layer, [(m["t"], m[layer]) for m in series if layer in m], True) for layer in layers],
                 note=f"p95 to gold {report.get('p95_s_to_gold')} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--soak", type=Path)
    parser.add_argument("--freshness", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/charts"))
    args = parser.parse_args()
    if not args.soak and not args.freshness:
        parser.error("give --soak, --freshness or both")
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    if args.soak:
        rss, lag = soak_charts(json.loads(args.soak.read_text()))
        (args.out / "soak-rss.svg").write_text(rss)
        (args.out / "soak-backlog.svg").write_text(lag)
        written += ["soak-rss.svg", "soak-backlog.svg"]
    if args.freshness:
        (args.out / "freshness.svg").write_text(freshness_chart(json.loads(args.freshness.read_text())))
        written.append("freshness.svg")
    print(f"wrote {', '.join(str(args.out / name) for name in written)}")


if __name__ == "__main__":
    sys.exit(main())
