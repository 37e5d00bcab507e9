import ArgumentParser
import Foundation
import RegWatchPostgres
import RegWatchStore

/// `regwatch store`: the store itself, whichever its engine (issue 15).
struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate a store, or copy it between SQLite and PostgreSQL.",
        discussion: """
            A store is a SQLite file (the default, \(RegWatchStore.defaultPath)) or a PostgreSQL database named by \
            postgres://user@host[:port]/database (the password, if any, from the URL or $PGPASSWORD; never printed).

              regwatch store migrate --store postgres://regwatch@db.example/regwatch
              regwatch store copy --to postgres://regwatch@db.example/regwatch          # the default SQLite store into PostgreSQL
              regwatch store copy --store postgres://regwatch@db.example/regwatch --to copy.sqlite   # and back
            """,
        subcommands: [Migrate.self, Copy.self]
    )

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the store's missing migrations (creating its tables in an empty PostgreSQL database).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let applied: [String]
            if store.isPostgres {
                let db = try store.openPostgres(migrate: true)
                defer { db.close() }
                applied = try db.appliedMigrations()
            } else {
                applied = try store.openOrCreate().appliedMigrations()
            }
            emit("\(store.displayLocation): \(applied.count) migrations applied, the last \(applied.last ?? "none")")
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the whole store into an empty store of the other engine, and verify the copy by counts.",
            discussion: """
                From SQLite (--store, else $REGWATCH_STORE, else the default file) into an empty PostgreSQL database \
                (its tables are created first), or from PostgreSQL into a new SQLite file. Each side is one \
                transaction: a failed copy leaves the target as it was. After the copy, every table's rows are \
                counted in the source and in the target; any difference is an error (exit 5).
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The target: postgres://user@host[:port]/database, or a SQLite file that does not exist yet.",
                                   valueName: "url|path"))
        var to: String

        func validate() throws {
            if PostgresURL.isPostgres(to) == store.isPostgres {
                throw ValidationError("--to must be the other engine: copy a SQLite store into postgres://…, or a PostgreSQL store into a new file")
            }
            if !PostgresURL.isPostgres(to) && FileManager.default.fileExists(atPath: to) {
                throw ValidationError("--to \(to) exists; store copy writes a new SQLite file only")
            }
            if PostgresURL.isPostgres(to) {
                do { _ = try PostgresURL(to) } catch { throw ValidationError("--to: \(error)") }
            }
        }

        func run() throws {
            let started = Date()
            let report: StoreCopy.Report
            let target: String
            do {
                if store.isPostgres {
                    let source = try store.openPostgres(migrate: false)
                    defer { source.close() }
                    let sqlite = try RegWatchStore(path: to)
                    target = to
                    report = try StoreCopy.copy(from: source, to: sqlite)
                } else {
                    guard let source = try store.open() as? RegWatchStore else { throw ExitCode(ExitCodes.store) }
                    let url = try PostgresURL(to)
                    let pg = try PostgresStore(url: url, migrate: true)
                    defer { pg.close() }
                    target = url.description
                    report = try StoreCopy.copy(from: source, to: pg)
                }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("\(error)")
                throw ExitCode(ExitCodes.store)
            }
            for table in StoreCopy.tables { emit("\(table.padding(toLength: 18, withPad: " ", startingAt: 0)) \(report.rows[table] ?? 0)") }
            emit(String(format: "copied %d rows from %@ to %@ in %.1f s; every table's count verified in both stores",
                        report.total, store.displayLocation, target, Date().timeIntervalSince(started)))
        }
    }
}
