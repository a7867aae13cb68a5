import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseEngine

/// The files a command works on, loaded and checked, and the clock and environment it runs in.
///
/// Every problem in any of the files is collected before anything is reported, so one run shows
/// them all.
struct Workspace {
  var manifestPath: String
  var lockfilePath: String
  var manifestSource: SourceText
  var lockfileSource: SourceText?
  var manifest: Manifest?
  var lockfile: Lockfile?
  var diagnostics: [Diagnostic]
  /// The account calls would go to: the manifest's, else BOOMI_ACCOUNT_ID.
  var account: String?
  /// The time the run started.
  var now: Date
  /// The time now, for timestamps written during the run: the real clock, or the instant
  /// BOOMI_RELEASE_NOW fixes, so that every time in a run comes from one source.
  var clock: @Sendable () -> Date

  /// Loads the manifest and the lockfile. Throws only for I/O failures (a missing manifest, an
  /// unreadable file); problems in the files' contents are diagnostics.
  static func load(_ options: GlobalOptions, environment: [String: String]) throws -> Workspace {
    let manifestPath = options.manifest
    let lockfilePath = options.lockfilePath
    let manifestBytes: [UInt8]
    do {
      manifestBytes = try AtomicFile.read(manifestPath)
    } catch {
      throw CommandFailure(error.isNotFound ? "the manifest \(manifestPath) does not exist" : error.description)
    }
    let manifestSource = SourceText(path: manifestPath, bytes: manifestBytes)
    var lockfileSource: SourceText?
    do {
      lockfileSource = SourceText(path: lockfilePath, bytes: try AtomicFile.read(lockfilePath))
    } catch  where error.isNotFound {
      lockfileSource = nil
    } catch {
      throw CommandFailure(error.description)
    }
    let inputs = PlanInputs.decode(manifest: manifestSource, lockfile: lockfileSource)

    let clock = try Self.clock(environment)
    let now = clock()
    var workspace = Workspace(
      manifestPath: manifestPath, lockfilePath: lockfilePath, manifestSource: manifestSource,
      lockfileSource: lockfileSource, manifest: inputs.manifest, lockfile: inputs.lockfile,
      diagnostics: inputs.diagnostics, account: nil, now: now, clock: clock)
    if let loaded = inputs.manifest, let lockfile = inputs.lockfile {
      let (account, problems) = AccountCheck.resolve(
        manifest: loaded, environmentAccount: environment["BOOMI_ACCOUNT_ID"], lockfile: lockfile,
        lockfilePath: lockfilePath)
      workspace.account = account
      workspace.diagnostics += problems
      if !problems.isEmpty { workspace.manifest = nil }
    }
    return workspace
  }

  /// ``load(_:environment:)`` for a command that needs both files: their problems are reported
  /// and the command fails (exit 1) unless the manifest and the lockfile both loaded.
  static func loadBoth(
    _ options: GlobalOptions, environment: [String: String], console: Console
  ) throws -> (workspace: Workspace, manifest: Manifest, lockfile: Lockfile) {
    let workspace = try load(options, environment: environment)
    guard let manifest = workspace.manifest, let lockfile = workspace.lockfile else {
      DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
        .print(workspace.diagnostics)
      throw ExitStatus.failure
    }
    return (workspace, manifest, lockfile)
  }

  /// The clock: the system's, or the instant BOOMI_RELEASE_NOW fixes (for tests and rehearsals).
  static func clock(_ environment: [String: String]) throws -> @Sendable () -> Date {
    guard let fixed = environment["BOOMI_RELEASE_NOW"], !fixed.isEmpty else { return { Date() } }
    guard let date = Timestamp.parse(fixed) else {
      throw CommandFailure("BOOMI_RELEASE_NOW must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ, not '\(fixed)'")
    }
    return { date }
  }

  var sources: [SourceText] { [manifestSource] + (lockfileSource.map { [$0] } ?? []) }

  /// Today in the manifest's time zone.
  func today(in manifest: Manifest) -> CalendarDate {
    CalendarDate.today(in: manifest.timeZone, at: now)
  }
}

/// A failure to report in one sentence on stderr, with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String
  var exitCode: ExitCode

  init(_ description: String, exitCode: ExitCode = ExitStatus.failure) {
    self.description = description
    self.exitCode = exitCode
  }
}

extension Console {
  /// Runs a command's body, reporting a ``CommandFailure`` as one `error:` line on stderr and
  /// exiting with its code.
  func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch let failure as CommandFailure {
      error(errorStyle.apply("error:", .bold, .red) + " \(failure.description)\n")
      throw failure.exitCode
    }
  }
}
