import Foundation
import Testing

@testable import ReleaseCore

/// One documented example per diagnostic code: a file that triggers exactly that code.
struct DiagnosticExample: Sendable {
  var code: DiagnosticCode
  var file: String
  var text: [UInt8]
  var note: String? = nil
  var limits: DecodingLimits = .standard
  var environmentAccount: String? = nil
  /// What Boomi says, for the checks of `validate --remote`.
  var remote: RemoteFacts? = nil
  /// Where the run goes, for a lockfile example.
  var runEndpoint: Endpoint? = nil

  init(
    _ code: DiagnosticCode, _ text: String, file: String = "release.yaml", note: String? = nil,
    limits: DecodingLimits = .standard, environmentAccount: String? = nil, remote: RemoteFacts? = nil,
    runEndpoint: Endpoint? = nil
  ) {
    self.code = code
    self.file = file
    self.text = Array(text.utf8)
    self.note = note
    self.limits = limits
    self.environmentAccount = environmentAccount
    self.remote = remote
    self.runEndpoint = runEndpoint
  }

  init(_ code: DiagnosticCode, bytes: [UInt8], note: String) {
    self.code = code
    self.file = "release.yaml"
    self.text = bytes
    self.note = note
  }

  /// Runs the example as the tool would (loading, then account and date checks against
  /// 2026-11-23 and an empty lockfile) and returns every diagnostic.
  func diagnostics() -> [Diagnostic] {
    let source = SourceText(path: file, bytes: text)
    if file.hasSuffix(".json") {
      let (lockfile, problems) = LockfileFormat.decode(source, limits: limits)
      guard let lockfile, let runEndpoint else { return problems }
      return problems + EndpointCheck.problems(lockfile: lockfile, lockfilePath: file, run: runEndpoint)
    }
    let (manifest, diagnostics) = ManifestLoader.load(source, limits: limits)
    guard let manifest else { return diagnostics }
    let (_, accountProblems) = AccountCheck.resolve(
      manifest: manifest, environmentAccount: environmentAccount, lockfile: .empty, lockfilePath: "release.lock.json")
    guard accountProblems.isEmpty else { return accountProblems }
    guard case .success(let today) = CalendarDate.parse("2026-11-23"),
      let (_, problems) = try? Planner.plan(manifest: manifest, lockfile: .empty, today: today)
    else { return [] }
    guard problems.isEmpty, let remote,
      let (plan, _) = try? Planner.plan(manifest: manifest, lockfile: .empty, today: today)
    else { return problems }
    // As `plan --refresh` reports them: the remote checks, then the pre-flight's judgement.
    return RemoteChecks.diagnose(manifest, against: remote, account: "acme-8Q78Q1")
      + Drift.diagnostics(
        Drift.findings(for: plan.calls, lockfile: .empty, packs: remote.states), manifest: manifest)
  }
}

private let pack = "f0f7face-3a9d-48b1-8a32-82b84499cd4e"
private let component = "b420a8ab-8e4e-41b2-93ce-079093a03af2"

private func manifestWith(_ packBody: String) -> String {
  "version: 1\npacks:\n  - id: \(pack)\n" + packBody
}

private let components = "    components:\n      - id: \(component)\n        version: \"2.0\"\n"

let diagnosticExamples: [DiagnosticExample] = {
  var small = DecodingLimits()
  small.maxFileBytes = 64
  var oneProblem = DecodingLimits()
  oneProblem.maxDiagnostics = 1
  var billionLaughs = "version: 1\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
  for level in 1...9 {
    billionLaughs +=
      "x-\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", "))]\n"
  }
  billionLaughs += "packs: *l9\n"
  return [
    DiagnosticExample(
      .invalidUTF8, bytes: Array("version: 1\naccount: acme".utf8) + [0xE9] + Array("\npacks: []\n".utf8),
      note: "The file holds the byte 0xE9 (a Latin-1 `é`)."),
    DiagnosticExample(
      .fileTooLarge, "version: 1\npacks:\n  - id: \(pack)\n    release: immediately\n",
      note: "Shown with the limit lowered to 64 bytes; the real limit is 256 MiB.", limits: small),
    DiagnosticExample(.yamlSyntax, "version: 1\npacks: [\n"),
    DiagnosticExample(
      .jsonSyntax, "{\n  \"version\": 1,\n  \"serial\": 3\n  \"lineage\": \"x\"\n}\n", file: "release.lock.json"),
    DiagnosticExample(.tabIndentation, "version: 1\npacks:\n\t- id: \(pack)\n"),
    DiagnosticExample(.emptyDocument, "# nothing here yet\n"),
    DiagnosticExample(.multipleDocuments, "version: 1\npacks: []\n---\nversion: 1\npacks: []\n"),
    DiagnosticExample(.undefinedAlias, "version: 1\npacks: *all-packs\n"),
    DiagnosticExample(.aliasLimit, billionLaughs),
    DiagnosticExample(
      .nestingTooDeep,
      "version: 1\nx-deep: " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        + "\npacks: []\n"),
    DiagnosticExample(
      .scalarTooLong, "version: 1\nx-note: \"" + String(repeating: "a", count: 70_000) + "\"\npacks: []\n"),
    DiagnosticExample(
      .tooManyProblems, manifestWith("    relase: immediately\n    nmae: orders\n    compnents: []\n"),
      note: "Shown with the limit lowered to 1; the real limit is 10,000 problems per file.", limits: oneProblem),
    DiagnosticExample(.notAMapping, "- id: \(pack)\n  release: immediately\n"),
    DiagnosticExample(.missingVersion, "packs: []\n"),
    DiagnosticExample(.unsupportedVersion, "version: 2\npacks: []\n"),
    DiagnosticExample(.unknownKey, manifestWith("    relase: immediately\n" + components)),
    DiagnosticExample(.duplicateKey, manifestWith("    release: immediately\n    release: 2026-12-20\n" + components)),
    DiagnosticExample(.wrongType, manifestWith("    release: immediately\n    components:\n      id: \(component)\n")),
    DiagnosticExample(.missingKey, manifestWith(components)),
    DiagnosticExample(.emptyValue, manifestWith("    name: \"\"\n    release: immediately\n" + components)),
    DiagnosticExample(
      .invalidValue,
      "{\"version\": 1, \"lineage\": \"x\", \"serial\": 1, \"packs\": {\"\(pack)\": {\"release\": {\n"
        + "  \"operation\": \"CRAETE\", \"releaseSchedule\": \"IMMEDIATELY\", \"components\": [],\n"
        + "  \"requestId\": \"release-1\", \"appliedAt\": \"2026-11-01T00:00:00Z\"}}}}\n",
      file: "release.lock.json"),
    DiagnosticExample(
      .invalidUUID, "version: 1\npacks:\n  - id: orders-sync\n    release: immediately\n" + components),
    DiagnosticExample(
      .duplicatePackID,
      manifestWith("    release: immediately\n" + components) + "  - id: \(pack)\n    release: 2026-12-20\n"
        + components),
    DiagnosticExample(
      .duplicatePackName,
      "version: 1\npacks:\n  - id: \(pack)\n    name: orders\n    release: immediately\n" + components
        + "  - id: 0b2e7a52-6d0c-4c5e-9a57-0c3f1e0d9a11\n    name: orders\n    release: immediately\n" + components),
    DiagnosticExample(
      .duplicateComponent,
      manifestWith(
        "    release: immediately\n    components:\n      - {id: \(component), version: \"2.0\"}\n"
          + "      - {id: \(component), version: \"2.1\"}\n")),
    DiagnosticExample(.emptyComponents, manifestWith("    release: immediately\n    components: []\n")),
    DiagnosticExample(
      .emptyVersion,
      manifestWith("    release: immediately\n    components:\n      - id: \(component)\n        version: \"\"\n")),
    DiagnosticExample(
      .controlCharacter,
      manifestWith("    name: \"orders\\n::error::injected\"\n    release: immediately\n" + components),
      note:
        "A name with a line break would put a line starting with `::error::` in a GitHub Actions log, which the runner executes."
    ),
    DiagnosticExample(.invalidRelease, manifestWith("    release: 2026-02-30\n" + components)),
    DiagnosticExample(
      .dateNotInFuture, manifestWith("    release: 2026-11-20\n" + components), note: "Today is 2026-11-23."),
    DiagnosticExample(.unknownTimeZone, "version: 1\ntimezone: US/New York\npacks: []\n"),
    DiagnosticExample(
      .invalidInstallationType, manifestWith("    installationType: multiple\n    release: immediately\n" + components)),
    DiagnosticExample(.invalidAccount, "version: 1\naccount: acme 8Q78Q1\npacks: []\n"),
    DiagnosticExample(
      .accountMismatch, "version: 1\naccount: acme-8Q78Q1\npacks: []\n",
      note: "With `BOOMI_ACCOUNT_ID=acme-TEST01` in the environment.", environmentAccount: "acme-TEST01"),
    DiagnosticExample(
      .endpointMismatch,
      "{\n  \"endpoint\": \"emulator\",\n  \"lineage\": \"5b0f1c9e\",\n  \"serial\": 4,\n  \"version\": 1\n}\n",
      file: "release.lock.json",
      note: "Written by `apply --emulator`, read by a run against Boomi (`https://api.boomi.com`).",
      runEndpoint: .api(scheme: "https", host: "api.boomi.com")),
    DiagnosticExample(
      .mergeConflict,
      "{\n<<<<<<< HEAD\n  \"serial\": 8,\n=======\n  \"serial\": 9,\n>>>>>>> origin/main\n  \"version\": 1\n}\n",
      file: "release.lock.json", note: "Two runners recorded releases; git merged the lockfile as text."),
    DiagnosticExample(
      .unknownPack, manifestWith("    release: immediately\n" + components),
      note: "From `validate --remote`, in an account with no such pack.", remote: RemoteFacts()),
    DiagnosticExample(
      .componentNotInPack, manifestWith("    release: immediately\n" + components),
      note: "From `validate --remote`: the pack in Boomi holds other components.",
      remote: RemoteFacts(packs: [pack: RemoteFacts.Pack(id: pack, name: "Orders", components: [:])])),
    DiagnosticExample(
      .unknownVersion, manifestWith("    release: immediately\n" + components),
      note: "From `validate --remote`: Boomi has versions 1.9 and 1.10 (shareable) and 2.0 (not shareable).",
      remote: RemoteFacts(
        packs: [pack: RemoteFacts.Pack(id: pack, components: [component: false])],
        versions: [
          component: [
            .init(version: "1.10", shareable: true, deleted: false),
            .init(version: "2.0", shareable: false, deleted: false),
            .init(version: "1.9", shareable: true, deleted: false),
          ]
        ])),
    DiagnosticExample(
      .installationTypeMismatch, manifestWith("    installationType: SINGLE\n    release: immediately\n" + components),
      note: "From `validate --remote`: the pack is MULTI in Boomi.",
      remote: RemoteFacts(
        packs: [pack: RemoteFacts.Pack(id: pack, installationType: "MULTI", components: [component: false])],
        versions: [component: [.init(version: "2.0", shareable: true, deleted: false)]])),
    DiagnosticExample(
      .drift, manifestWith("    name: orders-sync\n    release: immediately\n" + components),
      note: "From `plan --refresh`, with a lockfile that records no release: Boomi shows 2.0 released already.",
      remote: RemoteFacts(
        packs: [pack: RemoteFacts.Pack(id: pack, components: [component: false])],
        versions: [component: [.init(version: "2.0", shareable: true, deleted: false)]],
        states: [pack: PackState(packId: pack, components: [component: .init(current: "2.0", pending: nil)])])),
  ]
}()

@Suite("Diagnostic documentation")
struct DiagnosticDocsTests {
  @Test("every diagnostic code has exactly one documented example")
  func everyCodeHasAnExample() {
    #expect(Set(diagnosticExamples.map(\.code)) == Set(DiagnosticCode.allCases))
    #expect(diagnosticExamples.count == DiagnosticCode.allCases.count)
  }

  @Test(
    "each documented example triggers its own code, and it comes first",
    arguments: diagnosticExamples.map { ($0.code.rawValue, $0) })
  func exampleTriggersItsCode(_ name: String, _ example: DiagnosticExample) {
    let diagnostics = example.diagnostics()
    #expect(diagnostics.first?.code == example.code, "\(diagnostics.map { "\($0.code): \($0.message)" })")
  }

  @Test("docs/DIAGNOSTICS.md shows each example with the tool's exact output")
  func documentIsCurrent() throws {
    var document = """
      # Diagnostic codes

      Every problem boomi-release finds in a manifest, lockfile or saved plan is reported as
      `FILE:LINE:COLUMN: error: MESSAGE [code]`, with the line and a caret, and `help:` where a fix
      is clear. The codes are stable: scripts may match on them. `--format json` gives the same as
      `{file, line, column, severity, code, message, help}`.

      This file is generated by the test suite from the examples in
      `Tests/ReleaseCoreTests/DiagnosticDocsTests.swift` (`RECORD_GOLDENS=1 swift test` rewrites it),
      so every output shown here is what the tool prints.

      | code | meaning |
      |---|---|

      """
    for code in DiagnosticCode.allCases {
      document +=
        "| [`\(code.rawValue)`](#\(code.rawValue)) | \(code.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
    }
    for example in diagnosticExamples {
      document += "\n## \(example.code.rawValue)\n\n\(example.code.summary)\n\n"
      if let note = example.note { document += "\(note)\n\n" }
      let source = SourceText(path: example.file, bytes: example.text)
      let text = String(decoding: example.text, as: UTF8.self)
      if text.utf8.count < 2_000, example.code != .invalidUTF8 {
        let language = example.file.hasSuffix(".json") ? "json" : "yaml"
        document += "`\(example.file)`:\n\n```\(language)\n\(text)\(text.hasSuffix("\n") ? "" : "\n")```\n\n"
      }
      let diagnostics = example.diagnostics()
      let first = diagnostics.filter { $0.code == example.code }.prefix(1)
      document += "```\n\(DiagnosticRenderer(sources: [source]).render(Array(first)))```\n"
    }
    try assertGolden(document, named: "DIAGNOSTICS.md", directory: "docs")
  }
}

@Suite("README")
struct ReadmeTests {
  let readme: String

  init() throws {
    readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
  }

  @Test("the manifest reference lists every key the loader accepts")
  func everyManifestKey() {
    for key in ManifestFormat.root.keys { #expect(readme.contains("| `\(key)` |"), "\(key)") }
    for key in ManifestFormat.pack.keys { #expect(readme.contains("| `packs[].\(key)` |"), "\(key)") }
    for key in ManifestFormat.component.keys {
      #expect(readme.contains("| `packs[].components[].\(key)` |"), "\(key)")
    }
  }

  @Test("the README's tables list every diagnostic code and every plan reason code")
  func everyCode() {
    for code in DiagnosticCode.allCases { #expect(readme.contains("| `\(code.rawValue)` |"), "\(code.rawValue)") }
    for code in ChangeReason.Code.allCases.map(\.rawValue) {
      #expect(readme.contains("| `\(code)` |"), "reason code \(code)")
    }
  }
}
