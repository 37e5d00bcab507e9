import Foundation
import RegWatchCore
import Testing
@testable import RegWatchIngest

@Suite("HTML list pages")
struct HTMLListPageTests {
    static let line = "type=html item=//li[contains(@class, 'release')] title=.//a[@class='title'] "
        + "link=.//a[@class='title']/@href date=\"(.//time)[1]\" summary=.//p[@class='teaser'] full_text=yes"

    @Test("reads a feeds.txt option line, with spaces inside brackets and quotes")
    func optionLine() throws {
        let options = HTMLListPageConfig.options(from: Self.line)
        #expect(options["type"] == "html")
        #expect(options["item"] == "//li[contains(@class, 'release')]")
        #expect(options["date"] == "(.//time)[1]")
        let config = try HTMLListPageConfig(options: options)
        #expect(config.fullText)
        #expect(config.title == ".//a[@class='title']")
    }

    @Test("a list page without item= is refused with an example")
    func missingItem() {
        #expect(throws: HTMLListPageConfig.OptionError.missingItem) { try HTMLListPageConfig(options: ["type": "html"]) }
        #expect(HTMLListPageConfig.OptionError.missingItem.description.contains("item=//article"))
    }

    @Test("yields one entry per listed item, with links resolved against <base> and dates parsed")
    func entries() throws {
        let config = try HTMLListPageConfig(options: HTMLListPageConfig.options(from: Self.line))
        let doc = HTMLListPage.parse(try htmlFixture("list_press_releases.html"), url: "https://authority.example/press/index.html",
                                     config: config)
        #expect(!doc.bozo)
        #expect(doc.entries.count == 3)  // the empty <li> has neither title nor link
        #expect(doc.entries[0].title?.value == "Authority fines search company over default-app deals")
        #expect(doc.entries[0].link == "https://authority.example/press/2026-07-21-fine.html")
        #expect(doc.entries[0].published.map(DateParser.iso8601) == "2026-07-21T00:00:00Z")
        #expect(doc.entries[0].summary?.value.hasPrefix("The authority imposed a fine") == true)
        #expect(doc.entries[1].link == "https://authority.example/press/2026-07-18-probe.html?ref=list&page=1")
        #expect(doc.entries[1].published.map(DateParser.iso8601) == "2026-07-18T10:00:00Z")
        // A <time> with a datetime attribute gives the attribute; without one, its written date.
        #expect(doc.entries[2].published.map(DateParser.iso8601) == "2026-07-02T00:00:00Z")
        #expect(doc.entries[2].summary == nil)
    }

    @Test("the default title and link are the first link of each item")
    func defaults() throws {
        let doc = HTMLListPage.parse(try htmlFixture("list_press_releases.html"), url: nil,
                                     config: HTMLListPageConfig(item: "//li[@class='release']"))
        #expect(doc.entries.map { $0.title?.value ?? "" } == [
            "Authority fines search company over default-app deals",
            "Investigation opened into app-store payment rules",
            "Guidance published on age checks",
        ])
    }

    @Test("an invalid XPath gives bozo naming the expression")
    func badXPath() throws {
        let doc = HTMLListPage.parse(try htmlFixture("list_press_releases.html"), url: "https://authority.example/press/",
                                     config: HTMLListPageConfig(item: "//li[@class='release'", title: ".//a"))
        #expect(doc.bozo)
        #expect(doc.entries.isEmpty)
        #expect(doc.bozoException?.contains("//li[@class='release'") == true)
    }
}

@Suite("HTML list pages with CSS selectors")
struct HTMLListPageCSSTests {
    @Test(arguments: [
        ("li.release", false, "//li[contains(concat(' ', normalize-space(@class), ' '), ' release ')]"),
        ("a", true, ".//a"),
        ("ul.releases > li", false, "//ul[contains(concat(' ', normalize-space(@class), ' '), ' releases ')]/li"),
        ("#main article, .card", false, "//*[@id='main']//article | //*[contains(concat(' ', normalize-space(@class), ' '), ' card ')]"),
        ("time[datetime]", true, ".//time[@datetime]"),
        ("a[href^=http]", true, ".//a[starts-with(@href, 'http')]"),
        ("//li[@class='x']", false, "//li[@class='x']"),
    ])
    func translation(selector: String, relative: Bool, xpath: String) throws {
        #expect(try HTMLListPageConfig.xpath(selector, relative: relative) == xpath)
    }

    @Test("a list page configured with CSS selectors reads the same entries as with XPath")
    func cssConfig() throws {
        let config = try HTMLListPageConfig(options: ["item": "li.release", "title": "a.title", "link": "a.title", "date": "time",
                                                      "summary": "p.teaser"])
        let doc = HTMLListPage.parse(try htmlFixture("list_press_releases.html"), url: "https://authority.example/press/", config: config)
        #expect(doc.entries.count == 3)
        #expect(doc.entries[1].link == "https://authority.example/press/2026-07-18-probe.html?ref=list&page=1")
        #expect(doc.entries[1].published.map(DateParser.iso8601) == "2026-07-18T10:00:00Z")
        #expect(doc.entries[0].summary?.value.hasPrefix("The authority imposed") == true)
    }

    @Test("an unsupported selector is refused with what is supported")
    func badSelector() {
        #expect(throws: HTMLListPageConfig.OptionError.self) { try HTMLListPageConfig(options: ["item": "li:nth-child(2)"]) }
    }
}
