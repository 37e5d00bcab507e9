import Foundation

/// The one CSV writer of every command that prints CSV.
public enum CSV {
    /// RFC 4180 CSV, safe to open in a spreadsheet.
    ///
    /// A cell that starts with `=`, `+`, `-`, `@`, tab or CR would be read by Excel, LibreOffice or Google Sheets as a
    /// formula (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection), so it gets a leading `'`, as
    /// OWASP advises; the spreadsheet shows the text as written. Plain numbers such as `-3`, `+2` or `+200%` are
    /// left alone: a spreadsheet reads them as the numbers they are.
    public static func render(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV cell: neutralised when a spreadsheet would take it for a formula, quoted when it needs quotes.
    public static func field(_ value: String) -> String {
        var s = value
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(s) { s = "'" + s }
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// `-3`, `+2`, `1.5`, `+200%`: a sign, digits, at most one decimal point, an optional percent sign.
    static func isPlainNumber(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        if rest.last == "%" { rest = rest.dropLast() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
