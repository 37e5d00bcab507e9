import Foundation

/// What an entity of the curated list is.
public enum EntityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case company, government, regulator, court, legislature, product, country, organization

    /// Bodies that act with public authority: their blocks are bans, and they are the fallback actor of
    /// restrictions, penalties and investigations stated in the passive.
    var isAuthority: Bool { self == .government || self == .regulator || self == .court || self == .legislature || self == .country }
}

/// One line of the entity list.
public struct EntityRecord: Sendable, Hashable, Codable {
    public var kind: EntityKind
    /// Canonical name, used in output.
    public var name: String
    /// ISO 3166-1 alpha-2 code (or `EU`) of its home country; for a country, its own code.
    public var country: String?
    /// Canonical name of the owner (a subsidiary's group, a product's maker, a ministry's government).
    public var parent: String?
    public var aliases: [String]
    /// For countries: adjectives and demonyms ("Chinese"), which name the country as a modifier.
    public var demonyms: [String]
    /// A government below the national one (a US state, a province), written `state` in the list: it acts as a
    /// government, but is not its country's government when mentions are merged.
    public var subnational = false

    public init(kind: EntityKind, name: String, country: String? = nil, parent: String? = nil,
                aliases: [String] = [], demonyms: [String] = []) {
        self.kind = kind
        self.name = name
        self.country = country
        self.parent = parent
        self.aliases = aliases
        self.demonyms = demonyms
    }
}

/// The curated, user-editable list of companies, governments, regulators, courts, products and countries.
///
/// The file is line-based so that it can be edited by hand; `#` starts a comment:
///
/// ```
/// # kind | name | country | parent | aliases (;-separated) | demonyms (countries only)
/// # kind: company, government, state (a government below the national one), regulator, court, legislature,
/// #       product, country or organization
/// company | Ant Financial | CN | Alibaba | Ant Group; Ant International
/// product | Claude Code | US | Anthropic |
/// country | China | CN | | PRC; mainland China | Chinese
/// ```
public struct EntityList: Sendable {
    public var records: [EntityRecord]

    public init(records: [EntityRecord]) {
        self.records = records
    }

    /// Parses the text of an entity list.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the name to use in error messages.
    /// - Throws: `ExtractError` naming the file and line of the first bad line.
    public static func parse(_ text: String, file: String) throws -> EntityList {
        var records: [EntityRecord] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingSpaces()) }
            guard fields.count >= 4 && fields.count <= 6 else {
                throw ExtractError(file: file, line: lineNumber,
                                   reason: "expected 4 to 6 fields separated by '|' (kind | name | country | parent | aliases | demonyms), found \(fields.count)")
            }
            let subnational = fields[0].lowercased() == "state"
            guard let kind = subnational ? .government : EntityKind(rawValue: fields[0].lowercased()) else {
                let kinds = (EntityKind.allCases.map(\.rawValue) + ["state"]).joined(separator: ", ")
                throw ExtractError(file: file, line: lineNumber, reason: "unknown entity kind \"\(fields[0])\"; use one of \(kinds)")
            }
            let name = fields[1]
            guard !name.isEmpty else { throw ExtractError(file: file, line: lineNumber, reason: "the name field is empty") }
            let country = fields[2].isEmpty ? nil : fields[2].uppercased()
            if let country, !(country.count == 2 && country.allSatisfy({ $0.isASCII && $0.isLetter })) {
                throw ExtractError(file: file, line: lineNumber, reason: "country \"\(fields[2])\" is not a two-letter ISO 3166-1 code")
            }
            if kind == .country && country == nil {
                throw ExtractError(file: file, line: lineNumber, reason: "a country needs its ISO 3166-1 code in the third field")
            }
            let parent = fields[3].isEmpty ? nil : fields[3]
            let aliases = fields.count > 4 ? splitList(fields[4]) : []
            let demonyms = fields.count > 5 ? splitList(fields[5]) : []
            if !demonyms.isEmpty && kind != .country {
                throw ExtractError(file: file, line: lineNumber, reason: "only countries have demonyms (sixth field)")
            }
            if let previous = seen[name.lowercased()] {
                throw ExtractError(file: file, line: lineNumber, reason: "\"\(name)\" is already defined on line \(previous)")
            }
            seen[name.lowercased()] = lineNumber
            var record = EntityRecord(kind: kind, name: name, country: country, parent: parent, aliases: aliases, demonyms: demonyms)
            record.subnational = subnational
            records.append(record)
        }
        let names = Set(records.map { $0.name.lowercased() })
        for (index, record) in records.enumerated() {
            if let parent = record.parent, !names.contains(parent.lowercased()) {
                let line = seen[record.name.lowercased()] ?? index + 1
                throw ExtractError(file: file, line: line, reason: "parent \"\(parent)\" is not defined in this list")
            }
        }
        return EntityList(records: records)
    }

    private static func splitList(_ field: String) -> [String] {
        field.split(separator: ";").map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
    }

    /// The list shipped with RegWatch (`Resources/entities.txt`).
    public static func bundled() throws -> EntityList {
        try parse(try Bundled.text("entities.txt"), file: "entities.txt (bundled)")
    }

    /// Reads an entity list from a file.
    /// - Throws: `ExtractError` when the file cannot be read or a line is malformed.
    public static func load(path: String) throws -> EntityList {
        try parse(try Bundled.readFile(path), file: path)
    }
}

/// Access to the bundled resources and to user files, with errors that name the file.
enum Bundled {
    static func text(_ name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
                ?? Bundle.module.url(forResource: base, withExtension: ext) else {
            throw ExtractError(file: name, line: 0, reason: "bundled resource is missing; reinstall RegWatch or pass the file explicitly")
        }
        return try readFile(url.path)
    }

    static func readFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExtractError(file: path, line: 0, reason: "cannot read the file; check the path and permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExtractError(file: path, line: 0, reason: "the file is not valid UTF-8")
        }
        return text
    }
}
