import Foundation
import OpenAPIVectors
import TestSupport
import Testing

@testable import BoomiAPI

@Suite("Boomi's wire format")
struct WireFormatTests {
  @Test("a CREATE body is exactly Boomi's shape: the wrapper object, no nulls, no releaseOnDate when immediate")
  func immediateBody() throws {
    let body = String(decoding: sampleRelease.bytes, as: UTF8.self)
    #expect(
      body
        == #"{"ReleasePackagedComponents":{"ReleasePackagedComponent":[{"componentId":"b420a8ab-8e4e-41b2-93ce-079093a03af2","version":"2.0"}]},"id":"f0f7face-3a9d-48b1-8a32-82b84499cd4e","releaseSchedule":"IMMEDIATELY"}"#
    )
    #expect(!body.contains("null"))
  }

  @Test("a scheduled body carries releaseOnDate")
  func scheduledBody() throws {
    var request = sampleRequest
    request.releaseSchedule = "RELEASE_ON_SPECIFIED_DATE"
    request.releaseOnDate = "2026-12-20"
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(ReleaseRequestBody(request).bytes)) as? [String: Any])
    #expect(object["releaseOnDate"] as? String == "2026-12-20")
    #expect(object["releaseSchedule"] as? String == "RELEASE_ON_SPECIFIED_DATE")
  }

  @Test("our body carries the same keys and nesting as Boomi's own CREATE request example")
  func matchesOpenAPIRequestExample() throws {
    let example = try jsonObject(OpenAPIExamples.createRequest)
    let ours = try #require(
      try JSONSerialization.jsonObject(with: Data(sampleRelease.bytes)) as? [String: Any])
    // The example also shows the optional name and installationType, which we do not send.
    #expect(Set(ours.keys).isSubset(of: Set(example.keys)))
    let exampleComponents = try #require(
      (example["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"] as? [[String: Any]])
    let ourComponents = try #require(
      (ours["ReleasePackagedComponents"] as? [String: Any])?["ReleasePackagedComponent"] as? [[String: Any]])
    #expect(Set(ourComponents[0].keys) == Set(exampleComponents[0].keys))
  }

  @Test("Boomi's CREATE response example decodes, @type and all")
  func createResponseExample() throws {
    let response = try WireCoding.decode(
      ReleaseIntegrationPackResponse.self, from: Array(OpenAPIExamples.createResponse.utf8))
    #expect(response.requestId == "release-11031691-dc62-4280-a3b2-dcf7f3521f8a")
    #expect(
      response.releaseStatusUrl?.hasSuffix("/ReleaseIntegrationPackStatus/release-11031691-dc62-4280-a3b2-dcf7f3521f8a")
        == true)
    #expect(response.components.first?.releasedVersion == "1.0")
  }

  @Test("Boomi's UPDATE response example decodes")
  func updateResponseExample() throws {
    let response = try WireCoding.decode(
      ReleaseIntegrationPackResponse.self, from: Array(OpenAPIExamples.updateResponse.utf8))
    #expect(response.requestId?.hasPrefix("release-") == true)
  }

  @Test("Boomi's status example decodes with its components and releaseStatus")
  func statusExample() throws {
    let status = try WireCoding.decode(
      ReleaseIntegrationPackStatus.self,
      from: Array(OpenAPIExamples.statusResponse.utf8))
    #expect(status.releaseStatus == "SUCCESS")
    #expect(status.integrationPackId == "d7c16f5d-3311-417e-a149-3c55436f7d8d")
    #expect(status.responseStatusCode == 200)
    #expect(status.components.count == 2)
    #expect(status.components.last?.version == "2.0")
  }

  @Test("Boomi's PublisherIntegrationPack example decodes, with \"\" read as no version")
  func publisherPackExample() throws {
    let pack = try WireCoding.decode(
      PublisherIntegrationPack.self, from: Array(OpenAPIExamples.publisherPackResponse.utf8))
    #expect(pack.id == "d7c16f5d-3311-417e-a149-3c55436f7d8d")
    let component = try #require(pack.components.first)
    #expect(component.currentVersion == "1.0")
    #expect(component.pendingVersion == nil)
    #expect(component.latestVersion == nil)
    #expect(component.deleted)
  }

  @Test("Boomi's PackagedComponent example decodes; a numeric componentVersion is read as text")
  func packagedComponentExample() throws {
    let component = try WireCoding.decode(
      PackagedComponent.self, from: Array(OpenAPIExamples.packagedComponentResponse.utf8))
    #expect(component.packageVersion == "2.0")
    #expect(component.shareable)
    let numeric = try WireCoding.decode(
      PackagedComponent.self,
      from: Array(#"{"packageId":"p","componentId":"c","componentVersion":3,"shareable":"true"}"#.utf8))
    #expect(numeric.componentVersion == "3")
    #expect(numeric.shareable)
  }

  @Test("Boomi's query result examples decode")
  func queryExamples() throws {
    let packs = try WireCoding.decode(
      QueryResult<PublisherIntegrationPack>.self, from: Array(OpenAPIExamples.publisherQueryResponse.utf8))
    #expect(packs.result.count == 2)
    let components = try WireCoding.decode(
      QueryResult<PackagedComponent>.self, from: Array(OpenAPIExamples.packagedQueryResponse.utf8))
    #expect(!components.result.isEmpty)
  }

  @Test("a query filter is Boomi's QueryFilter shape, grouping operators in lowercase")
  func queryFilter() throws {
    let config = QueryConfig(.and([.equals("componentId", "c-1"), .equals("shareable", "true")]))
    #expect(
      String(decoding: WireCoding.encode(config), as: UTF8.self)
        == #"{"QueryFilter":{"expression":{"nestedExpression":[{"argument":["c-1"],"operator":"EQUALS","property":"componentId"},{"argument":["true"],"operator":"EQUALS","property":"shareable"}],"operator":"and"}}}"#
    )
    #expect(String(decoding: WireCoding.encode(QueryConfig(nil)), as: UTF8.self) == #"{"QueryFilter":{}}"#)
  }

  @Test("a bulk status request is {type: GET, request: [{id}]}")
  func bulkRequest() {
    #expect(
      String(decoding: WireCoding.encode(BulkGetRequest(ids: ["release-1", "release-2"])), as: UTF8.self)
        == #"{"request":[{"id":"release-1"},{"id":"release-2"}],"type":"GET"}"#)
  }

  @Test(
    "Boomi's message is found in each of its error shapes",
    arguments: [
      (
        #"{"message": "Access denied due to insufficient permissions."}"#,
        "Access denied due to insufficient permissions."
      ),
      (#"{"@type": "Error", "message": "Invalid pack"}"#, "Invalid pack"),
      (#"{"error": {"message": "Bad body"}}"#, "Bad body"),
      (
        #"{"@type":"BulkResponse","statusCode":400,"errorMessage":"Integration pack ID x is invalid."}"#,
        "Integration pack ID x is invalid."
      ),
      ("<error><message>XML says no</message></error>", "XML says no"),
      ("plain words", "plain words"),
    ])
  func errorShapes(_ body: String, _ message: String) {
    #expect(ErrorBody.message(in: Array(body.utf8)) == message)
  }
}
