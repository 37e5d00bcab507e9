#!/usr/bin/env python3
"""Scores `regwatch extract` against labelled news (shared/corpus/events-dev.jsonl).

Builds a JSON Feed 1.1 from the corpus in a temporary folder (one item per article, its text as content_text),
runs the built `regwatch extract --json` on it, and matches predicted events to labelled ones per article:
same type, and the same evidence sentence (the label's evidence or any of its alt_evidence) or the same actor.
Matching is one-to-one: evidence matches first, then actor matches, in the order the extractor printed events.

Prints precision, recall and F1 per type and overall; on matched events the accuracy of actor, targets,
product and countries; and precision/recall/F1 of watch items (matched by sentence, with whitespace, quotes and
dashes normalised).

Usage:
  scripts/score-extract.py [--corpus ../shared/corpus/events-dev.jsonl] [--binary PATH] [--min-f1 0.85]
                           [--min-actor 0.9] [--min-watch-f1 0.8] [--verbose]

Exit status: 0 when every given threshold is met, 1 when one is not, 2 when the scorer itself cannot run.

How arguments are compared (documented so the figures can be judged):
  actor     equal after normalisation (case, "the", punctuation; "firms" = "companies"); a label "A (B)" accepts
            "A (B)", "A" or "B"; a label "A; B" accepts the same set of parties in any order. No actor on both
            sides counts as equal.
  targets   correct when some predicted target equals or contains (as whole words) some labelled target, or
            the other way round; both empty counts as correct.
  product   the same containment test against any part of the label split at " / " or "; ".
  countries correct when the two sets overlap (the labels are not exhaustive); both empty counts as correct.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

TYPES = ["ban", "block", "workaround", "restriction", "lift", "investigation", "penalty", "lawsuit",
         "legislation", "tracking"]


def norm_sentence(s):
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    s = s.replace("\u00b4", "'").replace("\u2014", "-").replace("\u2013", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def norm_name(s):
    s = norm_sentence(s).lower()
    s = re.sub(r"^the ", "", s)
    s = s.replace("'s ", " ").replace("-", " ")
    s = re.sub(r"[^\w\s;()]", "", s)
    s = re.sub(r"\bfirms\b", "companies", s)
    s = re.sub(r"\bfirm\b", "company", s)
    s = re.sub(r"\borganizations\b", "organisations", s)
    return re.sub(r"\s+", " ", s).strip()


def actor_alternatives(gold):
    alts = {norm_name(gold)}
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", gold)
    if m:
        alts.add(norm_name(m.group(1)))
        alts.add(norm_name(m.group(2)))
    return alts


def party_set(s):
    return frozenset(norm_name(p) for p in s.split(";") if p.strip())


def actor_matches(pred, gold):
    if not pred and not gold:
        return True
    if not pred or not gold:
        return False
    if norm_name(pred) in actor_alternatives(gold):
        return True
    return party_set(pred) == party_set(gold)


def contains_words(a, b):
    a, b = " %s " % norm_name(a), " %s " % norm_name(b)
    return a.strip() != "" and b.strip() != "" and (a in b or b in a)


def targets_match(pred, gold):
    pred, gold = pred or [], gold or []
    if not pred and not gold:
        return True
    return any(contains_words(p, g) for p in pred for g in gold)


def product_matches(pred, gold):
    if not pred and not gold:
        return True
    if not pred or not gold:
        return False
    parts = [p for p in re.split(r" / |; ", gold) if p.strip()]
    return any(contains_words(pred, g) for g in parts)


def countries_match(pred, gold):
    pred, gold = set(pred or []), set(gold or [])
    if not pred and not gold:
        return True
    return bool(pred & gold)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def build_feed(records, path):
    items = []
    for r in records:
        item = {"id": r["id"], "url": r["url"], "title": r["title"], "content_text": r["text"]}
        if r.get("published"):
            item["date_published"] = r["published"] + ("T12:00:00Z" if len(r["published"]) == 10 else "")
        items.append(item)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "RegWatch labelled corpus", "items": items}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False)


def find_binary(repo):
    for candidate in [".build-extract/release/regwatch", ".build-extract/debug/regwatch", ".build/release/regwatch",
                      ".build/debug/regwatch"]:
        p = os.path.join(repo, candidate)
        if os.path.exists(p):
            return p
    return None


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description="Score regwatch extract against labelled news.")
    ap.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus", "events-dev.jsonl"))
    ap.add_argument("--binary", help="the regwatch executable (default: the newest build under .build*)")
    ap.add_argument("--min-f1", type=float, help="fail when overall event F1 is below this")
    ap.add_argument("--min-actor", type=float, help="fail when actor accuracy is below this")
    ap.add_argument("--min-watch-f1", type=float, help="fail when watch-item F1 is below this")
    ap.add_argument("--verbose", action="store_true", help="list false positives and false negatives")
    args = ap.parse_args()

    if not os.path.exists(args.corpus):
        print("score-extract: corpus not found at %s; pass --corpus PATH" % args.corpus, file=sys.stderr)
        return 2
    binary = args.binary or find_binary(repo)
    if not binary or not os.path.exists(binary):
        print("score-extract: no regwatch binary; build it with "
              "`swift build --scratch-path .build-extract --product regwatch` or pass --binary", file=sys.stderr)
        return 2
    with open(args.corpus, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]

    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "corpus.json")
        build_feed(records, feed)
        proc = subprocess.run([binary, "extract", "--json", feed], capture_output=True, text=True)
        if proc.returncode != 0:
            print("score-extract: %s extract failed (exit %d):\n%s" % (binary, proc.returncode, proc.stderr),
                  file=sys.stderr)
            return 2
        try:
            output = json.loads(proc.stdout)
        except json.JSONDecodeError as e:
            print("score-extract: the output is not JSON (%s)" % e, file=sys.stderr)
            return 2

    docs = output.get("documents", [])
    if len(docs) != len(records):
        print("score-extract: %d documents in the output for %d articles" % (len(docs), len(records)),
              file=sys.stderr)
        return 2
    by_url = {d.get("url"): d for d in docs}

    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    arg_ok = defaultdict(int)
    matched = 0
    w_tp = w_fp = w_fn = 0
    report = []
    for i, r in enumerate(records):
        d = by_url.get(r["url"], docs[i])
        preds = d.get("events", [])
        golds = r.get("events", [])
        used = [False] * len(golds)
        pairs = []
        pred_matched = [False] * len(preds)
        for stage in ("evidence", "actor"):
            for pi, p in enumerate(preds):
                if pred_matched[pi]:
                    continue
                for gi, g in enumerate(golds):
                    if used[gi] or g["type"] != p["type"]:
                        continue
                    if stage == "evidence":
                        ev = {norm_sentence(g["evidence"])} | {norm_sentence(a) for a in g.get("alt_evidence", [])}
                        ok = norm_sentence(p["evidence"]) in ev
                    else:
                        ok = actor_matches(p.get("actor"), g.get("actor"))
                    if ok:
                        used[gi] = True
                        pred_matched[pi] = True
                        pairs.append((p, g))
                        break
        for p, g in pairs:
            tp[p["type"]] += 1
            matched += 1
            arg_ok["actor"] += actor_matches(p.get("actor"), g.get("actor"))
            arg_ok["targets"] += targets_match(p.get("targets"), g.get("targets"))
            arg_ok["product"] += product_matches(p.get("product"), g.get("product"))
            arg_ok["countries"] += countries_match(p.get("countries"), g.get("countries"))
            if args.verbose and not actor_matches(p.get("actor"), g.get("actor")):
                report.append("%s  ACTOR  %s: predicted %r, labelled %r" % (r["id"], p["type"], p.get("actor"), g.get("actor")))
        for pi, p in enumerate(preds):
            if not pred_matched[pi]:
                fp[p["type"]] += 1
                report.append("%s  FP  %s %r: %s" % (r["id"], p["type"], p.get("actor"), p["evidence"][:150]))
        for gi, g in enumerate(golds):
            if not used[gi]:
                fn[g["type"]] += 1
                report.append("%s  FN  %s %r: %s" % (r["id"], g["type"], g.get("actor"), g["evidence"][:150]))
        gold_w = {norm_sentence(w) for w in r.get("watch", [])}
        pred_w = {norm_sentence(w["text"]) for w in d.get("watch", [])}
        w_tp += len(gold_w & pred_w)
        w_fp += len(pred_w - gold_w)
        w_fn += len(gold_w - pred_w)
        for w in pred_w - gold_w:
            report.append("%s  WATCH-FP  %s" % (r["id"], w[:150]))
        for w in gold_w - pred_w:
            report.append("%s  WATCH-FN  %s" % (r["id"], w[:150]))

    if args.verbose:
        print("\n".join(report))
        print()
    print("Events (%d articles, %s)" % (len(records), os.path.basename(args.corpus)))
    print("  %-14s %5s %5s %5s  %6s %6s %6s" % ("type", "tp", "fp", "fn", "P", "R", "F1"))
    for t in TYPES:
        if tp[t] + fp[t] + fn[t] == 0:
            continue
        p, rc, f = prf(tp[t], fp[t], fn[t])
        print("  %-14s %5d %5d %5d  %6.3f %6.3f %6.3f" % (t, tp[t], fp[t], fn[t], p, rc, f))
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, rc, f1 = prf(T, F, N)
    print("  %-14s %5d %5d %5d  %6.3f %6.3f %6.3f" % ("overall", T, F, N, p, rc, f1))
    print()
    print("Arguments on %d matched events" % matched)
    acc = {}
    for k in ("actor", "targets", "product", "countries"):
        acc[k] = arg_ok[k] / matched if matched else 0.0
        print("  %-10s %6.3f  (%d/%d)" % (k, acc[k], arg_ok[k], matched))
    print()
    wp, wr, wf = prf(w_tp, w_fp, w_fn)
    print("Watch items: tp %d fp %d fn %d  P %.3f R %.3f F1 %.3f" % (w_tp, w_fp, w_fn, wp, wr, wf))

    failures = []
    if args.min_f1 is not None and f1 < args.min_f1:
        failures.append("event F1 %.3f is below --min-f1 %.3f" % (f1, args.min_f1))
    if args.min_actor is not None and acc["actor"] < args.min_actor:
        failures.append("actor accuracy %.3f is below --min-actor %.3f" % (acc["actor"], args.min_actor))
    if args.min_watch_f1 is not None and wf < args.min_watch_f1:
        failures.append("watch F1 %.3f is below --min-watch-f1 %.3f" % (wf, args.min_watch_f1))
    for msg in failures:
        print("score-extract: FAIL: " + msg, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
