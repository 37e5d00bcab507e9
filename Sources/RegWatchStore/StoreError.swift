/// A store problem, naming the store file and what to do.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Another process holds the pull lock.
        case locked(pid: Int32?)
        case cannotOpen(reason: String)
        case unknownFeed(String)
    }
    public var kind: Kind
    public var path: String

    public init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
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
        }
    }
}
