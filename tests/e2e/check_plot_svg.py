#!/usr/bin/env python3
"""Checks `braid eval --grid --plot` output: the SVG parses as XML, and its points are the
figures of the same run's --json output (tests/e2e/eval_plot_e2e_test.cpp runs it).
Usage: check_plot_svg.py PLOT.svg EVAL.json"""
import json
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def expected_points(report):
    points = {}
    references = {}
    for setting in report["settings"]:
        name, ndcg = setting["name"], setting.get("ndcg_at_10")
        if ndcg is None:
            continue
        if name == "lexical (bm25)":
            references["lexical"] = ndcg
        elif name == "dense":
            references["dense"] = ndcg
        elif m := re.fullmatch(r"(?:grid rrf k=(\d+)|hybrid rrf k=(\d+) window=100)", name):
            points[("rrf", float(m.group(1) or m.group(2)))] = ndcg
        elif m := re.fullmatch(r"grid linear alpha=([0-9.]+) (minmax|zscore)", name):
            points[(f"linear {m.group(2)}", float(m.group(1)))] = ndcg
    return points, references


def main():
    svg_file, json_file = sys.argv[1], sys.argv[2]
    root = ET.parse(svg_file).getroot()  # raises on malformed XML
    failures = []
    if root.tag != SVG + "svg":
        failures.append(f"root element is {root.tag}, not an SVG <svg>")
    report = json.load(open(json_file, encoding="utf-8"))
    points, references = expected_points(report)

    drawn = {}
    for circle in root.iter(SVG + "circle"):
        if circle.get("class") != "point":
            continue
        key = (circle.get("data-series"), float(circle.get("data-x")))
        if key in drawn:
            failures.append(f"point {key} drawn twice")
        drawn[key] = (float(circle.get("data-ndcg")), float(circle.get("cy")))
    if set(drawn) != set(points):
        failures.append(f"points drawn {sorted(drawn)} but eval measured {sorted(points)}")
    for key, ndcg in points.items():
        if key in drawn and abs(drawn[key][0] - ndcg) > 5e-6:
            failures.append(f"point {key}: drawn nDCG {drawn[key][0]}, eval measured {ndcg}")
    # Higher nDCG is drawn higher (smaller y) on the shared axis.
    ordered = sorted(drawn.values())
    for (n1, y1), (n2, y2) in zip(ordered, ordered[1:]):
        if n2 > n1 + 1e-9 and not y2 < y1:
            failures.append(f"nDCG {n2} is not drawn above {n1} ({y2} vs {y1})")

    lines = [l for l in root.iter(SVG + "line") if l.get("class") == "reference"]
    for name, ndcg in references.items():
        mine = [l for l in lines if l.get("data-series") == name]
        if len(mine) != 2:
            failures.append(f"reference {name}: {len(mine)} lines, expected one per panel")
        for line in mine:
            if abs(float(line.get("data-ndcg")) - ndcg) > 5e-6:
                failures.append(f"reference {name}: drawn {line.get('data-ndcg')}, eval measured {ndcg}")

    print(f"{len(drawn)} points and {len(lines)} reference lines checked")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
