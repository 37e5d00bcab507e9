#!/usr/bin/env python3
"""Baseline for `regwatch-bench pull`: cross-feed duplicates with datasketch's MinHashLSH.

Reads the corpus that regwatch-bench writes (JSON lines in publication order: id, feed, title,
text, link, copy_of), and, like a pull, queries each item against the items seen before it, then
inserts it. An item with a candidate from another feed is linked to the earliest such candidate's
root. MinHash of 128 permutations over word 5-shingles, LSH threshold 0.8, no verification: the
usual datasketch recipe. Prints one JSON object: precision, recall, seconds, peak RSS.

    python3 scripts/dedup-datasketch.py corpus.jsonl
"""
import json
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH


def shingles(text, k=5):
    words = text.lower().split()
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def main(path):
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    feed_of = {}
    root_of = {}
    truth = {}
    predicted = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            key = item["id"]
            feed_of[key] = item["feed"]
            truth[key] = item.get("copy_of") if item.get("copy_of") is not None else key
            m = MinHash(num_perm=128)
            m.update_batch(list(shingles(item["title"] + " " + item["text"])))
            roots = [root_of[c] for c in lsh.query(m) if feed_of[c] != item["feed"]]
            root_of[key] = min(roots) if roots else key
            if roots:
                predicted[key] = min(roots)
            lsh.insert(key, m)
    seconds = time.perf_counter() - started
    correct = sum(1 for a, b in predicted.items() if truth[a] == truth[b])
    copies = [k for k, t in truth.items() if t != k]
    found = sum(1 for k in copies if k in predicted and truth[predicted[k]] == truth[k])
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "items": len(truth), "copies": len(copies), "predicted": len(predicted),
        "precision": correct / len(predicted) if predicted else 1.0,
        "recall": found / len(copies) if copies else 1.0,
        "seconds": seconds, "peak_rss_mb": peak_kb / 1024,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
