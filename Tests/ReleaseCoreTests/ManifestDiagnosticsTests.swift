import Testing

@testable import ReleaseCore

/// One manifest mistake and exactly where it must be reported.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
  var title: String
  var yaml: String
  var code: DiagnosticCode
  var line: Int
  var column: Int
  var help: String? = nil

  var testDescription: String { title }
}

/// A valid pack, to embed around the mistake under test.
let goodPack = """
    - id: \(packA)
      release: immediately
      components:
        - id: \(componentX)
          version: "1.0"
  """

@Suite("Manifest diagnostics")
struct ManifestDiagnosticsTests {
  static let cases: [DiagnosticCase] = [
    DiagnosticCase(
      title: "the root is not a mapping", yaml: "- version: 1\n", code: .notAMapping, line: 1, column: 1),
    DiagnosticCase(
      title: "version is missing", yaml: "packs: []\n", code: .missingVersion, line: 1, column: 1,
      help: "add `version: 1` as the first line"),
    DiagnosticCase(
      title: "version is unsupported", yaml: "version: 2\npacks: []\n", code: .unsupportedVersion, line: 1,
      column: 10),
    DiagnosticCase(
      title: "version is not an integer", yaml: "version: \"1\"\npacks: []\n", code: .wrongType, line: 1,
      column: 10),
    DiagnosticCase(
      title: "an unknown key at the root, with a suggestion", yaml: "version: 1\npakcs: []\n", code: .unknownKey,
      line: 2, column: 1, help: "did you mean 'packs'?"),
    DiagnosticCase(
      title: "an unknown key in a component, with a suggestion",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components:
              - id: \(componentX)
                verison: "1.0"
        """, code: .unknownKey, line: 7, column: 9, help: "did you mean 'version'?"),
    DiagnosticCase(
      title: "a duplicate mapping key", yaml: "version: 1\npacks: []\nversion: 1\n", code: .duplicateKey, line: 3,
      column: 1),
    DiagnosticCase(
      title: "packs is a mapping, not a list", yaml: "version: 1\npacks: {a: 1}\n", code: .wrongType, line: 2,
      column: 8),
    DiagnosticCase(
      title: "a component version is a list",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components: [{id: \(componentX), version: [1]}]
        """, code: .wrongType, line: 5, column: 70),
    DiagnosticCase(
      title: "a pack misses its release",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            components: [{id: \(componentX), version: "1"}]
        """, code: .missingKey, line: 3, column: 5),
    DiagnosticCase(
      title: "packs is missing", yaml: "version: 1\n", code: .missingKey, line: 1, column: 1),
    DiagnosticCase(
      title: "a pack id is not a UUID",
      yaml: """
        version: 1
        packs:
          - id: orders
            release: immediately
            components: [{id: \(componentX), version: "1"}]
        """, code: .invalidUUID, line: 3, column: 9),
    DiagnosticCase(
      title: "a component id is not a UUID",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components: [{id: 1234, version: "1"}]
        """, code: .invalidUUID, line: 5, column: 23),
    DiagnosticCase(
      title: "a pack id is listed twice", yaml: "version: 1\npacks:\n\(goodPack)\n\(goodPack)\n",
      code: .duplicatePackID, line: 8, column: 9),
    DiagnosticCase(
      title: "a pack name is used twice",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            name: orders
            release: immediately
            components: [{id: \(componentX), version: "1"}]
          - id: \(packB)
            name: orders
            release: immediately
            components: [{id: \(componentX), version: "1"}]
        """, code: .duplicatePackName, line: 8, column: 11),
    DiagnosticCase(
      title: "a component is listed twice in a pack",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components:
              - {id: \(componentX), version: "1"}
              - {id: \(componentX), version: "2"}
        """, code: .duplicateComponent, line: 7, column: 14),
    DiagnosticCase(
      title: "a pack has no components",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components: []
        """, code: .emptyComponents, line: 5, column: 17),
    DiagnosticCase(
      title: "a version is empty",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediately
            components:
              - id: \(componentX)
                version:
        """, code: .emptyVersion, line: 7, column: 17),
    DiagnosticCase(
      title: "release is neither immediately nor a date, with a suggestion",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: immediatly
            components: [{id: \(componentX), version: "1"}]
        """, code: .invalidRelease, line: 4, column: 14, help: "did you mean 'immediately'?"),
    DiagnosticCase(
      title: "release is a date that does not exist",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: 2026-02-30
            components: [{id: \(componentX), version: "1"}]
        """, code: .invalidRelease, line: 4, column: 14),
    DiagnosticCase(
      title: "release is a date in another format",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            release: 12/20/2026
            components: [{id: \(componentX), version: "1"}]
        """, code: .invalidRelease, line: 4, column: 14),
    DiagnosticCase(
      title: "an unknown time zone, with a suggestion", yaml: "version: 1\ntimezone: America/NewYork\npacks: []\n",
      code: .unknownTimeZone, line: 2, column: 11, help: "did you mean 'America/New_York'?"),
    DiagnosticCase(
      title: "a time zone abbreviation is not an IANA name", yaml: "version: 1\ntimezone: EST5EDTX\npacks: []\n",
      code: .unknownTimeZone, line: 2, column: 11),
    DiagnosticCase(
      title: "installationType is neither SINGLE nor MULTI",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            installationType: multi
            release: immediately
            components: [{id: \(componentX), version: "1"}]
        """, code: .invalidInstallationType, line: 4, column: 23, help: "did you mean 'MULTI'?"),
    DiagnosticCase(
      title: "an account id with a slash", yaml: "version: 1\naccount: acme/evil\npacks: []\n",
      code: .invalidAccount, line: 2, column: 10),
    DiagnosticCase(
      title: "an empty pack name",
      yaml: """
        version: 1
        packs:
          - id: \(packA)
            name: ""
            release: immediately
            components: [{id: \(componentX), version: "1"}]
        """, code: .emptyValue, line: 4, column: 11),
    DiagnosticCase(
      title: "a tab used for indentation", yaml: "version: 1\npacks:\n\t- id: x\n", code: .tabIndentation, line: 3,
      column: 1, help: "replace the tab with spaces"),
    DiagnosticCase(
      title: "a file that is not YAML", yaml: "version: 1\npacks: [\n  - {id: \"\n", code: .yamlSyntax, line: 3,
      column: 3),
    DiagnosticCase(
      title: "a colon inside an unquoted value", yaml: "version: 1\naccount: a: b\npacks: []\n",
      code: .yamlSyntax, line: 2, column: 11,
      help: "quote a value that contains ': '; if this line is a key of its own, check its indentation"),
  ]

  @Test("each mistake is reported with its code at its exact line and column", arguments: cases)
  func reported(_ example: DiagnosticCase) {
    let (manifest, diagnostics) = loadManifest(example.yaml)
    #expect(manifest == nil)
    let rendered = diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue) \($0.message)" }
    #expect(diagnostics.count == 1, "\(rendered)")
    let first = diagnostics.first
    #expect(first?.code == example.code, "\(rendered)")
    #expect(first?.line == example.line, "\(rendered)")
    #expect(first?.column == example.column, "\(rendered)")
    #expect(first?.file == "release.yaml")
    if let help = example.help {
      #expect(first?.help == help)
    }
  }

  @Test("five different mistakes in one file give five diagnostics, in reading order")
  func everyProblemIsReported() {
    let (_, diagnostics) = loadManifest(
      """
      version: 1
      verison: 1
      packs:
        - id: not-a-uuid
          name: orders
          release: 2026-02-30
          installationType: multi
          components: [{id: \(componentX), version: "1"}]
        - id: \(packB)
          name: orders
          release: immediately
          components: [{id: \(componentX), version: "1"}]
      """)
    #expect(
      diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == [
        "2:1 unknown-key", "4:9 invalid-uuid", "6:14 invalid-release", "7:23 invalid-installation-type",
        "10:11 duplicate-pack-name",
      ])
  }

  @Test("a merge key is explained, not just called unknown")
  func mergeKey() {
    let (_, diagnostics) = loadManifest("version: 1\npacks:\n  - <<: {}\n")
    let merge = diagnostics.first { $0.code == .unknownKey }
    #expect(merge?.mark == SourceMark(line: 3, column: 5))
    #expect(merge?.help?.contains("merge keys are not supported") == true)
  }

  @Test("a misspelt required key is reported once, as a misspelling, not also as missing")
  func misspeltRequiredKey() {
    let (_, diagnostics) = loadManifest("version: 1\npakcs: []\n")
    #expect(diagnostics.map(\.code) == [.unknownKey])
  }

  @Test("a diagnostic renders as FILE:LINE:COLUMN, the source line, a caret and help")
  func rendering() {
    let yaml = "version: 1\npacks:\n  - id: \(packA)\n    relase: immediately\n"
    let (_, diagnostics) = loadManifest(yaml)
    let unknown = diagnostics.filter { $0.code == .unknownKey }
    let text = DiagnosticRenderer(sources: [SourceText(path: "release.yaml", bytes: Array(yaml.utf8))]).render(unknown)
    #expect(
      text == """
        release.yaml:4:5: error: unknown key 'relase' in pack [unknown-key]
         4 |     relase: immediately
           |     ^
        help: did you mean 'release'?

        """)
  }

  @Test("colour is applied only when asked for")
  func colour() {
    let diagnostic = Diagnostic.error(.unknownKey, "unknown key", file: "a.yaml", at: .start)
    #expect(!DiagnosticRenderer(sources: []).render(diagnostic).contains("\u{1B}["))
    #expect(DiagnosticRenderer(sources: [], style: .colored).render(diagnostic).contains("\u{1B}[1;31merror:"))
  }

  @Test("a very long line is shown as a window around the caret")
  func longLine() {
    let line = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
    let (shown, caret) = DiagnosticRenderer.excerpt(of: line, around: 501)
    #expect(shown.count <= 122)
    #expect(Array(shown)[caret - 1] == "X")
  }
}
