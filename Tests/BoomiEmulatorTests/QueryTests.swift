import BoomiEmulator
import EmulatorFixtures
import Foundation
import Testing

/// QUERY filters and queryMore paging.
@Suite("Queries and paging")
struct QueryTests {
  static let bigComponent = "c0ffee00-0000-4000-8000-000000000001"

  /// One pack whose component has 250 packaged versions, 1.0 … 250.0.
  static let bigCatalog = Catalog(packs: [
    Catalog.Pack(
      id: "c0ffee00-0000-4000-8000-00000000000a", name: "big", installationType: "MULTI",
      components: [
        Catalog.Component(
          componentId: bigComponent, componentName: "Big",
          versions: (1...250).map {
            Catalog.PackagedVersion(packageId: "pkg-\($0)", packageVersion: "\($0).0", shareable: $0 % 10 != 0)
          })
      ])
  ])

  static func componentQuery(_ componentId: String) -> String {
    #"{"QueryFilter":{"expression":{"argument":["\#(componentId)"],"operator":"EQUALS","property":"componentId"}}}"#
  }

  @Test(
    "a query over 250 packaged components pages 100, 100, 50 through queryMore, with a token only while more remain")
  func paging() async throws {
    try await withEmulator({ $0.catalog = Self.bigCatalog }) { emulator in
      var seen: [String] = []
      var pageSizes: [Int] = []
      var reply = try await emulator.boomi(
        .POST, "PackagedComponent/query", body: Self.componentQuery(Self.bigComponent))
      for _ in 0..<10 {
        #expect(reply.status == 200)
        let results = reply.json["result"] as? [[String: Any]] ?? []
        #expect(reply.json["numberOfResults"] as? Int == results.count)
        pageSizes.append(results.count)
        seen += results.compactMap { $0["packageId"] as? String }
        guard let token = reply.json["queryToken"] as? String else { break }
        reply = try await emulator.boomi(.POST, "PackagedComponent/queryMore", body: token, contentType: "text/plain")
      }
      #expect(pageSizes == [100, 100, 50])
      #expect(seen == (1...250).map { "pkg-\($0)" })
    }
  }

  @Test(
    "a queryToken can be sent again for the same page; unknown tokens, JSON-wrapped tokens and JSON content types are refused"
  )
  func tokens() async throws {
    try await withEmulator({ $0.catalog = Self.bigCatalog }) { emulator in
      let first = try await emulator.boomi(.POST, "PackagedComponent/query", body: #"{"QueryFilter":{}}"#)
      let token = try #require(first.json["queryToken"] as? String)
      let once = try await emulator.boomi(.POST, "PackagedComponent/queryMore", body: token, contentType: "text/plain")
      let twice = try await emulator.boomi(.POST, "PackagedComponent/queryMore", body: token, contentType: "text/plain")
      #expect(once.status == 200)
      #expect(jsonEqual(once.json["result"] ?? [], twice.json["result"] ?? []))

      let unknown = try await emulator.boomi(
        .POST, "PackagedComponent/queryMore", body: "bm90LWEtdG9rZW4=", contentType: "text/plain")
      #expect(unknown.status == 400)
      #expect(unknown.json["@type"] as? String == "Error")
      let quoted = try await emulator.boomi(
        .POST, "PackagedComponent/queryMore", body: "\"\(token)\"", contentType: "text/plain")
      #expect(quoted.status == 400)
      let json = try await emulator.boomi(.POST, "PackagedComponent/queryMore", body: token)
      #expect(json.status == 415)
      // A PackagedComponent token is not a PublisherIntegrationPack token.
      let otherObject = try await emulator.boomi(
        .POST, "PublisherIntegrationPack/queryMore", body: token, contentType: "text/plain")
      #expect(otherObject.status == 400)
    }
  }

  @Test("an empty QueryFilter returns every packaged component; a missing QueryFilter is refused")
  func emptyFilter() async throws {
    try await withEmulator { emulator in
      let all = try await emulator.boomi(.POST, "PackagedComponent/query", body: #"{"QueryFilter":{}}"#)
      #expect(all.status == 200)
      #expect((all.json["numberOfResults"] as? Int ?? 0) > 20)
      #expect(try await emulator.boomi(.POST, "PackagedComponent/query", body: "{}").status == 400)
    }
  }

  /// A filter and the packageVersions of the big component it should match.
  struct Filter: CustomTestStringConvertible, Sendable {
    var name: String
    var expression: String
    var versions: [String]
    var testDescription: String { name }
  }

  static let filters: [Filter] = [
    Filter(
      name: "EQUALS on packageVersion",
      expression: #"{"argument":["7.0"],"operator":"EQUALS","property":"packageVersion"}"#, versions: ["7.0"]),
    Filter(
      name: "STARTS_WITH", expression: #"{"argument":["24"],"operator":"STARTS_WITH","property":"packageVersion"}"#,
      versions: ["24.0", "240.0", "241.0", "242.0", "243.0", "244.0", "245.0", "246.0", "247.0", "248.0", "249.0"]),
    Filter(
      name: "LIKE with %", expression: #"{"argument":["%9.0"],"operator":"LIKE","property":"packageVersion"}"#,
      versions: (0..<25).map { "\($0 * 10 + 9).0" }),
    Filter(
      name: "and of NOT_EQUALS and shareable",
      expression: #"""
        {"operator":"and","nestedExpression":[
          {"argument":["false"],"operator":"EQUALS","property":"shareable"},
          {"argument":["10.0"],"operator":"NOT_EQUALS","property":"packageVersion"},
          {"argument":["50.0"],"operator":"LESS_THAN_OR_EQUAL","property":"packageVersion"}]}
        """#, versions: ["20.0", "30.0", "40.0", "50.0"]),
    Filter(
      name: "or of two EQUALS",
      expression: #"""
        {"operator":"or","nestedExpression":[
          {"argument":["1.0"],"operator":"EQUALS","property":"packageVersion"},
          {"argument":["250.0"],"operator":"EQUALS","property":"packageVersion"}]}
        """#, versions: ["1.0", "250.0"]),
    Filter(
      name: "BETWEEN compares versions numerically",
      expression: #"{"argument":["9.0","11.0"],"operator":"BETWEEN","property":"packageVersion"}"#,
      versions: ["9.0", "10.0", "11.0"]),
  ]

  @Test("simple and grouping expressions filter packaged components", arguments: filters)
  func filter(_ filter: Filter) async throws {
    try await withEmulator({ $0.catalog = Self.bigCatalog }) { emulator in
      let reply = try await emulator.boomi(
        .POST, "PackagedComponent/query", body: #"{"QueryFilter":{"expression":\#(filter.expression)}}"#)
      #expect(reply.status == 200, "\(reply.text)")
      let versions = (reply.json["result"] as? [[String: Any]] ?? []).compactMap { $0["packageVersion"] as? String }
      #expect(versions == filter.versions)
    }
  }

  @Test("PublisherIntegrationPack queries filter on id, name and installationType")
  func publisherFilters() async throws {
    try await withEmulator { emulator in
      func ids(_ expression: String) async throws -> [String] {
        let reply = try await emulator.boomi(
          .POST, "PublisherIntegrationPack/query", body: #"{"QueryFilter":{"expression":\#(expression)}}"#)
        #expect(reply.status == 200)
        return (reply.json["result"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
      }
      let byId = try await ids(#"{"argument":["\#(Demo.ordersSync)"],"operator":"EQUALS","property":"id"}"#)
      #expect(byId == [Demo.ordersSync])
      let byName = try await ids(#"{"argument":["finance-%"],"operator":"LIKE","property":"name"}"#)
      #expect(byName.count == 2)
      let byType = try await ids(#"{"argument":["MULTI"],"operator":"NOT_EQUALS","property":"installationType"}"#)
      #expect(byType == [Demo.billingExport])
    }
  }

  @Test("malformed filters are refused with a message: unknown operator, wrong argument count, bad grouping")
  func badFilters() async throws {
    try await withEmulator { emulator in
      let bodies = [
        #"{"QueryFilter":{"expression":{"argument":["x"],"operator":"SOUNDS_LIKE","property":"componentId"}}}"#,
        #"{"QueryFilter":{"expression":{"argument":["a","b"],"operator":"EQUALS","property":"componentId"}}}"#,
        #"{"QueryFilter":{"expression":{"operator":"xor","nestedExpression":[]}}}"#,
        #"{"QueryFilter":{"expression":{"operator":"and","nestedExpression":[]}}}"#,
        #"{"QueryFilter":{"expression":{"argument":[true],"operator":"EQUALS","property":"shareable"}}}"#,
      ]
      for body in bodies {
        let reply = try await emulator.boomi(.POST, "PackagedComponent/query", body: body)
        #expect(reply.status == 400, "\(body)")
        #expect(!reply.message.isEmpty)
      }
    }
  }
}
