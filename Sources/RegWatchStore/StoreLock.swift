import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pull lock of a store: an advisory `flock` on `<store>.lock`, holding the owner's pid.
///
/// The kernel releases a `flock` when its process dies, however it dies, so a lock left by a
/// killed pull never blocks the next one; the pid in the file is only there to be named.
public final class StoreLock: Sendable {
    public let path: String
    private let fd: Int32

    /// Takes the lock of the store at `storePath`.
    /// - Parameter wait: when `false`, fail at once if another process holds it.
    /// - Throws: `StoreError.locked` naming the holder's pid.
    public init(storePath: String, wait: Bool) throws {
        path = storePath + ".lock"
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.cannotOpen(reason: "cannot create the lock file \(path): \(String(cString: strerror(errno)))"),
                             path: storePath)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard wait else {
                let holder = Self.holder(fd)
                close(fd)
                throw StoreError(.locked(pid: holder), path: storePath)
            }
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
    }

    /// The pid written by the current holder, if readable.
    public static func holder(storePath: String) -> Int32? {
        let fd = open(storePath + ".lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return holder(fd)
    }

    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, 31, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// A reader's shared `flock` on the pull lock file: while it is held, no pull or reextract (which take the lock
/// exclusively) writes the store. Never waits and never creates the file.
final class ReaderLock: Sendable {
    private let fd: Int32
    /// The shared lock is held: no writer is at work, and none can start until this lock is released.
    let held: Bool
    /// There is no lock file: no pull or reextract has ever run on this store (a store built elsewhere and copied
    /// here), so none is running now either, barring one that starts at this very moment.
    let absent: Bool

    init(storePath: String) {
        let fd = open(storePath + ".lock", O_RDONLY | O_CLOEXEC)
        self.fd = fd
        absent = fd < 0 && errno == ENOENT
        held = fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) == 0
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}
