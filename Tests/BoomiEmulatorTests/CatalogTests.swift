import BoomiEmulator
import EmulatorFixtures
import Foundation
import ReleaseCore
import Testing

/// Catalog files (decoded with positioned diagnostics), the demo catalog and the catalog made
/// from a manifest.
@Suite("Catalog")
struct CatalogTests {
  static func decode(_ text: String, as syntax: DocumentReader.Syntax = .yaml) -> (Catalog?, [Diagnostic]) {
    Catalog.decode(SourceText(path: "catalog.yaml", bytes: Array(text.utf8)), as: syntax)
  }

  @Test("a YAML catalog shaped like Boomi's objects decodes, versions as text")
  func decodesYAML() throws {
    let (catalog, diagnostics) = Self.decode(
      """
      packs:
        - id: p-1
          name: Pack One
          installationType: SINGLE
          components:
            - componentId: c-1
              componentName: Component One
              componentType: process
              versions:
                - {packageId: k-1, packageVersion: 2.10, shareable: true, deleted: false}
                - {packageId: k-2, packageVersion: "2.9", shareable: false}
      """)
    #expect(diagnostics.isEmpty)
    let pack = try #require(catalog?.packs.first)
    #expect(pack.installationType == "SINGLE")
    #expect(pack.components.first?.versions.map(\.packageVersion) == ["2.10", "2.9"])
    #expect(pack.components.first?.versions.map(\.shareable) == [true, false])
  }

  /// A broken catalog and the diagnostic it must give, at a line and column.
  struct Broken: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var code: DiagnosticCode
    var line: Int
    var column: Int
    var syntax: DocumentReader.Syntax = .yaml
    var testDescription: String { name }
  }

  static let broken: [Broken] = [
    Broken(
      name: "misspelled key",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: MULTI
            components:
              - componentId: c-1
                versions:
                  - packageId: k-1
                    packageVersio: "1.0"
        """, code: .unknownKey, line: 9, column: 13),
    Broken(
      name: "boolean that is not true or false",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: MULTI
            components:
              - componentId: c-1
                versions:
                  - {packageId: k-1, packageVersion: "1.0", shareable: "yes"}
        """, code: .wrongType, line: 8, column: 64),
    Broken(
      name: "missing packageVersion",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: MULTI
            components:
              - componentId: c-1
                versions:
                  - packageId: k-1
        """, code: .missingKey, line: 8, column: 13),
    Broken(
      name: "installationType neither SINGLE nor MULTI",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: multi
            components: []
        """, code: .invalidInstallationType, line: 4, column: 23),
    Broken(
      name: "duplicate pack id",
      text: """
        packs:
          - {id: p-1, name: One, installationType: MULTI, components: []}
          - {id: p-1, name: Two, installationType: MULTI, components: []}
        """, code: .duplicatePackID, line: 3, column: 10),
    Broken(
      name: "one packageId for two versions",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: MULTI
            components:
              - componentId: c-1
                versions:
                  - {packageId: k-1, packageVersion: "1.0"}
                  - {packageId: k-1, packageVersion: "2.0"}
        """, code: .invalidValue, line: 9, column: 25),
    Broken(
      name: "currentVersion that is not a packaged version",
      text: """
        packs:
          - id: p-1
            name: One
            installationType: MULTI
            components:
              - componentId: c-1
                currentVersion: "3.0"
                versions: []
        """, code: .invalidValue, line: 7, column: 25),
    Broken(
      name: "JSON syntax error",
      text: """
        {"packs": [
          {"id": "p-1", "name": "One",, "installationType": "MULTI", "components": []}
        ]}
        """, code: .jsonSyntax, line: 2, column: 31, syntax: .json),
  ]

  @Test("a bad catalog gives a positioned diagnostic with a stable code", arguments: broken)
  func positionedDiagnostics(_ broken: Broken) throws {
    let (catalog, diagnostics) = Self.decode(broken.text, as: broken.syntax)
    #expect(catalog == nil)
    let diagnostic = try #require(diagnostics.first { $0.code == broken.code }, "\(diagnostics)")
    #expect(diagnostic.line == broken.line)
    #expect(diagnostic.column == broken.column)
  }

  @Test("loading a bad catalog file throws the diagnostics rendered with file, line, column and caret")
  func loadRendersDiagnostics() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emu-catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("catalog.yaml").path
    try Data("packs:\n  - id: p-1\n    nam: One\n".utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try Catalog.load(contentsOf: path)
      Issue.record("a bad catalog loaded")
    } catch {
      #expect(error.rendered.contains("\(path):3:5: error: unknown key 'nam' in pack [unknown-key]"))
      #expect(error.rendered.contains("^"))
      #expect(error.rendered.contains("help: did you mean 'name'?"))
    }
  }

  /// Every manifest in `manifests/`.
  static func exampleManifests() throws -> [Manifest] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let directory = root.appendingPathComponent("manifests")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
    return try names.sorted().map { name in
      let path = directory.appendingPathComponent(name).path
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let (manifest, diagnostics) = ManifestLoader.load(SourceText(path: path, bytes: bytes))
      return try #require(manifest, "\(name): \(diagnostics)")
    }
  }

  @Test("the demo catalog holds every pack, component and version of the example manifests, shareable")
  func demoMatchesManifests() throws {
    let manifests = try Self.exampleManifests()
    #expect(manifests.count >= 3)
    for manifest in manifests {
      for pack in manifest.packs {
        let demoPack = try #require(Catalog.demo.pack(pack.id), "pack \(pack.label)")
        if let type = pack.installationType { #expect(demoPack.installationType == type.rawValue) }
        for component in pack.components {
          let demoComponent = try #require(
            demoPack.components.first { $0.componentId == component.id }, "\(pack.label) / \(component.id)")
          let version = demoComponent.versions.first { $0.packageVersion == component.version }
          #expect(version?.isReleasable == true, "\(pack.label) / \(component.id) @ \(component.version)")
        }
      }
    }
    let all = Catalog.demo.packs.flatMap(\.components).flatMap(\.versions)
    #expect(all.contains { !$0.shareable })
    #expect(all.contains { $0.deleted })
  }

  @Test("the demo catalog passes the catalog checks when written out and read back")
  func demoIsValid() throws {
    // Catalog's Codable form is the catalog file format.
    let text = String(decoding: try JSONEncoder().encode(Catalog.demo), as: UTF8.self)
    let (catalog, diagnostics) = Self.decode(text, as: .json)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(catalog == Catalog.demo)
  }

  @Test("a catalog made from a manifest makes each manifest version releasable")
  func fromManifest() async throws {
    let manifest = try #require(try Self.exampleManifests().first { $0.path.hasSuffix("shared-components.yaml") })
    let catalog = Catalog(manifest: manifest)
    #expect(catalog.packs.map(\.id) == manifest.packs.map(\.id))
    try await withEmulator({ $0.catalog = catalog }) { emulator in
      for pack in manifest.packs {
        let components = pack.components.map { ($0.id, $0.version) }
        let reply = try await emulator.create(Demo.release(pack: pack.id, components: components))
        #expect(reply.status == 200, "\(reply.text)")
      }
    }
    // Derived packageIds are stable from run to run.
    #expect(Catalog(manifest: manifest) == catalog)
  }
}
