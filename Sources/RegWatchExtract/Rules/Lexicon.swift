import Foundation

/// The word classes that party recognition, clause reading and "what to watch" rely on, kept as data in
/// `Resources/lexicon.txt` and organised by meaning: the heads that name an organisation or a group, people's
/// roles, the nouns of acts and instruments, the verbs that make another party act. Triggers and cues live in
/// `rules.txt`; the closed grammar of English (articles, prepositions, forms of "be") stays in the code that reads it.
///
/// The file is part of the install: a missing file, a malformed line or a class the code asks for and the file does
/// not hold is a broken install, reported with the file and line, not a state to run in.
struct Lexicon: Sendable {
    /// Each class's words in file order.
    private(set) var classes: [String: [String]] = [:]

    /// The class `name` as a set. Stops with the name of the missing class when the bundled file lacks it.
    func set(_ name: String) -> Set<String> { Set(list(name)) }

    /// The class `name` in file order.
    func list(_ name: String) -> [String] {
        guard let words = classes[name] else {
            fatalError("lexicon.txt has no class [\(name)]; reinstall RegWatch or restore the class")
        }
        return words
    }

    /// The lexicon shipped with RegWatch, or, in a build that carries no resource bundle (the fuzz targets of
    /// `scripts/fuzz`), the file `REGWATCH_LEXICON` names.
    static let bundled: Lexicon = {
        do {
            if let path = ProcessInfo.processInfo.environment["REGWATCH_LEXICON"], !path.isEmpty {
                return try parse(try Bundled.readFile(path), file: path)
            }
            return try parse(try Bundled.text("lexicon.txt"), file: "lexicon.txt (bundled)")
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Reads `[class]` headers, each followed by lines of comma-separated words; `#` starts a comment.
    /// - Throws: `ExtractError` naming the file and line of words before any class, an empty word (two commas), a
    ///   word with inner spaces, or a class declared twice.
    static func parse(_ text: String, file: String) throws -> Lexicon {
        var lexicon = Lexicon()
        var current: String?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ExtractError(file: file, line: n + 1, reason: "a class header is a name in brackets, like [group-heads]")
                }
                let name = String(line.dropFirst().dropLast())
                guard lexicon.classes[name] == nil else {
                    throw ExtractError(file: file, line: n + 1, reason: "class [\(name)] is declared twice; merge the two lists")
                }
                lexicon.classes[name] = []
                current = name
                continue
            }
            guard let name = current else {
                throw ExtractError(file: file, line: n + 1, reason: "words before a class; start with a header like [group-heads]")
            }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.last == "" { fields.removeLast() }  // a trailing comma ends a line that continues below
            for word in fields {
                guard !word.isEmpty else {
                    throw ExtractError(file: file, line: n + 1, reason: "an empty word (two commas in a row)")
                }
                guard !word.contains(" ") else {
                    throw ExtractError(file: file, line: n + 1,
                                       reason: "'\(word)' has a space; a class holds single words (put phrases in a cue of rules.txt)")
                }
                lexicon.classes[name, default: []].append(word)
            }
        }
        return lexicon
    }
}
