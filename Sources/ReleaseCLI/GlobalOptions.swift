import ArgumentParser
import Foundation
import ReleaseCore

/// Options every command that reads the manifest takes.
struct GlobalOptions: ParsableArguments {
  @Option(name: [.customShort("f"), .long], help: "The manifest to read. (default: release.yaml)")
  var manifest: String?

  @Option(
    help: """
      The lockfile. (default: the manifest's path with its extension replaced by .lock.json; with --emulator, \
      by .emulator.lock.json)
      """)
  var lockfile: String?

  @Option(help: "Output format: text, json or markdown.")
  var format: OutputFormat = .text

  @Option(help: "Colour: auto (only on a terminal, and not when NO_COLOR is set), always or never.")
  var color: ColorChoice = .auto

  @Flag(name: .shortAndLong, help: "Say more on stderr.")
  var verbose = false

  static let defaultManifestPath = "release.yaml"

  var manifestPath: String { manifest ?? Self.defaultManifestPath }

  /// The lockfile: `--lockfile`, or the manifest's own. An `--emulator` run has a lockfile of its
  /// own (SPEC §10.1): the releases it records are the emulator's, and must never be taken for
  /// Boomi's by a real run on the same manifest.
  func lockfilePath(emulator: Bool) -> String {
    lockfile ?? Self.defaultLockfilePath(forManifest: manifestPath, emulator: emulator)
  }

  /// `release.yaml` → `release.lock.json`; `deploy/packs.yml` → `deploy/packs.lock.json`; for the
  /// emulator, `release.emulator.lock.json`.
  static func defaultLockfilePath(forManifest path: String, emulator: Bool = false) -> String {
    let slash = path.lastIndex(of: "/")
    let nameStart = slash.map { path.index(after: $0) } ?? path.startIndex
    let name = path[nameStart...]
    let suffix = emulator ? ".emulator.lock.json" : ".lock.json"
    if let dot = name.lastIndex(of: "."), dot != name.startIndex {
      return String(path[..<dot]) + suffix
    }
    return path + suffix
  }
}

/// `--target` and `--exclude`.
struct SelectionOptions: ParsableArguments {
  @Option(name: .customLong("target"), help: "Only this pack (id or name). Repeatable.")
  var targets: [String] = []

  @Option(name: .customLong("exclude"), help: "Leave out this pack (id or name). Repeatable.")
  var excludes: [String] = []

  var selection: PackSelection { PackSelection(targets: targets, excludes: excludes) }
}

extension SelectionOptions {
  /// `body`'s value; a `--target` or `--exclude` that names no pack is a usage error (exit 64), so
  /// that a typo never widens or empties a plan.
  static func resolving<Value>(
    _ body: () throws(PackSelection.UnknownPack) -> Value
  ) throws(CommandFailure) -> Value {
    do {
      return try body()
    } catch {
      throw CommandFailure(error.description, exitCode: ExitStatus.usage)
    }
  }
}
