import Foundation
import RegWatchCore
import RegWatchFeedList
import RegWatchFetch
import RegWatchIngest
import RegWatchPipeline
import RegWatchStore

/// A fresh store file in a temporary folder.
func temporaryStore() throws -> RegWatchStore {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-pull-\(UUID().uuidString)")
    return try RegWatchStore(path: dir.appendingPathComponent("store.sqlite").path)
}

/// Pulls `sources` once with the real fetcher and parser.
func pull(_ store: RegWatchStore, _ sources: [FeedSource], force: Bool = true,
          configure: (inout PullOptions) -> Void = { _ in }) async throws -> PullSummary {
    var options = PullOptions()
    options.force = force
    options.policy.largestFeedMaxBytes = sources.compactMap(\.maxBytes).max() ?? 0  // as `regwatch pull` sets it
    configure(&options)
    let chosen = options
    return try await FeedFetcher.withFetcher(policy: chosen.policy) { fetcher in
        try await FeedPuller(store: store, fetcher: fetcher, options: chosen).pull(sources)
    }
}

func pull(_ store: RegWatchStore, _ urls: [String], force: Bool = true,
          configure: (inout PullOptions) -> Void = { _ in }) async throws -> PullSummary {
    try await pull(store, urls.map { FeedSource(url: $0) }, force: force, configure: configure)
}

func story(_ n: Int) -> String {
    """
    Regulators in country \(n) opened an inquiry into how a messaging platform stores data abroad, \
    officials said on Monday, after complaints from consumer groups about transfers to overseas servers. \
    The platform said it complies with local law and will answer the regulator's questions within weeks.
    """
}

/// A port with nothing listening: one the kernel just gave a server that has stopped since.
func closedPort() async throws -> Int {
    let port = try await FeedServerPort.take()
    return port
}

import RegWatchTestSupport

enum FeedServerPort {
    static func take() async throws -> Int {
        try await FeedServer.with({ _ in ServedResponse("") }) { $0.port }
    }
}
