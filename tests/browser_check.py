#!/usr/bin/env python3
"""Browser check of the tradejobs HTML report (registered by tests/browser.cmake).

For each report_pages/<name>/report.html written by test_report:
  1. loads a probe copy (the report plus a tiny inline script) headless from a file URL and
     dumps the DOM; the script writes each chart's measured size (getBoundingClientRect),
     the number of its drawn marks, and the page's resource-timing entries into attributes;
  2. checks: every <svg class="chart"> of the report is in the DOM, at least 300 x 80 CSS
     pixels, with drawn marks; the page requested no resource: none in its resource timing,
     and none in chromium's network log (--log-net-log) among the requests the page made
     (those whose site_for_cookies is the file:// page; the browser's own background
     requests are not the page's);
  3. takes a screenshot of the report itself (1280 x 2400) into --out and checks it is a
     non-trivial PNG.
Exit code 0 when every check passes, 1 otherwise. Uses only the Python standard library.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = """
<script>
(function () {
  var charts = document.querySelectorAll('svg.chart');
  for (var i = 0; i < charts.length; i++) {
    var box = charts[i].getBoundingClientRect();
    charts[i].setAttribute('data-measured', Math.round(box.width) + 'x' + Math.round(box.height));
    var marks = charts[i].querySelectorAll('rect, line, polyline, polygon, circle, text');
    var drawn = 0;
    for (var j = 0; j < marks.length; j++) {
      var b = marks[j].getBoundingClientRect();
      if (b.width > 0 || b.height > 0) drawn++;
    }
    charts[i].setAttribute('data-drawn', String(drawn));
  }
  var resources = performance.getEntriesByType('resource').map(function (e) { return e.name; });
  document.body.setAttribute('data-resources', String(resources.length) + ' ' + resources.join(' '));
  document.body.setAttribute('data-probe', 'done');
})();
</script>
"""

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium(binary, args, timeout=90):
    profile = tempfile.mkdtemp(prefix="tradejobs-chromium-")
    try:
        return subprocess.run([binary] + FLAGS + ["--user-data-dir=" + profile] + args,
                              capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def check_page(binary, page, out_dir, failures):
    name = os.path.basename(os.path.dirname(page))
    failures_before = len(failures)
    html = open(page, encoding="utf-8").read()
    expected = len(re.findall(r'<svg[^>]*class="chart"', html))
    if expected == 0:
        failures.append(f"{name}: the report has no chart")
    probe = os.path.join(out_dir, name + ".probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", PROBE + "</body>"))
    net_log = os.path.join(out_dir, name + ".netlog.json")
    page_url = "file://" + os.path.abspath(probe)
    result = chromium(binary, ["--log-net-log=" + net_log, "--dump-dom", page_url])
    dom = result.stdout
    try:
        events = json.load(open(net_log, encoding="utf-8")).get("events", [])
        requested = sorted({e["params"]["url"] for e in events
                            if "site=file://" in str(e.get("params", {}).get("site_for_cookies", ""))
                            and e["params"].get("url") and e["params"]["url"] != page_url})
        if requested:
            failures.append(f"{name}: the page made network requests: {' '.join(requested)}")
    except (OSError, ValueError) as error:
        failures.append(f"{name}: cannot read chromium's network log {net_log}: {error}")
    if 'data-probe="done"' not in dom:
        failures.append(f"{name}: the probe script did not run (chromium exit {result.returncode}): {result.stderr[-500:]}")
        return
    charts = re.findall(r'<svg[^>]*class="chart"[^>]*>', dom)
    if len(charts) != expected:
        failures.append(f"{name}: {len(charts)} charts in the DOM, expected {expected}")
    for k, tag in enumerate(charts):
        size = re.search(r'data-measured="(\d+)x(\d+)"', tag)
        drawn = re.search(r'data-drawn="(\d+)"', tag)
        if not size or int(size.group(1)) < 300 or int(size.group(2)) < 80:
            failures.append(f"{name}: chart {k + 1} measures {size.group(0) if size else 'nothing'}, expected at least 300x80")
        if not drawn or int(drawn.group(1)) < 5:
            failures.append(f"{name}: chart {k + 1} has {drawn.group(1) if drawn else 'no'} drawn marks, expected at least 5")
    resources = re.search(r'data-resources="(\d+)([^"]*)"', dom)
    if not resources or resources.group(1) != "0":
        failures.append(f"{name}: the page requested resources: {resources.group(0) if resources else 'unknown'}")
    shot = os.path.join(out_dir, name + ".png")
    if os.path.exists(shot):
        os.remove(shot)
    chromium(binary, ["--screenshot=" + shot, "--window-size=1280,2400", "file://" + os.path.abspath(page)])
    if not os.path.exists(shot):
        failures.append(f"{name}: no screenshot written")
        return
    with open(shot, "rb") as f:
        head = f.read(8)
    if head != b"\x89PNG\r\n\x1a\n" or os.path.getsize(shot) < 20000:
        failures.append(f"{name}: screenshot {shot} is not a PNG of a drawn page ({os.path.getsize(shot)} bytes)")
    if len(failures) == failures_before:
        print(f"{name}: {len(charts)} charts rendered, no resource requested, screenshot {shot}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--pages", required=True, help="folder of <name>/report.html")
    parser.add_argument("--out", required=True, help="folder for probes and screenshots")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    pages = sorted(os.path.join(args.pages, d, "report.html") for d in os.listdir(args.pages)
                   if os.path.exists(os.path.join(args.pages, d, "report.html")))
    if not pages:
        print(f"no report pages in {args.pages}: run test_report first", file=sys.stderr)
        return 1
    failures = []
    for page in pages:
        check_page(args.chromium, page, args.out, failures)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
