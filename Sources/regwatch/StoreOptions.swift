import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchPostgres
import RegWatchStore

/// `--store PATH|URL`, shared by the commands that read or write the store: a path names a SQLite file, a
/// `postgres://user@host[:port]/db` URL a PostgreSQL database (issue 15).
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "The store: a SQLite file, or postgres://user@host[:port]/database (default: $REGWATCH_STORE, else \(RegWatchStore.defaultPath)).",
        valueName: "path|url"))
    var path: String?

    var resolvedPath: String {
        path ?? ProcessInfo.processInfo.environment["REGWATCH_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? RegWatchStore.defaultPath
    }

    /// Whether the store is a PostgreSQL database.
    var isPostgres: Bool { PostgresURL.isPostgres(resolvedPath) }

    /// The store as messages show it: the path, or the URL without its password.
    var displayLocation: String {
        guard isPostgres else { return resolvedPath }
        return (try? PostgresURL(resolvedPath).description) ?? PostgresURL.redact(resolvedPath)
    }

    func validate() throws {
        if isPostgres {
            do { _ = try PostgresURL(resolvedPath) } catch { throw ValidationError("--store: \(error)") }
        }
    }

    /// Opens the store a command reads, whichever its engine, or exits with the store exit code and a message naming
    /// it. A SQLite store is opened read-only (`RegWatchStore(readingAt:)`: it works on a store the user cannot write,
    /// and leaves no file behind); a missing file is that error too, saying how to make one, rather than a new empty
    /// store that answers every question with nothing. A PostgreSQL store must have been migrated (`store migrate`
    /// or `store copy`): a read command creates no tables.
    func open() throws -> any StoreReading {
        if isPostgres { return try openPostgres(migrate: false) }
        try requireExisting()
        if resolvedPath == ":memory:" { return try openOrCreate() }
        do {
            return try RegWatchStore(readingAt: resolvedPath)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.store)
        }
    }

    /// Connects to the PostgreSQL store, applying missing migrations when `migrate` is set.
    func openPostgres(migrate: Bool) throws -> PostgresStore {
        do {
            return try PostgresStore(url: try PostgresURL(resolvedPath), migrate: migrate)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.store)
        }
    }

    /// Opens an existing SQLite store to change it (`feeds remove --purge`).
    func openForWriting() throws -> RegWatchStore {
        try requireExisting()
        return try openOrCreate()
    }

    /// Opens the store `pull` writes, creating a SQLite file or PostgreSQL tables when missing (`--dry-run` too).
    func openForPull() throws -> any StoreWriting {
        isPostgres ? try openPostgres(migrate: true) : try openOrCreate()
    }

    /// Takes the pull lock, then opens the store to write it (`pull`, `reextract`): a SQLite store's lock file
    /// (`StoreLock`, one writer at a time), or a PostgreSQL session's advisory lock, held until the process ends:
    /// shared by pulls (they share the due feeds), exclusive for `reextract`. Exits 4 when another process holds it
    /// and `wait` is false.
    func openLocked(wait: Bool, shared: Bool) throws -> (store: any StoreWriting, lock: StoreLock?) {
        if isPostgres {
            let db = try openPostgres(migrate: true)
            let taken: Bool
            do { taken = try db.takePullLock(wait: wait, shared: shared) } catch {
                printError("\(error)")
                throw ExitCode(ExitCodes.store)
            }
            guard taken else {
                printError("\(displayLocation): locked by another \(shared ? "reextract" : "pull or reextract") (\(try db.pullLockHolder())); wait for it, or run without --no-wait to queue behind it")
                throw ExitCode(ExitCodes.locked)
            }
            return (db, nil)
        }
        let lock: StoreLock
        do {
            lock = try StoreLock(storePath: resolvedPath, wait: wait)
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.locked)
        }
        return (try openOrCreate(), lock)
    }

    func requireExistingFile() throws { try requireExisting() }

    private func requireExisting() throws {
        guard resolvedPath == ":memory:" || FileManager.default.fileExists(atPath: resolvedPath) else {
            printError("no store at \(resolvedPath): run 'regwatch pull' to create one, or name another with --store or $REGWATCH_STORE")
            throw ExitCode(ExitCodes.store)
        }
    }

    /// Opens the SQLite store, creating the file (and its folder) when missing: `regwatch pull` does.
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

/// Renders rows as an aligned text table, each cell on one line.
func renderTable(_ header: [String], _ rows: [[String]]) -> String {
    // Cleaned here as well as on output, so that widths are those of what is shown.
    let rows = rows.map { $0.map { TerminalText.clean($0, lines: .joined) } }
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}

func iso8601(_ date: Date?) -> String {
    guard let date else { return "" }
    return date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
        .timeSeparator(.colon).timeZone(separator: .omitted))
}

/// The encoder of every JSON the CLI prints (`EventJSON.encoder(pretty:)`).
func jsonEncoder(pretty: Bool) -> JSONEncoder { EventJSON.encoder(pretty: pretty) }

/// The usage error of a date option (`--since`, `--until`, `--today`) whose value is not a date that exists.
func checkDateArgument(_ value: String?, option: String) throws {
    guard let value, parseDateArgument(value) == nil else { return }
    throw ValidationError("\(option) '\(value)' is not a date that exists; use YYYY-MM-DD or an ISO 8601 time such as 2026-07-01T09:30:00Z")
}

/// `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time, `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]` (UTC when
/// no zone is given). Nil for anything else, and for dates and times that do not exist (`2026-02-31`, `T25:99`):
/// Foundation's parsers roll those over into real dates, and a wrong --since is worse than an error.
func parseDateArgument(_ text: String) -> Date? {
    if let day = CivilDay.parse(text) { return CivilDay.date(day) }
    guard let m = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?/),
          let day = CivilDay.parse(String(m.1)), let hour = Int(m.2), let minute = Int(m.3), hour < 24, minute < 60
    else { return nil }
    let second = m.4.flatMap { Int($0) } ?? 0
    guard second < 60 else { return nil }
    var offset = 0
    if let zone = m.6, zone != "Z", zone != "z" {
        let digits = zone.dropFirst().filter(\.isNumber)
        guard let h = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), h < 24, mm < 60 else { return nil }
        offset = (zone.first == "-" ? -1 : 1) * (h * 3600 + mm * 60)
    }
    let fraction = m.5.flatMap { Double("0" + $0) } ?? 0
    let seconds = Double(day) * 86_400 + Double(hour * 3600 + minute * 60 + second - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
}
