import RegWatchCore
@testable import RegWatchExtract
import Testing

/// A small list of our own, so that these tests say what the mechanism does whatever the bundled list holds.
private let list = try! EntityList.parse("""
    country | Freedonia | FD | | Fredville | Freedonian
    country | Sylvania | SY | | | Sylvanian
    government | Freedonian Trade Ministry | FD | | Ministry of Trade of Freedonia
    regulator | Freedonian Wire Authority | FD | | FWA
    state | North March | FD | | State of North March
    government | North March Attorney General | FD | North March |
    legislature | Freedonian Assembly | FD | | Assembly of Freedonia
    legislature | Sylvanian Senate | SY | |
    legislature | North March Legislature | FD | North March |
    court | High Court of Freedonia | FD | |
    company | Zentrix Holdings | FD | | Zentrix
    company | Zentrix Cloud | FD | Zentrix Holdings |
    product | Zentrix Chat | FD | Zentrix Cloud |
    """, file: "test")

@Suite("Resolving parties for merging")
struct PartyResolverTests {
    let parties = PartyResolver(list)

    @Test("an authority named without its country acts for the government of the country its event is placed in")
    func authorityWithoutCountry() {
        #expect(parties.actorKey("Ministry of Interior", country: "FD") == "gov:fd")
        #expect(parties.actorKey("the telecom authority", country: "SY") == "gov:sy")
        // Near misses: no country to place it in, a company, a court, a listed body of another country.
        #expect(parties.actorKey("Ministry of Interior", country: nil) == parties.actorKey("Ministry of Interior"))
        #expect(parties.actorKey("Qualora Systems", country: "FD") != "gov:fd")
        #expect(parties.actorKey("Supreme Court", country: "FD") == "court")
        #expect(parties.actorKey("Freedonian Wire Authority", country: "SY") == "gov:fd")
    }

    @Test("a ministry, a regulator, the country, its capital and 'Government of' all act for one government")
    func governmentHierarchy() {
        let key = parties.actorKey("Freedonia")
        #expect(key == "gov:fd")
        for name in ["Freedonian Trade Ministry", "Ministry of Trade of Freedonia", "FWA", "Fredville", "Government of Freedonia",
                     "the Freedonian Wire Authority"] {
            #expect(parties.actorKey(name) == key, "\(name)")
        }
        // Near misses: another country's government, a court (it acts for itself), a state.
        #expect(parties.actorKey("Government of Sylvania") == "gov:sy")
        #expect(parties.actorKey("High Court of Freedonia") != key)
        #expect(parties.actorKey("Freedonian judge") != key)
        #expect(parties.actorKey("North March") != key)
    }

    @Test("a state acts for itself, and its officers for it, not for the national government")
    func statesStandApart() {
        #expect(parties.actorKey("North March Attorney General") == parties.actorKey("State of North March"))
        #expect(parties.actorKey("North March") != parties.actorKey("Government of Freedonia"))
    }

    @Test("a court and a judge, named or not, are one judiciary; a court's clerk is not")
    func courts() {
        #expect(parties.actorKey("High Court of Freedonia") == "court")
        #expect(parties.actorKey("a federal judge") == "court")
        #expect(parties.actorKey("the district court") == "court")
        #expect(parties.actorKey("court clerk") != "court")
        #expect(parties.actorKey("Judge Group Inc") != "court")
    }

    @Test("a legislature acts for its country's government: a law the country passed is the law its parliament passed")
    func legislatures() {
        #expect(parties.actorKey("Assembly of Freedonia") == "gov:fd")
        #expect(parties.actorKey("Freedonian lawmakers") == "gov:fd")
        #expect(parties.actorKey("Sylvanian Senate") == "gov:sy")
        // Near misses: another country's parliament; a state's legislature acts for the state.
        #expect(parties.actorKey("Sylvanian parliament") != parties.actorKey("Freedonian Assembly"))
        #expect(parties.actorKey("North March Legislature") == parties.actorKey("North March"))
        #expect(parties.actorKey("North March Legislature") != "gov:fd")
    }

    @Test("a product and a subsidiary act for the top company")
    func companies() {
        #expect(parties.actorKey("Zentrix Chat") == "org:zentrix holdings")
        #expect(parties.actorKey("Zentrix Cloud") == "org:zentrix holdings")
        #expect(parties.actorKey("Zentrix") == "org:zentrix holdings")
    }

    @Test("an unknown authority is known by its country and what it is; any other unknown name by its words")
    func unknownNames() {
        #expect(parties.actorKey("the Freedonian telecoms regulator") == "gov:fd")
        #expect(parties.actorKey("Sylvania's interior ministry") == "gov:sy")
        #expect(parties.actorKey("Sylvanian officials") == "gov:sy")
        // Near misses: a company named after the country, and an unknown firm, stay themselves.
        #expect(parties.actorKey("Freedonian Dairy Cooperative") == "freedonian dairy cooperative")
        #expect(parties.actorKey("The Quillfeather Group") == "quillfeather group")
        #expect(parties.actorKey("quillfeather group") == parties.actorKey("Quillfeather Group"))
    }

    @Test("several co-acting parties give one key whatever their order")
    func coActing() {
        #expect(parties.actorKey("Zentrix; Sylvania") == parties.actorKey("Government of Sylvania; Zentrix Cloud"))
        #expect(parties.actorKey(nil) == "")
        #expect(parties.actorKey("  ") == "")
    }

    @Test("groups described by country and kind are one group, in other words too")
    func groups() {
        let firms = parties.groupKey("Freedonian-owned companies")
        #expect(firms == "group:fd:organisations")
        for name in ["Freedonian firms", "companies in Freedonia", "Freedonia-based businesses", "Freedonian entities"] {
            #expect(parties.groupKey(name) == firms, "\(name)")
        }
        #expect(parties.groupKey("users in Sylvania") == "group:sy:people")
        #expect(parties.groupKey("Sylvanian citizens") == "group:sy:people")
        // Near misses: apps are not companies, another country's firms are another group, a name is not a group,
        // and a group without a country is no group key.
        #expect(parties.groupKey("Freedonian apps") == "group:fd:services")
        #expect(parties.groupKey("Sylvanian firms") != firms)
        #expect(parties.groupKey("Zentrix") == nil)
        #expect(parties.groupKey("foreign companies") == nil)
    }

    @Test("the bundled list: ministries, regulators and capitals resolve to their governments")
    func bundled() throws {
        let parties = PartyResolver(try EntityList.bundled())
        #expect(parties.actorKey("Ministry of Commerce of China") == parties.actorKey("Government of China"))
        #expect(parties.actorKey("Roskomnadzor") == parties.actorKey("the Kremlin"))
        #expect(parties.actorKey("Brussels") == parties.actorKey("European Commission"))
        #expect(parties.actorKey("Montana") != parties.actorKey("Government of the United States"))
        #expect(parties.actorKey("Texas Legislature") == parties.actorKey("Texas"))
    }
}

@Suite("Targets that stand for the actor")
struct SelfTargetTests {
    static let extractor: EventExtractor = {
        do { return try EventExtractor.bundled() } catch { fatalError("bundled data does not load: \(error)") }
    }()

    @Test("a country is not the target of its own government's or parliament's ban; another country is")
    func selfTargets() throws {
        let own = try #require(Self.extractor.extract(text: "Peru's congress banned the Zapchat app in Peru on Monday.").events.first)
        #expect(!own.targets.contains("Peru"))
        let other = try #require(Self.extractor.extract(text: "Peru's congress banned apps from Chile on Monday.").events.first)
        #expect(other.targets.contains("Chile") || other.countries.contains("CL"))
    }
}
