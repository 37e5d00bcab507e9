import ArgumentParser
import Foundation
import RegWatchExtract

/// `regwatch-bench extract`: event extraction speed on news-length text, single-threaded.
///
/// Builds ~500-word articles from a seeded mix of sentences — event statements in active and passive voice,
/// reported speech, forward-looking sentences, background and filler — plus, when `../shared/corpus` is present,
/// the labelled real articles padded to the same length. Prints articles per second against the target
/// of 2,000 articles/s (release build).
struct ExtractBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Time event extraction on ~500-word news articles, single-threaded (target: 2,000 articles/s)."
    )

    @Option(help: "Number of distinct generated articles.")
    var articles = 400

    @Option(help: "Passes over all articles; the figure is over all passes.")
    var repeats = 5

    @Option(help: "Words per generated article.")
    var words = 500

    @Option(help: "Labelled corpus to add to the mix (skipped when absent).")
    var corpus = "../shared/corpus/events-dev.jsonl"

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard articles >= 1, repeats >= 1, words >= 50 else { throw ValidationError("--articles, --repeats must be ≥ 1 and --words ≥ 50") }
    }

    func run() throws {
        let extractor = try EventExtractor.bundled()
        var generator = NewsGenerator(seed: 42)
        var texts = generator.articles(count: articles, words: words)
        texts += corpusArticles(words: words)
        let totalWords = texts.reduce(0) { $0 + $1.split(separator: " ").count }

        // Warm up once (lazy tables, caches), then time.
        for t in texts.prefix(20) { _ = extractor.extract(text: t) }
        var events = 0
        var watch = 0
        var passes: [Double] = []
        let cpuStart = threadCPUTime()
        let wallStart = Date()
        for _ in 0..<repeats {
            let passStart = threadCPUTime()
            for t in texts {
                let r = extractor.extract(text: t)
                events += r.events.count
                watch += r.watch.count
            }
            passes.append(threadCPUTime() - passStart)
        }
        let cpu = threadCPUTime() - cpuStart
        let wall = Date().timeIntervalSince(wallStart)
        let n = Double(texts.count * repeats)
        let perSecond = n / max(cpu, 1e-9)
        // On a shared machine other processes slow every pass down; the fastest pass is the best estimate of
        // what the code costs (as Python's timeit advises), the mean is what this run saw.
        let bestPerSecond = Double(texts.count) / max(passes.min() ?? cpu, 1e-9)
        let wordsPerArticle = Double(totalWords) / Double(texts.count)
        if json {
            print("{\"articles\": \(texts.count * repeats), \"words_per_article\": \(Int(wordsPerArticle)), \"cpu_seconds\": \(cpu), \"wall_seconds\": \(wall), \"articles_per_second\": \(Int(perSecond)), \"articles_per_second_best_pass\": \(Int(bestPerSecond)), \"target\": 2000}")
        } else {
            print("extract: \(texts.count) articles × \(repeats) passes, \(Int(wordsPerArticle)) words/article on average")
            print(String(format: "  %.0f articles/s mean (thread CPU time %.3f s), %.0f articles/s best pass, %.0f articles/s wall (%.3f s)",
                         perSecond, cpu, bestPerSecond, n / max(wall, 1e-9), wall))
            let microseconds = cpu / n * 1e6
            let millionWords = n * wordsPerArticle / max(cpu, 1e-9) / 1e6
            print(String(format: "  %.1f µs/article, %.1f M words/s", microseconds, millionWords))
            print("  \(events / repeats) events and \(watch / repeats) watch items per pass")
            print("  target: 2,000 articles/s single-threaded — mean " + (perSecond >= 2000 ? "met" : "NOT met")
                  + ", best pass " + (bestPerSecond >= 2000 ? "met" : "NOT met"))
        }
    }

    private func corpusArticles(words: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: corpus) else { return [] }
        var out: [String] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = obj["text"] as? String else { continue }
            var padded = text
            while padded.split(separator: " ").count < words { padded += "\n" + text }
            out.append(padded)
        }
        return out
    }

    private func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Seeded news-like text: the same seed gives the same articles on every machine.
struct NewsGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let companies = ["Anthropic", "OpenAI", "Alibaba", "ByteDance", "Meta", "Google", "Microsoft", "Samsung", "Tencent", "Huawei", "Acme Robotics Inc.", "Nvidia"]
    static let products = ["Claude Code", "ChatGPT", "TikTok", "WhatsApp", "Gemini", "Copilot", "WeChat", "Instagram"]
    static let countries = ["China", "Russia", "Nepal", "India", "Italy", "the U.S.", "Iran", "Pakistan"]
    static let demonyms = ["Chinese", "Russian", "Indian", "Iranian", "American"]
    static let templates = [
        "{C} has blocked {D} firms such as {C2} and {C3} from accessing {P}.",
        "{P} was banned by the government of {N} on Thursday, officials said.",
        "{C} barred its employees from using {P} after discovering hidden code that could identify users.",
        "Despite the restrictions, some companies continue to use {P} by routing access through VPNs and overseas subsidiaries.",
        "The regulator in {N} fined {C} €{X} million for transferring user data abroad.",
        "{C} said it will appeal the decision, which it called flawed.",
        "Lawmakers in {N} may ban {P} on official devices later this year, according to people familiar with the matter.",
        "{C} denied that it had blocked {P} in {N}.",
        "Expect more companies to enforce strict controls on AI tools before the rules take effect on July 10.",
        "The company reported revenue of ${X} billion for the quarter, up {X} percent from a year earlier.",
        "Analysts at several banks said demand for data-centre chips remained strong across Asia and Europe.",
        "The move comes amid growing pressure from Washington to curb {D} access to advanced technology.",
        "“We are taking additional steps to block API traffic from unsupported regions,” a spokesperson for {C} said.",
        "{N} has lifted its ban on {P} after weeks of protests in the capital.",
        "The New York Times sued {C} and {C2} in federal court, claiming copyright infringement.",
        "The Commerce Department added {C} to the entity list, restricting exports of chips.",
        "Shares of {C} rose {X} percent in early trading as investors welcomed the new product line.",
        "The presentation will be streamed online, with an accompanying event at the company's headquarters.",
        "Users in {N} reported that VPN usage spiked after the announcement.",
        "The data protection authority opened an investigation into {C}'s handling of personal data.",
        // Background and filler: most sentences of a news story state no event (the labelled corpus has about
        // six events per 500 words; this mix gives a similar density).
        "The company employs more than {X},000 people and operates offices in Asia, Europe and North America.",
        "{C} was founded in {X} and has since grown into one of the largest suppliers in its sector.",
        "Executives at {C} told analysts on a conference call that the outlook for the second half remained uncertain.",
        "The report, which cited people familiar with the matter, did not say when the decision was taken.",
        "Industry groups have long argued that clearer rules would help smaller firms compete with larger rivals.",
        "{C} declined to comment on the report when contacted on Tuesday.",
        "The dispute is the latest in a series of disagreements between the two sides over technology and trade.",
        "Developers have praised {P} for its speed, though some users complained about reliability during peak hours.",
        "The announcement was made at a developer conference attended by several thousand people in San Francisco.",
        "Analysts said the broader market for cloud services continued to grow at a double-digit pace.",
        "{C} has invested heavily in data centres over the past two years to meet demand for AI workloads.",
        "Critics say the measure could have unintended consequences for researchers and small businesses.",
        "The story was first reported by a regional newspaper and later confirmed by two people with knowledge of the plans.",
        "A spokesperson for the ministry said the government was reviewing the situation.",
        "The chief executive of {C} said in an interview that the company remained committed to the market.",
        "Competition in the sector has intensified as start-ups raise record sums from investors.",
        "Several universities have issued their own guidance on the use of generative tools in teaching.",
        "The figures do not include sales through third-party retailers, the company said.",
        "Earlier this year, {C} reorganised its research division and appointed a new head of product.",
        "It is not clear how many customers are affected by the change.",
        "The two companies have been in talks about a partnership for several months, according to people briefed on the matter.",
        "Investors will be watching the company's next earnings report closely for signs of slowing demand.",
    ]

    mutating func article(words target: Int) -> String {
        var paragraphs: [String] = []
        var paragraph: [String] = []
        var count = 0
        while count < target {
            var s = pick(Self.templates)
            let c = pick(Self.companies)
            var c2 = pick(Self.companies)
            if c2 == c { c2 = "Baidu" }
            s = s.replacingOccurrences(of: "{C2}", with: c2)
            s = s.replacingOccurrences(of: "{C3}", with: pick(Self.companies))
            s = s.replacingOccurrences(of: "{C}", with: c)
            s = s.replacingOccurrences(of: "{P}", with: pick(Self.products))
            s = s.replacingOccurrences(of: "{N}", with: pick(Self.countries))
            s = s.replacingOccurrences(of: "{D}", with: pick(Self.demonyms))
            s = s.replacingOccurrences(of: "{X}", with: String(next() % 900 + 10))
            paragraph.append(s)
            count += s.split(separator: " ").count
            if paragraph.count >= 3 {
                paragraphs.append(paragraph.joined(separator: " "))
                paragraph = []
            }
        }
        if !paragraph.isEmpty { paragraphs.append(paragraph.joined(separator: " ")) }
        return paragraphs.joined(separator: "\n\n")
    }

    mutating func articles(count: Int, words: Int) -> [String] {
        (0..<count).map { _ in article(words: words) }
    }
}
