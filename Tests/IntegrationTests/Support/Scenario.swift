import Foundation
import TestSupport

/// A temporary directory holding `release.yaml` (and its lockfile), and an emulator subprocess
/// that `boomi-release` is pointed at.
struct Scenario: Sendable {
  let directory: TemporaryDirectory
  let emulator: EmulatorProcess

  static let manifest = "release.yaml"
  static let lockfile = "release.lock.json"

  /// Runs `body` with a fresh directory and an emulator (demo catalog unless `packs` is given,
  /// then a catalog of exactly those packs); both are cleaned up afterwards.
  static func with<Result>(
    packs: [TestPack]? = nil, seed: Int = 1, emulatorArguments: [String] = [],
    _ body: (Scenario) async throws -> Result
  ) async throws -> Result {
    try await withTemporaryDirectory { directory in
      var catalog: String?
      if let packs {
        try directory.write("catalog.json", try Fixtures.catalog(packs))
        catalog = directory.path("catalog.json")
      }
      return try await withEmulator(catalog: catalog, seed: seed, arguments: emulatorArguments) { emulator in
        try await body(Scenario(directory: directory, emulator: emulator))
      }
    }
  }

  /// `boomi-release ARGUMENTS` in the directory, against the emulator.
  func run(_ arguments: [String], env: [String: String] = [:], limits: ProcessLimits? = nil) async throws -> CLIResult {
    try await CLI.run(arguments, in: directory, emulator: emulator, env: env, limits: limits)
  }

  func writeManifest(_ text: String) throws {
    try directory.write(Self.manifest, text)
  }

  func manifestText() throws -> String {
    String(decoding: try directory.read(Self.manifest), as: UTF8.self)
  }

  /// Replaces `old` with `new` in the manifest; the text must contain `old` exactly once.
  func editManifest(_ old: String, _ new: String) throws {
    let text = try manifestText()
    guard text.components(separatedBy: old).count == 2 else {
      throw HarnessError("'\(old)' is not in the manifest exactly once")
    }
    try writeManifest(text.replacingOccurrences(of: old, with: new))
  }

  func lockfile() throws -> LockfileView {
    try LockfileView.load(directory.path(Self.lockfile))
  }
}
