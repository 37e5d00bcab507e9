#!/usr/bin/env python3
"""Scores how RegWatch merges event mentions into stored events, on labelled news (shared/corpus/events-dev.jsonl).

Writes one JSON Feed 1.1 per outlet (the corpus `source` field) in a temporary folder, pulls them all into a fresh
store with the built `regwatch pull`, reads `regwatch events --format json`, and compares with the labels:

  detection   every (event, source, evidence sentence) printed is a predicted mention: the source's article, the
              event's type and the sentence (`evidence`, or one of `other_evidence`, the article's other sentences
              stating the same event). It matches a labelled event of the same article and type whose evidence
              (or one of its alt_evidence) is the same sentence after normalising quotes, dashes and spaces, or one
              contains the other; failing that, the one whose evidence shares most words (Jaccard >= 0.5). Matching is
              one-to-one. Prints precision, recall and F1.
  merging     B-cubed over the matched mentions (Bagga & Baldwin 1998): for each, the share of mentions in its stored
              event that carry its labelled cluster (precision) and the share of its labelled cluster that sits in its
              stored event (recall), averaged; F1 of the two. Also the splitting ratio: stored events per real-world
              event found (each labelled cluster with a matched mention counts the stored events its mentions sit
              in; 1.00 means no real-world event is split).

With --folds 4,5 the figures are computed over the articles of those folds only (pulled with all the others, as a
user's store holds every story): the folds you did not tune on. A table of every fold follows in any case.

With --orders N it also pulls the feeds N more times into fresh stores, one feed per pull in shuffled orders, and
checks that the events are identical (ids, sources, everything).

SCORE_MERGE_WINDOW=N pulls with `--window N` (days) instead of the default, to try another merge window.

Usage:
  scripts/score-merge.py [--corpus ../shared/corpus/events-dev.jsonl] [--binary PATH] [--min-bcubed 0.85]
                         [--min-detection 0.0] [--max-split 1.15] [--orders 0] [--folds 4,5] [--verbose]

Exit status: 0 when every threshold is met (and orders agree), 1 when not, 2 when the scorer cannot run.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict


def norm_sentence(s):
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    s = s.replace("\u00b4", "'").replace("\u2014", "-").replace("\u2013", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


def words(s):
    return set(re.findall(r"\w+", norm_sentence(s)))


def norm_url(u):
    u = (u or "").strip().lower()
    u = re.sub(r"^https?://(www\.)?", "", u)
    return u.rstrip("/")


def find_binary(repo):
    for candidate in [".build-events/debug/regwatch", ".build-events/release/regwatch", ".build/release/regwatch",
                      ".build/debug/regwatch"]:
        p = os.path.join(repo, candidate)
        if os.path.exists(p):
            return p
    return None


def write_feeds(records, folder):
    by_outlet = defaultdict(list)
    for r in records:
        by_outlet[r["source"]].append(r)
    paths = []
    for i, (outlet, items) in enumerate(sorted(by_outlet.items())):
        feed_items = []
        for r in items:
            item = {"id": r["id"], "url": r["url"], "title": r["title"], "content_text": r["text"]}
            if r.get("published"):
                item["date_published"] = r["published"] + ("T12:00:00Z" if len(r["published"]) == 10 else "")
            feed_items.append(item)
        path = os.path.join(folder, "outlet-%02d.json" % i)
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"version": "https://jsonfeed.org/version/1.1", "title": outlet, "items": feed_items}, f,
                      ensure_ascii=False)
        paths.append(path)
    return paths


def pull_and_read(binary, feed_paths, folder, tag, one_at_a_time=False):
    store = os.path.join(folder, "store-%s.sqlite" % tag)
    batches = [[p] for p in feed_paths] if one_at_a_time else [feed_paths]
    listed = []
    for n, batch in enumerate(batches):
        listed += batch
        feeds = os.path.join(folder, "feeds-%s-%d.txt" % (tag, n))
        with open(feeds, "w") as f:
            # Earlier feeds stay listed (not due again), as a real feed list grows.
            f.write("\n".join(listed) + "\n")
        extra = ["--window", os.environ["SCORE_MERGE_WINDOW"]] if os.environ.get("SCORE_MERGE_WINDOW") else []
        run = subprocess.run([binary, "pull", "--feeds", feeds, "--store", store, "--quiet", "--jobs", "1"] + extra,
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit(2)
    run = subprocess.run([binary, "events", "--format", "json", "--store", store], capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        raise SystemExit(2)
    return json.loads(run.stdout)


def evidence_match(pred, gold_sentences):
    p = norm_sentence(pred)
    for g in gold_sentences:
        g = norm_sentence(g)
        if p == g or (len(p) > 20 and p in g) or (len(g) > 20 and g in p):
            return True
    return False


def jaccard(a, b):
    a, b = words(a), words(b)
    return len(a & b) / max(1, len(a | b))


def score(records, events, by_url, by_title, folds, verbose):
    """Detection and merging figures over the articles of `folds` (all when None)."""
    # Predicted mentions per article.
    predicted = defaultdict(list)   # record id -> [(type, evidence, event id)]
    unknown = 0
    identity = {e["id"]: (e["first_seen"], sorted(norm_url(s.get("url")) for s in e["sources"])) for e in events}
    for e in events:
        for s in e["sources"]:
            r = by_url.get(norm_url(s.get("url"))) or by_title.get(norm_sentence(s.get("title") or ""))
            if r is None:
                unknown += 1
                continue
            for evidence in [s["evidence"]] + (s.get("other_evidence") or []):
                predicted[r["id"]].append((e["type"], evidence, e["id"]))
    # Matching is greedy, so it goes in an order that does not depend on event ids (they hash the feed's path).
    for preds in predicted.values():
        preds.sort(key=lambda p: (p[0], p[1], identity[p[2]]))

    matched = []   # (gold cluster, event id)
    tp = fp = fn = 0
    for r in records:
        if folds is not None and r.get("fold") not in folds:
            continue
        golds = list(r["events"])
        preds = list(predicted.get(r["id"], []))
        used_gold = set()
        used_pred = set()
        for pi, (ptype, pev, eid) in enumerate(preds):
            for gi, g in enumerate(golds):
                if gi in used_gold or g["type"] != ptype:
                    continue
                if evidence_match(pev, [g["evidence"]] + (g.get("alt_evidence") or [])):
                    used_gold.add(gi)
                    used_pred.add(pi)
                    matched.append((g["cluster"], eid))
                    break
        for pi, (ptype, pev, eid) in enumerate(preds):
            if pi in used_pred:
                continue
            best = None
            for gi, g in enumerate(golds):
                if gi in used_gold or g["type"] != ptype:
                    continue
                score = max(jaccard(pev, s) for s in [g["evidence"]] + (g.get("alt_evidence") or []))
                if score >= 0.5 and (best is None or score > best[0]):
                    best = (score, gi)
            if best:
                used_gold.add(best[1])
                used_pred.add(pi)
                matched.append((golds[best[1]]["cluster"], eid))
        tp += len(used_pred)
        fp += len(preds) - len(used_pred)
        fn += len(golds) - len(used_gold)
        if verbose:
            for gi, g in enumerate(golds):
                if gi not in used_gold:
                    print("%s missed %s %s: %s" % (r["id"], g["type"], g["actor"], g["evidence"][:100]))
            for pi, (ptype, pev, eid) in enumerate(preds):
                if pi not in used_pred:
                    print("%s extra  %s %s: %s" % (r["id"], ptype, eid, pev[:100]))

    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    detection_f1 = 2 * precision * recall / max(1e-9, precision + recall)

    by_event = defaultdict(list)
    by_cluster = defaultdict(list)
    for i, (cluster, eid) in enumerate(matched):
        by_event[eid].append(i)
        by_cluster[cluster].append(i)
    bp = br = 0.0
    for i, (cluster, eid) in enumerate(matched):
        same = sum(1 for j in by_event[eid] if matched[j][0] == cluster)
        bp += same / len(by_event[eid])
        br += same / len(by_cluster[cluster])
    n = max(1, len(matched))
    bp, br = bp / n, br / n
    bcubed = 2 * bp * br / max(1e-9, bp + br)

    clusters_found = len(by_cluster)
    split = sum(len(set(matched[i][1] for i in items)) for items in by_cluster.values()) / max(1, clusters_found)
    return {"matched": matched, "by_cluster": by_cluster, "tp": tp, "fp": fp, "fn": fn, "unknown": unknown,
            "precision": precision, "recall": recall, "f1": detection_f1, "bp": bp, "br": br, "bcubed": bcubed,
            "split": split, "clusters": clusters_found}


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "corpus", "events-dev.jsonl"))
    parser.add_argument("--binary")
    parser.add_argument("--min-bcubed", type=float)
    parser.add_argument("--min-detection", type=float)
    parser.add_argument("--max-split", type=float, help="most stored events per real-world event found")
    parser.add_argument("--orders", type=int, default=0)
    parser.add_argument("--folds", help="score only the articles of these folds (comma-separated, such as 4,5)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    if not os.path.exists(args.corpus):
        print("score-merge: %s: corpus not found; pass --corpus PATH" % args.corpus, file=sys.stderr)
        return 2
    binary = args.binary or find_binary(repo)
    if not binary:
        print("score-merge: no regwatch binary; build with `swift build --scratch-path .build-events --product regwatch`"
              " or pass --binary PATH", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    by_url = {norm_url(r["url"]): r for r in records}
    by_title = {norm_sentence(r["title"]): r for r in records}

    with tempfile.TemporaryDirectory() as folder:
        paths = write_feeds(records, folder)
        events = pull_and_read(binary, paths, folder, "all")
        order_ok = True
        for k in range(args.orders):
            shuffled = paths[:]
            random.Random(k + 1).shuffle(shuffled)
            again = pull_and_read(binary, shuffled, folder, "order%d" % k, one_at_a_time=True)
            if json.dumps(again, sort_keys=True) != json.dumps(events, sort_keys=True):
                order_ok = False
                print("order %d: events differ from the all-at-once pull" % (k + 1))

    folds = sorted({r.get("fold") for r in records if r.get("fold") is not None})
    chosen = None
    if args.folds:
        try:
            chosen = {int(f) for f in args.folds.split(",") if f.strip()}
        except ValueError:
            print("score-merge: --folds takes comma-separated fold numbers, such as 4,5", file=sys.stderr)
            return 2
        if chosen - set(folds):
            print("score-merge: no fold %s in the corpus (folds: %s)" % (
                ",".join(map(str, sorted(chosen - set(folds)))), ",".join(map(str, folds))), file=sys.stderr)
            return 2
    s = score(records, events, by_url, by_title, chosen, args.verbose)
    matched, by_cluster = s["matched"], s["by_cluster"]
    if args.verbose:
        by_id = {e["id"]: e for e in events}
        for cluster, items in sorted(by_cluster.items()):
            ids = sorted(set(matched[i][1] for i in items))
            print("%s -> %s" % (cluster, ids))
            if len(ids) > 1:
                for eid in ids:
                    e = by_id[eid]
                    print("    %s %s actor=%r targets=%r product=%r %s..%s (%d sources)" % (
                        eid, e["type"], e.get("actor"), e.get("targets"), e.get("product"), e["first_seen"][:10],
                        e["last_seen"][:10], len(e["sources"])))
    label = "folds %s" % ",".join(map(str, sorted(chosen))) if chosen else "all folds"
    print("stored events: %d (whole corpus), predicted mentions in %s: %d (%d with an unknown source)" %
          (len(events), label, s["tp"] + s["fp"] + s["unknown"], s["unknown"]))
    print("detection: precision %.3f  recall %.3f  F1 %.3f  (%d matched, %d extra, %d missed)" %
          (s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]))
    print("merging (B-cubed over %d matched mentions): precision %.3f  recall %.3f  F1 %.3f" %
          (len(matched), s["bp"], s["br"], s["bcubed"]))
    print("splitting: %.2f stored events per real-world event found (%d real-world events found)" % (s["split"], s["clusters"]))
    if args.orders:
        print("order independence: %s over %d shuffled one-feed-at-a-time pulls" % ("identical" if order_ok else "DIFFERENT", args.orders))
    if len(folds) > 1:
        print()
        print("By fold (a fold's stories appear in no other fold)")
        print("  %-5s %6s %6s %6s %6s  %6s" % ("fold", "found", "detF1", "B3-P", "B3-R", "B3-F1") + "  split")
        for f in folds:
            t = score(records, events, by_url, by_title, {f}, False)
            print("  %-5s %6d %6.3f %6.3f %6.3f  %6.3f  %5.2f" % (f, t["clusters"], t["f1"], t["bp"], t["br"], t["bcubed"], t["split"]))

    ok = order_ok
    if args.min_bcubed is not None and s["bcubed"] < args.min_bcubed:
        ok = False
    if args.min_detection is not None and s["f1"] < args.min_detection:
        ok = False
    if args.max_split is not None and s["split"] > args.max_split:
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
