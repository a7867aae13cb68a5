import Foundation
import Testing

@testable import ReleaseCore

/// A document that uses every property of `schema`, each with its documented example.
private func exampleDocument(for schema: ObjectSchema) -> JSONValue {
  .object(Dictionary(uniqueKeysWithValues: schema.properties.map { ($0.key, example(of: $0.schema)) }))
}

private func example(of schema: ValueSchema) -> JSONValue {
  switch schema {
  case .string(_, _, _, let examples): .string(examples.first ?? "text")
  case .integer(let constant, let minimum, _): .int(constant ?? minimum ?? 0)
  case .boolean: .bool(true)
  case .enumeration(let values): .string(values.first ?? "")
  case .anyOf(let alternatives): alternatives.first.map(example) ?? .null
  case .array(let items, _): .array([example(of: items)])
  case .map(let values): .object(["key": example(of: values)])
  case .object(let object): exampleDocument(for: object)
  }
}

@Suite("Manifest schema")
struct SchemaTests {
  @Test("the loader accepts a manifest that uses every key the schema documents")
  func everyDocumentedKeyLoads() throws {
    // JSON is YAML, so the example document is a manifest as it stands.
    let yaml = exampleDocument(for: ManifestFormat.root.schema).compact()
    let loaded = try manifest(yaml)
    let pack = try #require(loaded.packs.first)
    #expect(loaded.account?.value == "acme-8Q78Q1")
    #expect(loaded.timeZoneName == "America/New_York")
    #expect(pack.name == "orders-sync")
    #expect(pack.installationType == .single)
    #expect(pack.components.first?.name == "Order Sync Process")
  }

  @Test("the printed schema lists every key of every object, and marks the required ones")
  func schemaMatchesDefinitions() throws {
    let text = ManifestFormat.jsonSchema.prettyPrinted()
    let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    let properties = try #require(root["properties"] as? [String: Any])
    #expect(Set(properties.keys) == Set(ManifestFormat.root.keys))
    #expect(Set(root["required"] as? [String] ?? []) == ["version", "packs"])

    let packs = try #require(properties["packs"] as? [String: Any])
    let pack = try #require(packs["items"] as? [String: Any])
    #expect(Set((pack["properties"] as? [String: Any])?.keys ?? [:].keys) == Set(ManifestFormat.pack.keys))
    #expect(Set(pack["required"] as? [String] ?? []) == ["id", "release", "components"])
    #expect(pack["additionalProperties"] as? Bool == false)
  }

  @Test("the published schema file is the one the tool prints")
  func committedSchema() throws {
    try assertGolden(ManifestFormat.jsonSchema.prettyPrinted(), named: "release.schema.json", directory: "docs")
  }
}

@Suite("Saved plans")
struct SavedPlanTests {
  @Test("a saved plan pins the manifest's SHA-256 and the lockfile's lineage and serial, and round-trips")
  func roundTrip() throws {
    let plan = try samplePlan()
    let manifestBytes = Array("version: 1\n".utf8)
    let saved = SavedPlan(
      plan: plan, planId: "plan-42", createdAt: Date(timeIntervalSince1970: 1_795_000_000), account: "acme-8Q78Q1",
      manifestPath: "release.yaml", manifestBytes: manifestBytes, lockfilePath: "release.lock.json",
      lockfile: Lockfile(lineage: "lineage-1", serial: 3))
    #expect(saved.manifestSHA256 == "09bfcc6a14b83e2192b8673677725c84883ee9cd0c70e45c9ec09daa8f2b2847")
    #expect(saved.lockfileLineage == "lineage-1" && saved.lockfileSerial == 3)
    #expect(saved.calls.map(\.operation) == [.create, .create, .update])
    #expect(saved.retire == [packC])
    #expect(saved.createdAt == "2026-11-18T11:06:40Z")

    let bytes = SavedPlanFormat.encode(saved)
    let (decoded, diagnostics) = SavedPlanFormat.decode(SourceText(path: "plan.json", bytes: bytes))
    #expect(diagnostics.isEmpty)
    #expect(decoded == saved)
  }

  @Test("SHA-256 is the standard digest")
  func sha256() {
    #expect(Digest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}
