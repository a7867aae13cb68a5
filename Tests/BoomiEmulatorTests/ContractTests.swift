import EmulatorFixtures
import Foundation
import OpenAPIVectors
import Testing

/// Boomi's own OpenAPI examples sent verbatim, and the answers checked against the examples'
/// shape: the emulator must speak the JSON Boomi documents, key for key.
@Suite("Contract: Boomi's OpenAPI examples")
struct ContractTests {
  @Test("the CREATE example is accepted and answered with the example's keys and an absolute status URL")
  func createExample() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.create(OpenAPIExamples.createRequest)
      #expect(reply.status == 200)
      #expect(reply.header("Content-Type") == "application/json")
      var expected = keyPaths(parse(OpenAPIExamples.createResponse))
      // An immediate release has no date, and nothing is released until it is done.
      expected.remove("releaseOnDate")
      expected.remove("ReleasePackagedComponents.ReleasePackagedComponent[].releasedVersion")
      #expect(keyPaths(reply.json) == expected)
      #expect(reply.json["@type"] as? String == "ReleaseIntegrationPack")
      #expect(reply.json["id"] as? String == Demo.ordersSync)
      #expect(reply.json["releaseSchedule"] as? String == "IMMEDIATELY")
      let requestId = try #require(reply.json["requestId"] as? String)
      #expect(requestId.hasPrefix("release-") && UUID(uuidString: String(requestId.dropFirst(8))) != nil)
      #expect(
        reply.json["releaseStatusUrl"] as? String
          == "http://\(emulator.authority)/api/rest/v1/\(Demo.account)/ReleaseIntegrationPackStatus/\(requestId)"
      )
      let components = (reply.json["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"]
      let first = try #require((components as? [[String: Any]])?.first)
      #expect(first["componentId"] as? String == Demo.orderSyncProcess)
      #expect(first["version"] as? String == "2.0")
    }
  }

  @Test("the UPDATE example modifies a pending scheduled release and is answered like CREATE")
  func updateExample() async throws {
    try await withEmulator { emulator in
      let scheduled = try await emulator.create(
        Demo.release(schedule: "RELEASE_ON_SPECIFIED_DATE", date: "2026-12-20"))
      #expect(scheduled.status == 200)
      let reply = try await emulator.update(Demo.ordersSync, OpenAPIExamples.updateRequest)
      #expect(reply.status == 200)
      var expected = keyPaths(parse(OpenAPIExamples.updateResponse))
      expected.remove("releaseOnDate")
      expected.remove("ReleasePackagedComponents.ReleasePackagedComponent[].releasedVersion")
      #expect(keyPaths(reply.json) == expected)
      let components = (reply.json["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"]
      #expect((components as? [[String: Any]])?.first?["version"] as? String == "1.0")
    }
  }

  @Test("a release status has the keys of Boomi's status example once released")
  func statusExample() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(OpenAPIExamples.createRequest)
      let requestId = try #require(created.json["requestId"] as? String)
      emulator.clock.advance(by: .seconds(1))
      let reply = try await emulator.status(requestId)
      #expect(reply.status == 200)
      var expected = keyPaths(parse(OpenAPIExamples.statusResponse))
      expected.remove("releaseOnDate")
      #expect(keyPaths(reply.json) == expected)
      #expect(reply.json["@type"] as? String == "ReleaseIntegrationPackStatus")
      #expect(reply.json["responseStatusCode"] as? Int == 200)
      #expect(reply.json["integrationPackId"] as? String == Demo.ordersSync)
      #expect(reply.json["requestId"] as? String == requestId)
      #expect(reply.json["releaseStatus"] as? String == "SUCCESS")
    }
  }

  @Test("a PublisherIntegrationPack has the example's keys, with empty versions as \"\"")
  func publisherPackExample() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.publisherPack(Demo.billingExport)
      #expect(reply.status == 200)
      #expect(keyPaths(reply.json) == keyPaths(parse(OpenAPIExamples.publisherPackResponse)))
      let component = try await emulator.packComponent(Demo.billingExport, Demo.invoiceExport)
      #expect(component["currentVersion"] as? String == "")
      #expect(component["pendingVersion"] as? String == "")
      #expect(component["latestVersion"] as? String == "3.2")
      #expect(component["deleted"] as? Bool == false)
      #expect(reply.json["installationType"] as? String == "SINGLE")
    }
  }

  @Test("GET PackagedComponent of the example's package answers exactly the example")
  func packagedComponentExample() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.boomi(.GET, "PackagedComponent/e8dbc278-e970-49e5-84bd-af39d7d38140")
      #expect(reply.status == 200)
      #expect(jsonEqual(reply.json, parse(OpenAPIExamples.packagedComponentResponse)))
    }
  }

  @Test("the PackagedComponent query example (simple expressions, BETWEEN) answers exactly the example")
  func packagedQueryExample() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.boomi(.POST, "PackagedComponent/query", body: OpenAPIExamples.packagedQuerySimple)
      #expect(reply.status == 200)
      #expect(jsonEqual(reply.json, parse(OpenAPIExamples.packagedQueryResponse)))
    }
  }

  @Test("the grouping examples' placeholder property is refused by name, with Boomi's error shape")
  func groupingExamplesNameTheUnknownProperty() async throws {
    try await withEmulator { emulator in
      for (path, body) in [
        ("PackagedComponent/query", OpenAPIExamples.packagedQueryGrouping),
        ("PublisherIntegrationPack/query", OpenAPIExamples.publisherQueryGrouping),
      ] {
        let reply = try await emulator.boomi(.POST, path, body: body)
        #expect(reply.status == 400)
        #expect(reply.json["@type"] as? String == "Error")
        #expect(reply.message.contains("anotherProperty"))
      }
    }
  }

  @Test("the grouping example with a real property in place of the placeholder matches by nested and")
  func groupingExampleWithRealProperty() async throws {
    try await withEmulator { emulator in
      let body = OpenAPIExamples.packagedQueryGrouping.replacingOccurrences(
        of: #""property": "anotherProperty""#, with: #""property": "deleted""#
      ).replacingOccurrences(of: #""another-value""#, with: #""true""#)
      let reply = try await emulator.boomi(.POST, "PackagedComponent/query", body: body)
      #expect(reply.status == 200)
      #expect(jsonEqual(reply.json, parse(OpenAPIExamples.packagedQueryResponse)))
    }
  }

  @Test("the PublisherIntegrationPack query example finds the SINGLE packs, shaped like the example")
  func publisherQueryExample() async throws {
    try await withEmulator { emulator in
      let reply = try await emulator.boomi(
        .POST, "PublisherIntegrationPack/query", body: OpenAPIExamples.publisherQuerySimple)
      #expect(reply.status == 200)
      #expect(keyPaths(reply.json) == keyPaths(parse(OpenAPIExamples.publisherQueryResponse)))
      let results = reply.json["result"] as? [[String: Any]] ?? []
      #expect(results.map { $0["id"] as? String } == [Demo.billingExport])
      #expect(reply.json["numberOfResults"] as? Int == 1)
      #expect(reply.json["queryToken"] == nil)
    }
  }

  @Test("a bulk status answer has Boomi's BulkResult shape for found and unknown ids")
  func bulkShape() async throws {
    try await withEmulator { emulator in
      let created = try await emulator.create(OpenAPIExamples.createRequest)
      let requestId = try #require(created.json["requestId"] as? String)
      let body = OpenAPIExamples.publisherBulkRequest.replacingOccurrences(
        of: "b9875167-ddbd-4c5f-a77d-327589b52bf8", with: requestId)
      let reply = try await emulator.boomi(.POST, "ReleaseIntegrationPackStatus/bulk", body: body)
      #expect(reply.status == 200)
      #expect(reply.json["@type"] as? String == "BulkResult")
      let answers = reply.json["response"] as? [[String: Any]] ?? []
      try #require(answers.count == 2)
      #expect(answers[0]["@type"] as? String == "BulkResponse")
      #expect(answers[0]["statusCode"] as? Int == 200)
      #expect(answers[0]["index"] as? Int == 0)
      #expect(answers[0]["id"] as? String == requestId)
      #expect((answers[0]["Result"] as? [String: Any])?["@type"] as? String == "ReleaseIntegrationPackStatus")
      // The example's error item, with `index` added as the schema has it.
      let exampleError = try #require(
        (parse(OpenAPIExamples.publisherBulkResponse) as? [String: Any])?["response"] as? [[String: Any]]
      ).last
      #expect(Set(answers[1].keys) == Set(try #require(exampleError).keys).union(["index"]))
      #expect(answers[1]["statusCode"] as? Int == 400)
      #expect((answers[1]["errorMessage"] as? String)?.contains("not_a_real_package_id") == true)
    }
  }

  @Test("request bodies are decoded leniently: @type and unknown keys are ignored")
  func lenientDecoding() async throws {
    try await withEmulator { emulator in
      // As Boomi's Python SDK 3.x serialises it, plus a key Boomi does not define.
      let body = #"""
        {"@type":"ReleaseIntegrationPack",
         "ReleasePackagedComponents":{"@type":"ReleasePackagedComponents",
           "ReleasePackagedComponent":[{"@type":"ReleasePackagedComponent","componentId":"\#(Demo.orderSyncProcess)","version":"2.0"}]},
         "id":"\#(Demo.ordersSync)","releaseSchedule":"IMMEDIATELY","x-extra":{"a":[1,2]}}
        """#
      let reply = try await emulator.create(body)
      #expect(reply.status == 200)
    }
  }
}
