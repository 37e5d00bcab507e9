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
  scripts/score-extract.py [--corpus ../shared/corpus/events-dev.jsonl] [--binary PATH] [--folds 4,5]
                           [--min-f1 0.85] [--min-actor 0.9] [--min-targets-f1 0.6] [--min-watch-f1 0.8] [--verbose]

Every record has a fold (1-5; all articles of one story share a fold). The figures are printed for the folds chosen
with --folds (all by default), then a table of every fold on its own: tune while looking at some folds, and judge the
change on the others. The thresholds apply to the chosen folds.

Exit status: 0 when every given threshold is met, 1 when one is not, 2 when the scorer itself cannot run.

How arguments are compared (documented so the figures can be judged):
  actor     equal after normalisation (case, "the", punctuation; "firms" = "companies"); a label "A (B)" accepts
            "A (B)", "A" or "B"; a label "A; B" accepts the same set of parties in any order. No actor on both
            sides counts as equal. Names are then compared as entities: an alias of the entity list stands for its
            canonical name, and a country qualifier may stand anywhere ("China Ministry of Commerce" = "Ministry of
            Commerce of China" = "Chinese Ministry of Commerce"). --strict-names compares words only.
  targets   correct when some predicted target equals or contains (as whole words) some labelled target, or
            the other way round; both empty counts as correct. "targets F1" counts each target instead: a predicted
            target is right when it contains or is contained in a labelled one, a labelled one found when some
            predicted one does.
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


class Names:
    """What the entity list says about names: the canonical name of every alias, and the country words (names,
    aliases and demonyms) that qualify a body's name ("China Ministry of Commerce" = "Ministry of Commerce of China" =
    "Ministry of Commerce (China)"). Empty unless --entities or the bundled list is read (see main)."""
    canonical = {}
    country_words = {}

    @classmethod
    def load(cls, path):
        cls.canonical, cls.country_words = {}, {}
        if not path or not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
                fields = [x.strip() for x in line.split("|")]
                if len(fields) < 4 or not fields[1]:
                    continue
                kind, name = fields[0].lower(), fields[1]
                aliases = [a.strip() for a in fields[4].split(";")] if len(fields) > 4 else []
                for alias in [name] + aliases:
                    if alias:
                        # An alias two entities share ("CNPD" is Portugal's and Luxembourg's data protection
                        # commission) names either of them.
                        names = cls.canonical.setdefault(norm_name(alias), [])
                        if norm_name(name) not in names:
                            names.append(norm_name(name))
                if kind == "country":
                    # Its name, its aliases ("US", "U.S.", "PRC") and its demonyms all qualify a body's name.
                    demonyms = [d.strip() for d in fields[5].split(";")] if len(fields) > 5 else []
                    for word in [name] + aliases + demonyms:
                        if word:
                            cls.country_words[norm_name(word)] = norm_name(name)

    @classmethod
    def keys(cls, party):
        """The entities a party may name: one key, or one per entity when its name is an alias they share."""
        n = norm_name(party)
        return {cls.key_of_name(c) for c in cls.canonical.get(n, [n])}

    @classmethod
    def key(cls, party):
        """The entity a party names (the first, when an alias is shared); see key_of_name."""
        n = norm_name(party)
        return cls.key_of_name(cls.canonical.get(n, [n])[0])

    @classmethod
    def key_of_name(cls, n):
        """A name's key: its words as a set, with country words (in any position, as a qualifier or in brackets)
        turned into the country's name."""
        words = re.sub(r"[()]", " ", n).split()
        out = set()
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                chunk = " ".join(words[i:i + size])
                if len(words[i:i + size]) == size and chunk in cls.country_words:
                    out.add(cls.country_words[chunk])
                    i += size
                    break
            else:
                if words[i] not in ("of", "the", "and"):
                    out.add(words[i])
                i += 1
        # A country acting is its government: "China" = "Government of China".
        countries = set(cls.country_words.values())
        if len(out) == 2 and "government" in out and out - {"government"} <= countries:
            out = out - {"government"}
        return frozenset(out)


STRICT_NAMES = False


def same_parties(pred, gold):
    """Both name the same parties, judged through the entity list (see Names)."""
    golds = [gold] + [m for m in re.findall(r"\(([^()]*)\)", gold)] + [re.sub(r"\s*\([^()]*\)", "", gold)]
    preds = [Names.keys(p) for p in pred.split(";") if p.strip()]
    for g in golds:
        gs = [Names.keys(p) for p in g.split(";") if p.strip()]
        # The same number of parties, each predicted one naming a labelled one (shared aliases name either entity).
        if len(gs) == len(preds) and all(any(pk & gk for gk in gs) for pk in preds) and all(any(pk & gk for pk in preds) for gk in gs):
            return True
    return False


def actor_matches(pred, gold):
    if not pred and not gold:
        return True
    if not pred or not gold:
        return False
    if norm_name(pred) in actor_alternatives(gold):
        return True
    if party_set(pred) == party_set(gold):
        return True
    return not STRICT_NAMES and same_parties(pred, gold)


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
    ap.add_argument("--min-targets-f1", type=float, help="fail when targets F1 on matched events is below this")
    ap.add_argument("--min-watch-f1", type=float, help="fail when watch-item F1 is below this")
    ap.add_argument("--folds", help="score only these folds (comma-separated, such as 4,5): the folds you did not "
                                    "tune on; the per-fold table always lists every fold")
    ap.add_argument("--rules", help="a rules file to extract with instead of the bundled one")
    ap.add_argument("--entities", help="an entity list to extract with instead of the bundled one")
    ap.add_argument("--strict-names", action="store_true",
                    help="compare actors by their words only, not as the same entity of the entity list")
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
    global STRICT_NAMES
    STRICT_NAMES = args.strict_names
    Names.load(args.entities or os.path.join(repo, "Sources", "RegWatchExtract", "Resources", "entities.txt"))

    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "corpus.json")
        build_feed(records, feed)
        command = [binary, "extract", "--json", feed]
        if args.rules:
            command += ["--rules", args.rules]
        if args.entities:
            command += ["--entities", args.entities]
        proc = subprocess.run(command, capture_output=True, text=True)
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
    scored = [(r, score_article(r, by_url.get(r["url"], docs[i]))) for i, r in enumerate(records)]

    folds = sorted({r.get("fold") for r in records if r.get("fold") is not None})
    chosen = set(folds)
    if args.folds:
        try:
            chosen = {int(f) for f in args.folds.split(",") if f.strip()}
        except ValueError:
            print("score-extract: --folds takes comma-separated fold numbers, such as 4,5", file=sys.stderr)
            return 2
        unknown = chosen - set(folds)
        if unknown:
            print("score-extract: no fold %s in the corpus (folds: %s)" % (
                ",".join(map(str, sorted(unknown))), ",".join(map(str, folds))), file=sys.stderr)
            return 2
    selected = [(r, s) for r, s in scored if not args.folds or r.get("fold") in chosen]

    if args.verbose:
        for r, s in selected:
            for line in s["report"]:
                print("%s  %s" % (r["id"], line))
        print()
    total = Totals()
    for _, s in selected:
        total.add(s)
    label = "folds %s" % ",".join(map(str, sorted(chosen))) if args.folds else "all folds"
    print("Events (%d articles, %s, %s)" % (len(selected), os.path.basename(args.corpus), label))
    print("  %-14s %5s %5s %5s  %6s %6s %6s" % ("type", "tp", "fp", "fn", "P", "R", "F1"))
    for t in TYPES:
        if total.tp[t] + total.fp[t] + total.fn[t] == 0:
            continue
        p, rc, f = prf(total.tp[t], total.fp[t], total.fn[t])
        print("  %-14s %5d %5d %5d  %6.3f %6.3f %6.3f" % (t, total.tp[t], total.fp[t], total.fn[t], p, rc, f))
    T, F, N = total.events()
    p, rc, f1 = prf(T, F, N)
    print("  %-14s %5d %5d %5d  %6.3f %6.3f %6.3f" % ("overall", T, F, N, p, rc, f1))
    print()
    print("Arguments on %d matched events" % total.matched)
    acc = {}
    for k in ("actor", "targets", "product", "countries"):
        acc[k] = total.arg_ok[k] / total.matched if total.matched else 0.0
        print("  %-10s %6.3f  (%d/%d)" % (k, acc[k], total.arg_ok[k], total.matched))
    tgt_p, tgt_r, tgt_f = prf(*total.targets)
    print("  targets F1 %6.3f  (P %.3f R %.3f: each labelled and predicted target of matched events, by containment)"
          % (tgt_f, tgt_p, tgt_r))
    print()
    wp, wr, wf = prf(*total.watch)
    print("Watch items: tp %d fp %d fn %d  P %.3f R %.3f F1 %.3f" % (total.watch + (wp, wr, wf)))

    if len(folds) > 1:
        print()
        print("By fold (a fold's stories appear in no other fold)")
        print("  %-5s %4s %6s %6s %6s  %6s %6s  %6s" % ("fold", "art", "P", "R", "F1", "actor", "tgtF1", "watchF1"))
        for fold in folds:
            t = Totals()
            n = 0
            for r, s in scored:
                if r.get("fold") == fold:
                    t.add(s)
                    n += 1
            fp_, fr_, ff_ = prf(*t.events())
            fa = t.arg_ok["actor"] / t.matched if t.matched else 0.0
            print("  %-5s %4d %6.3f %6.3f %6.3f  %6.3f %6.3f  %6.3f" % (
                fold, n, fp_, fr_, ff_, fa, prf(*t.targets)[2], prf(*t.watch)[2]))

    failures = []
    if args.min_f1 is not None and f1 < args.min_f1:
        failures.append("event F1 %.3f is below --min-f1 %.3f" % (f1, args.min_f1))
    if args.min_actor is not None and acc["actor"] < args.min_actor:
        failures.append("actor accuracy %.3f is below --min-actor %.3f" % (acc["actor"], args.min_actor))
    if args.min_targets_f1 is not None and tgt_f < args.min_targets_f1:
        failures.append("targets F1 %.3f is below --min-targets-f1 %.3f" % (tgt_f, args.min_targets_f1))
    if args.min_watch_f1 is not None and wf < args.min_watch_f1:
        failures.append("watch F1 %.3f is below --min-watch-f1 %.3f" % (wf, args.min_watch_f1))
    for msg in failures:
        print("score-extract: FAIL: " + msg, file=sys.stderr)
    return 1 if failures else 0


class Totals:
    """Counts summed over articles."""

    def __init__(self):
        self.tp, self.fp, self.fn = defaultdict(int), defaultdict(int), defaultdict(int)
        self.arg_ok = defaultdict(int)
        self.matched = 0
        self.targets = (0, 0, 0)
        self.watch = (0, 0, 0)

    def add(self, s):
        for k in s["tp"]:
            self.tp[k] += s["tp"][k]
        for k in s["fp"]:
            self.fp[k] += s["fp"][k]
        for k in s["fn"]:
            self.fn[k] += s["fn"][k]
        for k in s["arg_ok"]:
            self.arg_ok[k] += s["arg_ok"][k]
        self.matched += s["matched"]
        self.targets = tuple(a + b for a, b in zip(self.targets, s["targets"]))
        self.watch = tuple(a + b for a, b in zip(self.watch, s["watch"]))

    def events(self):
        return sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())


def target_counts(pred, gold):
    """Target-level tp, fp, fn of one matched event: a predicted target is right when it contains or is contained in
    a labelled one (as whole words); a labelled target is found when some predicted one does."""
    pred, gold = pred or [], gold or []
    tp = sum(1 for p in pred if any(contains_words(p, g) for g in gold))
    found = sum(1 for g in gold if any(contains_words(p, g) for p in pred))
    return tp, len(pred) - tp, len(gold) - found


def score_article(r, d):
    """Matches one article's predicted events and watch items to its labels."""
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
    s = {"tp": defaultdict(int), "fp": defaultdict(int), "fn": defaultdict(int), "arg_ok": defaultdict(int),
         "matched": 0, "targets": (0, 0, 0), "report": []}
    report = s["report"]
    for p, g in pairs:
        s["tp"][p["type"]] += 1
        s["matched"] += 1
        s["arg_ok"]["actor"] += actor_matches(p.get("actor"), g.get("actor"))
        s["arg_ok"]["targets"] += targets_match(p.get("targets"), g.get("targets"))
        s["arg_ok"]["product"] += product_matches(p.get("product"), g.get("product"))
        s["arg_ok"]["countries"] += countries_match(p.get("countries"), g.get("countries"))
        s["targets"] = tuple(a + b for a, b in zip(s["targets"], target_counts(p.get("targets"), g.get("targets"))))
        if not actor_matches(p.get("actor"), g.get("actor")):
            report.append("ACTOR  %s: predicted %r, labelled %r" % (p["type"], p.get("actor"), g.get("actor")))
        if not targets_match(p.get("targets"), g.get("targets")):
            report.append("TARGETS  %s: predicted %r, labelled %r" % (p["type"], p.get("targets"), g.get("targets")))
        if not product_matches(p.get("product"), g.get("product")):
            report.append("PRODUCT  %s: predicted %r, labelled %r" % (p["type"], p.get("product"), g.get("product")))
    for pi, p in enumerate(preds):
        if not pred_matched[pi]:
            s["fp"][p["type"]] += 1
            report.append("FP  %s [%s] %r: %s" % (p["type"], p.get("status", "?"), p.get("actor"), p["evidence"][:150]))
    for gi, g in enumerate(golds):
        if not used[gi]:
            s["fn"][g["type"]] += 1
            report.append("FN  %s %r: %s" % (g["type"], g.get("actor"), g["evidence"][:150]))
    gold_w = {norm_sentence(w) for w in r.get("watch", [])}
    pred_w = {norm_sentence(w["text"]) for w in d.get("watch", [])}
    s["watch"] = (len(gold_w & pred_w), len(pred_w - gold_w), len(gold_w - pred_w))
    # Sorted: a set's order changes from run to run, and two runs of one binary must print alike.
    for w in sorted(pred_w - gold_w):
        report.append("WATCH-FP  %s" % w)
    for w in sorted(gold_w - pred_w):
        report.append("WATCH-FN  %s" % w)
    return s


if __name__ == "__main__":
    sys.exit(main())
