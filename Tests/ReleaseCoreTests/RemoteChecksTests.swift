import Testing

@testable import ReleaseCore

@Suite("Remote checks")
struct RemoteChecksTests {
  let loaded: Manifest

  init() throws {
    loaded = try manifest(
      """
      version: 1
      packs:
        - id: \(packA)
          installationType: MULTI
          release: immediately
          components:
            - {id: \(componentX), version: "2.0", name: Orders}
            - {id: \(componentY), version: "1.10"}
        - id: \(packB)
          release: immediately
          components:
            - {id: \(componentX), version: "2.0"}
      """)
  }

  private func facts(
    packAComponents: [String: Bool] = [componentX: false, componentY: false], type: String = "MULTI",
    versions: [String: [RemoteFacts.PackagedVersion]]? = nil
  ) -> RemoteFacts {
    RemoteFacts(
      packs: [
        packA: .init(id: packA, name: "Orders", installationType: type, components: packAComponents),
        packB: .init(id: packB, components: [componentX: false]),
      ],
      versions: versions ?? [
        componentX: [.init(version: "2.0", shareable: true, deleted: false)],
        componentY: [.init(version: "1.10", shareable: true, deleted: false)],
      ])
  }

  @Test("a manifest that matches Boomi has no remote problems")
  func clean() {
    #expect(RemoteChecks.diagnose(loaded, against: facts(), account: "acme").isEmpty)
  }

  @Test("a pack Boomi does not have is reported at its id")
  func unknownPack() {
    var remote = facts()
    remote.packs[packB] = nil
    let diagnostics = RemoteChecks.diagnose(loaded, against: remote, account: "acme")
    #expect(diagnostics.map(\.code) == [.unknownPack])
    #expect(diagnostics.first?.mark == SourceMark(line: 9, column: 9))
  }

  @Test("a component that is not in the pack, or is marked for removal, is reported at its id")
  func componentNotInPack() {
    let missing = RemoteChecks.diagnose(loaded, against: facts(packAComponents: [componentX: false]), account: "a")
    #expect(missing.map(\.code) == [.componentNotInPack])
    #expect(missing.first?.mark == SourceMark(line: 8, column: 14))
    let removed = RemoteChecks.diagnose(
      loaded, against: facts(packAComponents: [componentX: true, componentY: false]), account: "a")
    #expect(removed.map(\.code) == [.componentNotInPack])
    #expect(removed.first?.message.contains("marked for removal") == true)
  }

  @Test("a version that is not shareable, deleted or absent is reported at the version, with the usable ones")
  func versions() {
    let cases: [(RemoteFacts.PackagedVersion?, String)] = [
      (.init(version: "1.10", shareable: false, deleted: false), "it is not shareable"),
      (.init(version: "1.10", shareable: true, deleted: true), "it was deleted"),
      (nil, "no such packaged version exists"),
    ]
    for (version, reason) in cases {
      var versions = facts().versions
      versions[componentY] = [.init(version: "1.9", shareable: true, deleted: false)] + (version.map { [$0] } ?? [])
      let diagnostics = RemoteChecks.diagnose(loaded, against: facts(versions: versions), account: "a")
      #expect(diagnostics.map(\.code) == [.unknownVersion])
      #expect(diagnostics.first?.mark == SourceMark(line: 8, column: 61))
      #expect(diagnostics.first?.message.contains(reason) == true, "\(diagnostics)")
      #expect(diagnostics.first?.help == "shareable versions: 1.9")
    }
  }

  @Test("an installation type that differs from Boomi's is reported at the key")
  func installationType() {
    let diagnostics = RemoteChecks.diagnose(loaded, against: facts(type: "SINGLE"), account: "a")
    #expect(diagnostics.map(\.code) == [.installationTypeMismatch])
    #expect(diagnostics.first?.mark == SourceMark(line: 4, column: 23))
  }

  @Test("versions sort as people read them")
  func versionOrder() {
    #expect(VersionOrder.sorted(["1.10", "1.9", "2.0", "1.9.1", "10.0"]) == ["1.9", "1.9.1", "1.10", "2.0", "10.0"])
  }
}
