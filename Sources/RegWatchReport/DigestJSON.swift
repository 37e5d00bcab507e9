import Foundation
import RegWatchCore

/// The digest as JSON for pipelines: one object, keys in snake_case and sorted, dates in ISO 8601 (UTC), as in
/// `shared/contracts/events-json.md`.
public enum DigestJSON {
    /// One digest as a JSON object.
    public static func render(_ digest: WeeklyDigest) throws -> String {
        try encode(digest)
    }

    /// Any report value (`Trends`, `WhatToWatch`, `[WeeklyDigest]`) with the same conventions.
    public static func encode(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(CivilDay.timestamp(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + (pretty ? "\n" : "")
    }
}

extension DigestJSON {
    /// A decoder for the store's event JSON (`regwatch events --format json`: snake_case keys, ISO 8601 dates), so
    /// reports can also run on exported events.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
