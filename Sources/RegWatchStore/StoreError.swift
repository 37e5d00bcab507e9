/// A store problem, naming the store file and what to do.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process holds the pull lock.
        case locked(pid: Int32?)
        case cannotOpen(reason: String)
        case unknownFeed(String)
        /// A stored row holds a value regwatch never writes (a type or status it does not know): the file was
        /// changed by another program, or is damaged. `value` is nil for NULL.
        case corruptRow(table: String, id: String, column: String, value: String?)
    }
    public var kind: Kind
    public var path: String

    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Whether a stored row holds a value regwatch never writes (`Kind.corruptRow`).
    public var isCorruptRow: Bool {
        if case .corruptRow = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .locked(let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "\(path): locked by \(holder) (a pull is running); wait for it, or run without --no-wait to queue behind it"
        case .cannotOpen(let reason):
            return "\(path): cannot open the store: \(reason)"
        case .unknownFeed(let url):
            return "\(path): no feed \(url) in the store; `regwatch feeds list` shows the known feeds"
        case .corruptRow(let table, let id, let column, let value):
            let shown = value.map { "'\($0)'" } ?? "NULL"
            return "\(path): table \(table), row \(id): \(column) \(shown) is not a value regwatch writes; "
                + "the store was changed by another program or is damaged: restore a backup, or move it aside and pull again"
        }
    }
}
