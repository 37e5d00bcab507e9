import Foundation
import RegWatchCore

/// Parses the dates feeds write — RFC 822/1123 (RFC 2822), W3C-DTF/ISO 8601 and a few common variants — into UTC.
///
/// Hand-written rather than `DateFormatter`: it is an order of magnitude faster, and it accepts the real-world
/// variants (2-digit years, named and military zones, a space instead of `T`, missing seconds) in one pass.
public enum DateParser {
    /// The instant a date string denotes, or `nil` when it cannot be read. A missing zone means UTC.
    public static func parse(_ string: String) -> Date? {
        var copy = string
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// `parse(_:)` over UTF-8 bytes (a date element's text, read in place).
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = Scanner8(bytes)
        scanner.skipSpaces()
        guard let first = scanner.peek else { return nil }
        if isDigit(first) {
            var probe = scanner
            if let d = parseISO(&probe) { return d }
            var probe2 = scanner
            return parseRFC822(&probe2)
        }
        return parseRFC822(&scanner) ?? parseAsctime(bytes)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, as the contract prints it.
    public static func iso8601(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    // MARK: - Formats

    /// W3C-DTF and ISO 8601: `2026-07-03`, `2026-07-03T12:00Z`, `2026-07-03 12:00:00+02:00`, `20260703T120000Z`,
    /// `2026-07`, `2026`.
    static func parseISO(_ s: inout Scanner8) -> Date? {
        guard let year = s.digits(min: 4, max: 4) else { return nil }
        var month = 1, day = 1
        let dashed = s.consume(UInt8(ascii: "-"))
        if let m = s.digits(min: 2, max: 2) {
            month = m
            if dashed ? s.consume(UInt8(ascii: "-")) : true, let d = s.digits(min: 2, max: 2) { day = d }
            else if dashed && s.peek == UInt8(ascii: "-") { return nil }
        } else if dashed {
            // `2026-W27-1` week dates and ordinal dates are rare in feeds; not supported.
            return nil
        }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        if s.consume(UInt8(ascii: "T")) || s.consume(UInt8(ascii: "t")) || (s.peek == UInt8(ascii: " ") && s.peekDigit(at: 1)) {
            if s.peek == UInt8(ascii: " ") { s.advance() }
            guard let h = s.digits(min: 2, max: 2) else { return nil }
            hour = h
            let colon = s.consume(UInt8(ascii: ":"))
            if let m = s.digits(min: 2, max: 2) {
                minute = m
                if (colon ? s.consume(UInt8(ascii: ":")) : true), let sec = s.digits(min: 2, max: 2) { second = sec }
                if s.consume(UInt8(ascii: ".")) || s.consume(UInt8(ascii: ",")) { _ = s.digits(min: 1, max: 12) }
            }
            s.skipSpaces()
            if let z = parseNumericOrNamedZone(&s) { offset = z }
        }
        s.skipSpaces()
        guard s.atEnd else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// RFC 822 / 1123 / 2822: `Thu, 03 Jul 2026 12:00:00 GMT`, `3 Jul 26 12:00 +0200`, `Thu, 03 Jul 2026 12:00:00 EDT`.
    static func parseRFC822(_ s: inout Scanner8) -> Date? {
        s.skipSpaces()
        // Optional day name, with or without a comma.
        if let p = s.peek, isAlpha(p) {
            if let month = s.monthWord() {
                // `Jul 03 2026 ...`: month first (seen in the wild).
                return parseMonthFirst(&s, month: month)
            }
            s.skipSpaces()
            _ = s.consume(UInt8(ascii: ","))
            s.skipSpaces()
        }
        guard let day = s.digits(min: 1, max: 2) else { return nil }
        s.skipSeparators()
        guard let month = s.monthWord() else { return nil }
        s.skipSeparators()
        return finishRFC822(&s, day: day, month: month)
    }

    private static func parseMonthFirst(_ s: inout Scanner8, month: Int) -> Date? {
        s.skipSeparators()
        guard let day = s.digits(min: 1, max: 2) else { return nil }
        _ = s.consume(UInt8(ascii: ","))
        s.skipSeparators()
        return finishRFC822(&s, day: day, month: month)
    }

    private static func finishRFC822(_ s: inout Scanner8, day: Int, month: Int) -> Date? {
        let yearStart = s.position
        guard var year = s.digits(min: 2, max: 4) else { return nil }
        if s.position - yearStart == 2 { year += year < 50 ? 2000 : 1900 } else if s.position - yearStart == 3 { year += 1900 }
        s.skipSpaces()
        var hour = 0, minute = 0, second = 0, offset = 0
        if let h = s.digits(min: 1, max: 2) {
            hour = h
            guard s.consume(UInt8(ascii: ":")), let m = s.digits(min: 2, max: 2) else { return nil }
            minute = m
            if s.consume(UInt8(ascii: ":")), let sec = s.digits(min: 2, max: 2) { second = sec }
            if s.consume(UInt8(ascii: ".")) { _ = s.digits(min: 1, max: 9) }
            s.skipSpaces()
            if let z = parseNumericOrNamedZone(&s) { offset = z }
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `Thu Jul  3 12:00:00 2026` (C's asctime).
    static func parseAsctime(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var s = Scanner8(bytes)
        s.skipSpaces()
        _ = s.word(); s.skipSpaces()
        guard let month = s.monthWord() else { return nil }
        s.skipSpaces()
        guard let day = s.digits(min: 1, max: 2) else { return nil }
        s.skipSpaces()
        guard let h = s.digits(min: 1, max: 2), s.consume(UInt8(ascii: ":")), let m = s.digits(min: 2, max: 2),
              s.consume(UInt8(ascii: ":")), let sec = s.digits(min: 2, max: 2) else { return nil }
        s.skipSpaces()
        let zone = parseNumericOrNamedZone(&s) ?? 0
        s.skipSpaces()
        guard let year = s.digits(min: 4, max: 4) else { return nil }
        return makeDate(year: year, month: month, day: day, hour: h, minute: m, second: sec, offset: zone)
    }

    // MARK: - Zones

    /// Seconds east of UTC for `Z`, `+02:00`, `-0500`, `+02`, `GMT`, `EDT`, military letters.
    static func parseNumericOrNamedZone(_ s: inout Scanner8) -> Int? {
        guard let c = s.peek else { return nil }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            s.advance()
            let sign = c == UInt8(ascii: "-") ? -1 : 1
            guard let h = s.digits(min: 2, max: 2) else {
                // `+5` style single digit hours
                guard let h1 = s.digits(min: 1, max: 1) else { return nil }
                return sign * h1 * 3600
            }
            var m = 0
            if s.consume(UInt8(ascii: ":")) { m = s.digits(min: 2, max: 2) ?? 0 } else if let mm = s.digits(min: 2, max: 2) { m = mm }
            return sign * (h * 3600 + m * 60)
        }
        guard isAlpha(c) else { return nil }
        let word = s.word().uppercased()
        var base: Int?
        switch word {
        case "Z", "UT", "UTC", "GMT": base = 0
        case "EST": base = -5 * 3600
        case "EDT": base = -4 * 3600
        case "CST": base = -6 * 3600
        case "CDT": base = -5 * 3600
        case "MST": base = -7 * 3600
        case "MDT": base = -6 * 3600
        case "PST": base = -8 * 3600
        case "PDT": base = -7 * 3600
        case "AST": base = -4 * 3600
        case "ADT": base = -3 * 3600
        case "BST": base = 3600
        case "CET": base = 3600
        case "CEST": base = 7200
        case "EET": base = 7200
        case "EEST": base = 3 * 3600
        case "JST": base = 9 * 3600
        case "KST": base = 9 * 3600
        case "IST": base = 5 * 3600 + 1800
        default:
            if word.count == 1, let letter = word.unicodeScalars.first?.value {
                // RFC 822 military zones as the RFC writes them (A = -1 h ... M = -12 h, N = +1 h ... Y = +12 h),
                // which is how feed readers have always read them.
                switch letter {
                case 0x41...0x49: base = -Int(letter - 0x40) * 3600
                case 0x4B...0x4D: base = -Int(letter - 0x41) * 3600
                case 0x4E...0x59: base = Int(letter - 0x4D) * 3600
                default: base = nil
                }
            }
        }
        guard var offset = base else { return nil }
        // `GMT+2`, `UTC-05:00`
        if let p = s.peek, p == UInt8(ascii: "+") || p == UInt8(ascii: "-"), let extra = parseNumericOrNamedZone(&s) {
            offset += extra
        }
        return offset
    }

    // MARK: - Helpers

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), year >= 1 && year <= 9999 else { return nil }
        let maxDay = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= maxDay else { return nil }
        let days = CivilDay.days(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}

/// A tiny forward scanner over UTF-8 bytes.
struct Scanner8 {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
    func peekDigit(at offset: Int) -> Bool {
        position + offset < bytes.count && DateParser.isDigit(bytes[position + offset])
    }
    mutating func advance() { position += 1 }
    mutating func consume(_ c: UInt8) -> Bool {
        if peek == c { position += 1; return true }
        return false
    }
    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }
    mutating func skipSeparators() {
        while let c = peek, c == 0x20 || c == 0x09 || c == UInt8(ascii: "-") || c == UInt8(ascii: ",") || c == UInt8(ascii: ".") { position += 1 }
    }
    mutating func digits(min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, let c = peek, DateParser.isDigit(c) {
            value = value * 10 + Int(c - 0x30)
            position += 1
            count += 1
        }
        if count < min { position -= count; return nil }
        return value
    }
    /// Reads a word like `word()` and returns its month number (by its first three letters), without a `String`.
    mutating func monthWord() -> Int? {
        let start = position
        while let c = peek, DateParser.isAlpha(c) { position += 1 }
        guard position - start >= 3 else { return nil }
        let a = bytes[start] | 0x20, b = bytes[start + 1] | 0x20, c = bytes[start + 2] | 0x20
        switch (a, b, c) {
        case (0x6A, 0x61, 0x6E): return 1   // jan
        case (0x66, 0x65, 0x62): return 2   // feb
        case (0x6D, 0x61, 0x72): return 3   // mar
        case (0x61, 0x70, 0x72): return 4   // apr
        case (0x6D, 0x61, 0x79): return 5   // may
        case (0x6A, 0x75, 0x6E): return 6   // jun
        case (0x6A, 0x75, 0x6C): return 7   // jul
        case (0x61, 0x75, 0x67): return 8   // aug
        case (0x73, 0x65, 0x70): return 9   // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return nil
        }
    }

    mutating func word() -> String {
        let start = position
        while let c = peek, DateParser.isAlpha(c) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }
}
