import Testing

@testable import ReleaseCore

/// `PlanInputs.decode` reads the two files on two threads; what it returns must not depend on that.
@Suite("Plan inputs")
struct PlanInputsTests {
  static let validManifest = """
    version: 1
    timezone: UTC
    packs:
      - id: \(packA)
        release: immediately
        components: [{id: \(componentX), version: "1.0"}]
    """

  static func source(_ path: String, _ text: String) -> SourceText {
    SourceText(path: path, bytes: Array(text.utf8))
  }

  @Test("no lockfile is the empty state, and a valid manifest loads beside it")
  func noLockfile() throws {
    let inputs = PlanInputs.decode(manifest: Self.source("release.yaml", Self.validManifest), lockfile: nil)
    #expect(inputs.diagnostics.isEmpty)
    #expect(inputs.lockfile == .empty)
    #expect(try #require(inputs.manifest).packs.map(\.id) == [packA])
  }

  @Test("problems in both files are all reported, the manifest's first, each naming its file")
  func problemsInBothFiles() {
    let inputs = PlanInputs.decode(
      manifest: Self.source("release.yaml", "version: 1\ntimezone: UTC\npacks: []\nextra: 1\n"),
      lockfile: Self.source("release.lock.json", "{\"version\": 1,"))
    #expect(inputs.manifest == nil)
    #expect(inputs.lockfile == nil)
    #expect(inputs.diagnostics.map(\.file) == ["release.yaml", "release.lock.json"])
    #expect(inputs.diagnostics.map(\.code) == [.unknownKey, .jsonSyntax])
  }
}
