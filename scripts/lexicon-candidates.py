#!/usr/bin/env python3
"""Widen the trigger lexicon systematically: for each event type, the words WordNet puts in the same sense as the
one-word triggers of rules.txt (synonyms, the noun or verb derived from them, and with --troponyms the ways to do the act) that no rule of that type covers
yet, with the inflections a rule needs.

    scripts/lexicon-candidates.py                      # every type
    scripts/lexicon-candidates.py --type ban --type lift
    scripts/lexicon-candidates.py --senses 2           # only each trigger's two most frequent senses (default 1)

WordNet comes from Debian's `wordnet-base` (`apt-get install wordnet-base`, read from /usr/share/wordnet; --wordnet DIR
for another copy). The output is a list to review, not rules to paste: a candidate joins rules.txt only with a test
sentence of our own that it must match and a near miss it must not (Tests/RegWatchExtractTests/LexiconTests.swift).
Senses are ranked by WordNet's tagged frequency, so rare senses ("ban" as a Moldovan coin) stay out unless --senses
asks for them.

Exit status: 0 on success, 2 when WordNet or the rules file cannot be read.
"""
import argparse
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "Sources", "RegWatchExtract", "Resources", "rules.txt")
POS = {"verb": "v", "noun": "n"}


def load_wordnet(root):
    """Index (lemma, pos) -> synset offsets by frequency, and synsets (pos, offset) -> (lemmas, pointers)."""
    index, synsets, exceptions = {}, {}, defaultdict(set)
    for name, pos in POS.items():
        with open(os.path.join(root, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, p_cnt = fields[0], int(fields[3])
                sense_cnt = int(fields[2])
                index[(lemma, pos)] = fields[6 + p_cnt:6 + p_cnt + sense_cnt]
        with open(os.path.join(root, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                fields = line.split("|")[0].split()
                offset, w_cnt = fields[0], int(fields[3], 16)
                words = [fields[4 + 2 * i].lower() for i in range(w_cnt)]
                k = 4 + 2 * w_cnt
                p_cnt = int(fields[k])
                pointers = []
                for i in range(p_cnt):
                    symbol, target, tpos, srctgt = fields[k + 1 + 4 * i:k + 5 + 4 * i]
                    pointers.append((symbol, target, {"v": "v", "n": "n"}.get(tpos, tpos), int(srctgt[:2], 16),
                                     int(srctgt[2:], 16)))
                synsets[(pos, offset)] = (words, pointers)
        with open(os.path.join(root, name + ".exc"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    exceptions[parts[1]].add(parts[0])
    return index, synsets, exceptions


def triggers_by_type(path):
    """By type: the words of one-word rules (the triggers that carry the meaning alone: "ban|bans|banned"), and the
    first words of every rule (what is already covered). Alternatives split, prefixes kept with their '*'."""
    meaning, first = defaultdict(set), defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^rule (\w+)(?: \[[^\]]*\])?: (.+)$", line.rstrip())
            if m:
                pattern = m.group(2).split()
                for word in pattern[0].split("|"):
                    if not word.startswith("{"):
                        first[m.group(1)].add(word.lower())
                        if len(pattern) == 1:
                            meaning[m.group(1)].add(word.lower())
    return meaning, first


def covered(word, words):
    return any(w == word or (w.endswith("*") and word.startswith(w[:-1])) for w in words)


def inflections(verb, exceptions):
    """bar -> bars, barred, barring; ban -> bans, banned, banning; revoke -> revokes, revoked, revoking."""
    forms = {verb}
    irregular = exceptions.get(verb, set())
    forms |= irregular
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    cvc = len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou" and len(verb) <= 4
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ied", verb + "ing"}
    elif cvc:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
    if not irregular or any(f.endswith("ed") for f in irregular):
        return sorted(forms)
    return sorted(f for f in forms if not f.endswith("ed")) + sorted(irregular - forms)


def candidates(seeds, index, synsets, senses, troponyms):
    """Lemmas that share one of a seed's top senses, troponyms of those senses, and derived nouns/verbs."""
    found = defaultdict(set)
    for seed in seeds:
        base = seed.rstrip("*")
        for pos in ("v", "n"):
            for offset in index.get((base, pos), [])[:senses]:
                words, pointers = synsets[(pos, offset)]
                for w in words:
                    found[(w, pos)].add("%s (same sense)" % base)
                for symbol, target, tpos, src, _ in pointers:
                    if troponyms and symbol == "~" and pos == "v":
                        for w in synsets[(tpos, target)][0]:
                            found[(w, tpos)].add("%s (a way to %s)" % (base, base))
                    if symbol == "+" and (src == 0 or words[src - 1] == base) and tpos in ("v", "n"):
                        for w in synsets[(tpos, target)][0]:
                            found[(w, tpos)].add("%s (derived %s)" % (base, {"v": "verb", "n": "noun"}[tpos]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--type", action="append", help="event type(s) to widen (default: all)")
    parser.add_argument("--senses", type=int, default=1, help="how many of a trigger's most frequent senses to read")
    parser.add_argument("--troponyms", action="store_true", help="also list the ways to do a trigger's act (WordNet troponyms)")
    parser.add_argument("--seed", action="append", metavar="TYPE:WORD", help="seed a type with a word of your own, e.g. lift:rescind")
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="WordNet dict directory (wordnet-base)")
    parser.add_argument("--rules", default=RULES, help="rules file whose triggers seed the search")
    args = parser.parse_args()
    try:
        index, synsets, exceptions = load_wordnet(args.wordnet)
        by_type, first_words = triggers_by_type(args.rules)
    except OSError as e:
        print("lexicon-candidates: %s (install Debian's wordnet-base, or pass --wordnet/--rules)" % e, file=sys.stderr)
        return 2
    for spec in args.seed or []:
        event_type, _, word = spec.partition(":")
        by_type[event_type].add(word.lower())
    all_words = set().union(*first_words.values())
    for event_type in sorted(args.type or by_type):
        seeds = by_type.get(event_type, set())
        known = first_words.get(event_type, set()) | seeds
        # Exact seeds and the stems of prefix seeds, as WordNet lemmas ("revok*" -> "revoke" when WordNet has it).
        lemmas = set()
        for s in seeds:
            base = s.rstrip("*")
            for guess in (base, base + "e", base + "y"):
                if (guess, "v") in index or (guess, "n") in index:
                    lemmas.add(guess)
                    break
        found = candidates(sorted(lemmas), index, synsets, args.senses, args.troponyms)
        rows = []
        for (word, pos), why in sorted(found.items()):
            if "_" in word or covered(word, known):
                continue
            forms = inflections(word, exceptions) if pos == "v" else [word]
            if all(covered(f, known) for f in forms):
                continue
            elsewhere = " [a trigger of another type]" if any(covered(f, all_words) for f in forms) else ""
            rows.append("  %-5s %-40s from %s%s" % ({"v": "verb", "n": "noun"}[pos], "|".join(forms),
                                                  "; ".join(sorted(why)[:3]), elsewhere))
        print("%s: %d triggers, %d candidates" % (event_type, len(seeds), len(rows)))
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
