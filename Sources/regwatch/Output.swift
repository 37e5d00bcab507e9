// Everything `regwatch` writes to standard output and standard error goes through this file, for two reasons.
//
// 1. Feed text is cleaned on its way out (`TerminalText.clean`): titles, outlet names and evidence come from
//    strangers, and a title holding `ESC[2J` must not clear the reader's screen. Doing it here, once, means no
//    command can forget a field.
// 2. A failed write is noticed. Foundation's `FileHandle.write(_:)` traps (SIGILL, exit 132) when the write fails,
//    and `print` buffers in stdio and loses a failed write at exit, so `regwatch events > /dev/full` used to exit 0.
//    Here every write is a checked write(2); a failure of standard output makes the command exit
//    `ExitCodes.output`, a failure of standard error is dropped (there is nowhere left to say it) and the
//    command keeps the exit code of its error.

import Foundation
import RegWatchCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard streams of this process and what went wrong writing them.
enum StandardStreams {
    struct State {
        /// The first error writing standard output (an errno), or nil while every write has succeeded.
        var outputError: Int32?
        /// Descriptors 1 and 2 that were closed when the process started (now /dev/null placeholders).
        var closedAtStart: Set<Int32> = []
    }

    static let state = Mutex(State())

    /// Gives a closed descriptor 0, 1 or 2 a placeholder on /dev/null, so that no file this process opens later
    /// (a feed list, the lock file) gets descriptor 1 or 2 and receives our output. A closed 1 or 2 is remembered:
    /// writes to it count as failed, rather than vanishing into /dev/null.
    static func guardClosedDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if placeholder >= 0 && placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
            if fd > 0 { state.withLock { _ = $0.closedAtStart.insert(fd) } }
        }
    }

    /// Writes all of `text` to `fd`; returns the errno of a failed write, nil on success.
    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Int32? {
        var failure: Int32? = state.withLock { $0.closedAtStart.contains(fd) } ? EBADF : nil
        var bytes = Array(text.utf8)
        if failure == nil, !bytes.isEmpty { bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        } }
        if fd == STDOUT_FILENO, let failure {
            state.withLock { if $0.outputError == nil { $0.outputError = failure } }
        }
        return failure
    }

    /// The first error writing standard output, if any.
    static var outputError: Int32? { state.withLock { $0.outputError } }
}

/// Writes `text` and `terminator` to standard output, cleaned of terminal controls; use instead of `print`.
func emit(_ text: String, terminator: String = "\n") {
    StandardStreams.write(TerminalText.clean(text + terminator), to: STDOUT_FILENO)
}

/// Writes `value`'s description to standard output, as `emit(_:terminator:)` does.
func emit(_ value: some CustomStringConvertible, terminator: String = "\n") {
    emit(value.description, terminator: terminator)
}

/// Writes `regwatch: error: message` to standard error, cleaned of terminal controls.
func printError(_ message: String) {
    StandardStreams.write(TerminalText.clean("regwatch: error: \(message)\n"), to: STDERR_FILENO)
}

/// Writes `regwatch: warning: message` to standard error, cleaned of terminal controls.
func printWarning(_ message: String) {
    StandardStreams.write(TerminalText.clean("regwatch: warning: \(message)\n"), to: STDERR_FILENO)
}

/// Writes our own control sequences (the live progress line of `pull`) to standard error as they are.
func writeStatusLine(_ text: String) {
    StandardStreams.write(text, to: STDERR_FILENO)
}

/// A description of an errno, such as "No space left on device".
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Writes `regwatch: message` to standard error (messages that carry their own `file:line:` place).
func printDiagnostic(_ message: String) {
    StandardStreams.write(TerminalText.clean("regwatch: \(message)\n"), to: STDERR_FILENO)
}
