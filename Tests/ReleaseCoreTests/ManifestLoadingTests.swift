import Foundation
import Testing

@testable import ReleaseCore

@Suite("Loading a manifest")
struct ManifestLoadingTests {
  @Test("versions and ids are kept as the scalar's text, never as numbers")
  func scalarsStayText() throws {
    let loaded = try manifest(
      """
      version: 1
      packs:
        - id: \(packA)
          release: immediately
          components:
            - {id: \(componentX), version: 2.0}
            - {id: \(componentY), version: 2.10}
      """)
    let versions = loaded.packs[0].components.map(\.version)
    #expect(versions == ["2.0", "2.10"])
  }

  @Test("every value keeps its line and column")
  func positions() throws {
    let loaded = try manifest(
      """
      version: 1
      packs:
        - id: \(packA)
          name: orders
          release:   2026-12-20
          components: [{id: \(componentX), version: "1"}]
      """)
    #expect(loaded.packs[0].marks.pack == SourceMark(line: 3, column: 5))
    #expect(loaded.packs[0].marks.id == SourceMark(line: 3, column: 9))
    #expect(loaded.packs[0].marks.release == SourceMark(line: 5, column: 16))
    #expect(loaded.packs[0].marks.installationType == nil)
    #expect(loaded.packs[0].components[0].idMark == SourceMark(line: 6, column: 23))
    #expect(loaded.packs[0].components[0].versionMark == SourceMark(line: 6, column: 70))
  }

  @Test("ids are normalised to lowercase")
  func lowercaseIDs() throws {
    let loaded = try manifest(
      """
      version: 1
      packs:
        - id: \(packA.uppercased())
          release: immediately
          components: [{id: \(componentX.uppercased()), version: "1"}]
      """)
    #expect(loaded.packs[0].id == packA)
    #expect(loaded.packs[0].components[0].id == componentX)
  }

  @Test("a component list shared through an anchor in an x- key is expanded at each alias")
  func anchorsAndAliases() throws {
    let loaded = try manifest(
      """
      version: 1
      x-shared: &common
        - {id: \(componentX), version: "3.1"}
        - {id: \(componentY), version: "1.0"}
      packs:
        - id: \(packA)
          release: immediately
          components: *common
        - id: \(packB)
          release: 2026-12-20
          components: *common
      """)
    #expect(loaded.packs.map(\.components.count) == [2, 2])
    #expect(loaded.packs[1].components[0].version == "3.1")
  }

  @Test("an anchor inside an anchored node is replayed inside its replay")
  func nestedAliases() throws {
    let loaded = try manifest(
      """
      version: 1
      x-one: &one {id: \(componentX), version: "1"}
      x-list: &list [*one]
      packs:
        - id: \(packA)
          release: immediately
          components: *list
      """)
    #expect(loaded.packs[0].components.map(\.id) == [componentX])
  }

  @Test("a billion laughs document fails fast with alias-limit")
  func billionLaughs() {
    var yaml = "version: 1\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...9 {
      let previous = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
      yaml += "x-\(level): &l\(level) [\(previous)]\n"
    }
    yaml += "packs: *l9\n"
    let clock = ContinuousClock()
    var diagnostics: [Diagnostic] = []
    let elapsed = clock.measure { diagnostics = loadManifest(yaml).1 }
    #expect(diagnostics.map(\.code) == [.aliasLimit])
    // Generous: the point is "not 10^9 events", not a speed assertion.
    #expect(elapsed < .seconds(30))
  }

  @Test("an alias to an undefined anchor is reported where it is used")
  func undefinedAlias() {
    let (_, diagnostics) = loadManifest(
      """
      version: 1
      packs: *nowhere
      """)
    #expect(diagnostics.map(\.code) == [.undefinedAlias])
    #expect(diagnostics.first?.mark == SourceMark(line: 2, column: 8))
  }

  @Test("deep nesting is refused at the configured depth")
  func deepNesting() {
    let yaml = "version: 1\nx-deep: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
    let (_, diagnostics) = loadManifest(yaml)
    #expect(diagnostics.map(\.code) == [.nestingTooDeep])
  }

  @Test("a file over the size limit is refused before parsing")
  func fileTooLarge() {
    var limits = DecodingLimits()
    limits.maxFileBytes = 16
    let (_, diagnostics) = loadManifest("version: 1\npacks: []\n", limits: limits)
    #expect(diagnostics.map(\.code) == [.fileTooLarge])
  }

  @Test("an overlong scalar is refused")
  func scalarTooLong() {
    var limits = DecodingLimits()
    limits.maxScalarBytes = 8
    let (_, diagnostics) = loadManifest("version: 1\nx-a: \"0123456789\"\npacks: []\n", limits: limits)
    #expect(diagnostics.map(\.code) == [.scalarTooLong])
    #expect(diagnostics.first?.mark == SourceMark(line: 2, column: 6))
  }

  @Test("invalid UTF-8 is reported at the offending byte")
  func invalidUTF8() {
    var bytes = Array("version: 1\npacks:\n  - id: ab".utf8)
    bytes.append(0xFF)
    let (_, diagnostics) = ManifestLoader.load(SourceText(path: "release.yaml", bytes: bytes))
    #expect(diagnostics.map(\.code) == [.invalidUTF8])
    #expect(diagnostics.first?.mark == SourceMark(line: 3, column: 11))
  }

  @Test("a UTF-16 file is told to be saved as UTF-8")
  func utf16() {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x76, 0x00]
    let (_, diagnostics) = ManifestLoader.load(SourceText(path: "release.yaml", bytes: bytes))
    #expect(diagnostics.first?.code == .invalidUTF8)
    #expect(diagnostics.first?.help?.contains("UTF-16") == true)
  }

  @Test("an empty file, a comment-only file and a bare document marker are empty documents")
  func emptyDocuments() {
    for text in ["", "# nothing\n", "---\n"] {
      let (_, diagnostics) = loadManifest(text)
      #expect(diagnostics.map(\.code) == [.emptyDocument], "\(text.debugDescription)")
    }
  }

  @Test("a second YAML document is refused")
  func multipleDocuments() {
    let (_, diagnostics) = loadManifest("version: 1\npacks: []\n---\nversion: 1\n")
    #expect(diagnostics.map(\.code) == [.multipleDocuments])
    #expect(diagnostics.first?.line == 3)
  }

  @Test("a list or a scalar at the root is not a mapping")
  func rootNotAMapping() {
    #expect(loadManifest("- a\n- b\n").1.map(\.code) == [.notAMapping])
    #expect(loadManifest("just text\n").1.map(\.code) == [.notAMapping])
  }

  @Test("a syntax error keeps the problems found before it and nothing after")
  func syntaxErrorStops() {
    let (manifest, diagnostics) = loadManifest(
      """
      version: 1
      verison: 1
      packs:
        - id: "unclosed
      """)
    #expect(manifest == nil)
    #expect(diagnostics.map(\.code) == [.unknownKey, .yamlSyntax])
  }

  @Test("an empty packs list is a valid manifest that manages nothing")
  func emptyPacks() throws {
    let loaded = try manifest("version: 1\npacks: []\n")
    #expect(loaded.packs.isEmpty)
  }

  @Test("the time zone defaults to UTC and an IANA name is accepted")
  func timeZones() throws {
    #expect(try manifest("version: 1\npacks: []\n").timeZoneName == "UTC")
    let newYork = try manifest("version: 1\ntimezone: America/New_York\npacks: []\n")
    #expect(newYork.timeZone.identifier == "America/New_York")
  }
}

@Suite("Hostile inputs")
struct HostileInputTests {
  static func corpus(_ target: String) -> [String] {
    let directory = packageRoot.appendingPathComponent("Fuzz/corpus/\(target)")
    return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
  }

  @Test(
    "every manifest in the fuzz regression corpus loads to a result or positioned diagnostics",
    arguments: corpus("manifest"))
  func manifestCorpus(_ name: String) throws {
    let bytes = Array(try Data(contentsOf: packageRoot.appendingPathComponent("Fuzz/corpus/manifest/\(name)")))
    let (manifest, diagnostics) = ManifestLoader.load(SourceText(path: name, bytes: bytes))
    #expect((manifest == nil) == diagnostics.containsErrors)
    #expect(diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 && $0.file == name })
  }

  @Test(
    "every lockfile in the fuzz regression corpus decodes or is refused with positioned diagnostics",
    arguments: corpus("lockfile"))
  func lockfileCorpus(_ name: String) throws {
    let bytes = Array(try Data(contentsOf: packageRoot.appendingPathComponent("Fuzz/corpus/lockfile/\(name)")))
    let (lockfile, diagnostics) = LockfileFormat.decode(SourceText(path: name, bytes: bytes))
    #expect((lockfile == nil) == diagnostics.containsErrors)
    if let lockfile {
      #expect(LockfileFormat.decode(SourceText(path: name, bytes: LockfileFormat.encode(lockfile))).0 == lockfile)
    }
  }
}
