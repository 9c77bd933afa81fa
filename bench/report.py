"""Prints the benchmark table from bench/out/*.json (see bench/run)."""
import json
import os
import re
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"


def load(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    text = open(path).read().strip()
    if name.endswith(".txt") and not text.startswith("{"):
        return text
    return json.loads(text.splitlines()[-1])


def f(x, unit=""):
    if x is None:
        return "-"
    if isinstance(x, float):
        x = round(x, 1) if x < 100 else round(x)
    return f"{x}{unit}"


rows = []


def row(what, measured, target, ok, note=""):
    rows.append((what, measured, target, "yes" if ok else "NO", note))


pgbench = load("pgbench.txt")
tps = None
if isinstance(pgbench, str):
    m = re.search(r"tps = ([\d.]+)", pgbench)
    tps = float(m.group(1)) if m else None

sign = load("sign.json")
if sign:
    ratio = sign["ok_per_s"] / tps if tps else None
    row("sign, closed loop, 1 letter", f(sign["ok_per_s"], "/s"), ">= 1000/s", sign["ok_per_s"] >= 1000,
        f"p99 {f(sign['p99_ms'], ' ms')}, 5xx/failed {sign['errors_5xx_or_failed']}, {f(sign['seconds'], ' s')}")
    row("sign vs pgbench ceiling", f"{f(ratio)} x ({f(tps, ' tps')})" if ratio else "-", ">= 0.5 x",
        ratio is not None and ratio >= 0.5)
s500 = load("sign_500.json")
if s500:
    row("sign at 500/s offered", f"p99 {f(s500['p99_ms'], ' ms')}", "p99 < 100 ms",
        s500["p99_ms"] < 100 and s500["errors_5xx_or_failed"] == 0,
        f"{f(s500['ok_per_s'], '/s')} accepted, 5xx {s500['errors_5xx_or_failed']}")
conf = load("confirm.json")
if conf:
    row("confirm (with the signature log)", f(conf["ok_per_s"], "/s"), ">= 1000/s", conf["ok_per_s"] >= 1000,
        f"p99 {f(conf['p99_ms'], ' ms')}, statuses {conf['statuses']}")
nolog = load("confirm_nolog.json")
if nolog:
    ratio = conf["ok_per_s"] / nolog["ok_per_s"] if conf and nolog["ok_per_s"] else None
    row("confirm without the log (trigger off)", f(nolog["ok_per_s"], "/s"), "report", True,
        f"p99 {f(nolog['p99_ms'], ' ms')}; with the log: {f(ratio)} x this")
lag_path = os.path.join(out, "head_lag.txt")
if os.path.exists(lag_path):
    lags = sorted(int(x) for x in open(lag_path).read().split() if x.strip().lstrip("-").isdigit())
    if lags:
        p95 = lags[min(len(lags) - 1, int(len(lags) * 0.95))]
        row("head lag while confirming", f"max {lags[-1]} ms", "< 2000 ms", lags[-1] < 2000,
            f"p95 {p95} ms over {len(lags)} samples (the oldest event not yet in a signed head)")
proof = load("proof.json")
if proof:
    size = (load("proof_size.json") or {}).get("tree_size")
    row(f"inclusion proof at {f(size)} entries", f"p99 {f(proof['p99_ms'], ' ms')}", "< 10 ms",
        proof["p99_ms"] < 10, f"p50 {f(proof.get('p50_ms'), ' ms')}, {f(proof['ok_per_s'], '/s')} one at a time, HTTP included")
fresh = load("fresh.json")
if fresh:
    row("count freshness", f"max {f(fresh['max_ms'], ' ms')}", "< 2000 ms", (fresh["max_ms"] or 1e9) < 2000,
        f"median {f(fresh['median_ms'], ' ms')} over {fresh['samples']}")
rec = load("recount.txt")
if rec:
    row("recount drift", f(rec["drift"]), "0", rec["drift"] == 0)
for name, what, target_rps, target_p99 in [
    ("read_json", "letter JSON", 5000, 20),
    ("read_html", "letter page HTML", 5000, 20),
    ("read_campaign_html", "campaign page HTML", 5000, 20),
    ("read_campaign_json", "campaign JSON", 5000, 20),
    ("read_home", "home page", 5000, 20),
    ("read_list_first", "list, page 1", None, 30),
    ("read_list_deep", "list, page 10,000", None, 30),
    ("read_list_html_deep", "letter page, list page 10,000", None, 30),
    ("read_list_deep_300", "list, pages 7,000-9,000 at 300/s", None, 30),
    ("read_group", "group list + group page", None, 30),
]:
    r = load(name + ".json")
    if not r:
        continue
    ok = r["p99_ms"] < target_p99 and (target_rps is None or r["ok_per_s"] >= target_rps)
    row(what, f"{f(r['ok_per_s'], '/s')}, p99 {f(r['p99_ms'], ' ms')}",
        (f">= {target_rps}/s, " if target_rps else "") + f"p99 < {target_p99} ms", ok,
        f"statuses {r['statuses']}")
e, full = load("sign_empty.json"), load("sign_full.json")
if e and full:
    change = full["p50_ms"] / e["p50_ms"] - 1 if e["p50_ms"] else None
    row("growth: sign p50, 0 -> all", f"{f(e['p50_ms'])} -> {f(full['p50_ms'], ' ms')}", "within 20%",
        change is not None and change <= 0.2, f"throughput {f(e['ok_per_s'])} -> {f(full['ok_per_s'], '/s')}")
e, full = load("read_json_empty.json"), load("read_json_full.json")
if e and full:
    change = full["p50_ms"] / e["p50_ms"] - 1 if e["p50_ms"] else None
    row("growth: letter JSON p50, 0 -> all", f"{f(e['p50_ms'])} -> {f(full['p50_ms'], ' ms')}", "within 20%",
        change is not None and change <= 0.2, f"throughput {f(e['ok_per_s'])} -> {f(full['ok_per_s'], '/s')}")
logged = load("log_append.json")
if logged:
    row("signature log: seeded entries appended", f(logged["per_s"], "/s"), "report",
        logged["left"] == 0, f"{f(logged['entries'])} entries in {f(logged['seconds'], ' s')}, {logged['left']} left")
drain = load("mail_drain.json")
if drain:
    row("mail drain, outbox alone", f(drain["per_s"], "/s"), ">= 500/s",
        drain["per_s"] >= 500 and drain["delivered"] >= drain["messages"] and drain["failed"] == 0,
        f"{drain['delivered']} of {drain['messages']} delivered in {f(drain['ms'] / 1000, ' s')}, failed {drain['failed']}")
mail = load("mail.txt")
if mail:
    row("mail during the run", f"{f(mail['sustained_per_s'], '/s')} (peak {f(mail['peak_per_s'], '/s')})", "report",
        True, f"delivered {mail['delivered']}, pending {mail['pending']}, failed {mail['failed']}, duplicates {mail['duplicates']}")
    s1000 = load("sign_1000.json") or {}
    row("mail commit-to-handoff p95, signing at 1000/s", f(mail["handoff_p95_ms"], " ms"), "< 5000 ms",
        (mail["handoff_p95_ms"] or 1e9) < 5000,
        f"max {f(mail['handoff_max_ms'], ' ms')}; {f(s1000.get('ok_per_s'), '/s')} signed, p99 {f(s1000.get('p99_ms'), ' ms')}")
over, check = load("overload.json"), load("overload_check.txt")
if over and check:
    lost = check["missing_signature"] + check["missing_outbox"]
    row("overload 5x: answers", f"{over['statuses']}", "503/429, quick (p99 < 1 s), no timeouts",
        over["statuses"].get("timeout", 0) == 0 and over["statuses"].get("connection_error", 0) == 0
        and over["p99_ms"] < 1000,
        f"offered {over['offered_per_s']}/s, p50 {f(over['p50_ms'], ' ms')}, p99 {f(over['p99_ms'], ' ms')}")
    row("overload 5x: every 202 stored", f"{check['accepted']} accepted, {lost} missing", "0 missing", lost == 0)
rss = load("rss_kb.txt")
if rss:
    mb = int(str(rss)) / 1024
    row("peak RSS under sign load", f(mb, " MB"), "< 150 MB", mb < 150)
lite = load("sign_sqlite.json")
if lite:
    row("SQLite sign (WAL)", f(lite["ok_per_s"], "/s"), "report", True, f"p99 {f(lite['p99_ms'], ' ms')}")

widths = [max(len(str(r[i])) for r in rows + [("what", "measured", "target", "met", "")]) for i in range(5)]
header = ("what", "measured", "target", "met", "")
for r in [header] + rows:
    print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
