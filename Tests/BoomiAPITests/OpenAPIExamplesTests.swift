import Foundation
import OpenAPIVectors
import Testing

/// The test vectors are copies of Boomi's OpenAPI examples, so that the tests run on any clone.
/// Where the spec itself is present (beside the project, as in its workspace), the copies are
/// checked against it, so that an edit to either shows.
@Suite("OpenAPI examples")
struct OpenAPIExamplesTests {
  static let specURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/reference/boomi-platform-openapi-subset.json")

  @Test(
    "every vendored example is Boomi's, as its OpenAPI spec has it",
    .enabled(if: FileManager.default.fileExists(atPath: specURL.path), "the spec is not beside the project"))
  func vendoredExamplesMatchTheSpec() throws {
    let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.specURL)) as? [String: Any])
    for (text, location) in OpenAPIExamples.all {
      let original = try #require(try Self.example(at: location, in: spec), "\(location) is not in the spec")
      let copy = try JSONSerialization.jsonObject(with: Data(text.utf8))
      #expect(try Self.canonical(copy) == Self.canonical(original), "\(location)")
    }
  }

  /// The example at `location`: the request body's or a response's, the only one or the named one.
  static func example(at location: OpenAPIExamples.Location, in spec: [String: Any]) throws -> Any? {
    let paths = spec["paths"] as? [String: Any]
    guard let operation = (paths?[location.path] as? [String: Any])?[location.method] as? [String: Any] else {
      return nil
    }
    let part: [String: Any]?
    if let status = location.responseStatus {
      part = (operation["responses"] as? [String: Any])?[status] as? [String: Any]
    } else {
      part = operation["requestBody"] as? [String: Any]
    }
    let content = (part?["content"] as? [String: Any])?["application/json"] as? [String: Any]
    if let name = location.name {
      return ((content?["examples"] as? [String: Any])?[name] as? [String: Any])?["value"]
    }
    return content?["example"]
  }

  /// JSON with sorted keys: equal text for equal documents.
  static func canonical(_ value: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
  }
}
