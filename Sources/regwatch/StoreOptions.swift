import ArgumentParser
import Foundation
import RegWatchStore

/// `--store PATH`, shared by the commands that read or write the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "The store file (default: $REGWATCH_STORE, else \(RegWatchStore.defaultPath)).", valueName: "path"))
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["REGWATCH_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? RegWatchStore.defaultPath
    }

    /// Opens the store a command reads, or exits with the store exit code and a message naming the file. A missing
    /// file is that error too, saying how to make one, rather than a new empty store that answers every question
    /// with nothing.
    func open() throws -> RegWatchStore {
        guard resolvedPath == ":memory:" || FileManager.default.fileExists(atPath: resolvedPath) else {
            printError("no store at \(resolvedPath): run 'regwatch pull' to create one, or name another with --store or $REGWATCH_STORE")
            throw ExitCode(ExitCodes.store)
        }
        return try openOrCreate()
    }

    /// Opens the store, creating the file (and its folder) when missing: `regwatch pull` does.
    func openOrCreate() throws -> RegWatchStore {
        do {
            return try RegWatchStore(path: resolvedPath)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.store)
        }
    }
}

/// Output formats of data commands.
enum DataFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("regwatch: error: \(message)\n".utf8))
}

func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("regwatch: warning: \(message)\n".utf8))
}

/// Renders rows as an aligned text table.
func renderTable(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}

/// RFC 4180 CSV.
func renderCSV(_ header: [String], _ rows: [[String]]) -> String {
    func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
}

func iso8601(_ date: Date?) -> String {
    guard let date else { return "" }
    return date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
        .timeSeparator(.colon).timeZone(separator: .omitted))
}

func jsonEncoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
}

/// `YYYY-MM-DD` (midnight UTC) or a full ISO 8601 date-time.
func parseDateArgument(_ text: String) -> Date? {
    if let date = try? Date(text, strategy: .iso8601) { return date }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, text.count == 10 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
}
