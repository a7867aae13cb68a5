import ArgumentParser
import FileSystem
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
  /// Where this run's calls go; the lockfile belongs to it (SPEC §10.1).
  var endpoint: Endpoint
  var diagnostics: [Diagnostic]
  /// The account calls would go to: the manifest's, else BOOMI_ACCOUNT_ID.
  var account: String?
  /// The time the run started.
  var now: Date
  /// The time now, for timestamps written during the run: the real clock, or the instant
  /// BOOMI_RELEASE_NOW fixes, so that every time in a run comes from one source.
  var clock: @Sendable () -> Date

  /// Loads the manifest and the lockfile for a run against `connection`'s endpoint. Throws only
  /// for I/O failures (a missing manifest, an unreadable file); problems in the files' contents,
  /// their size included, and a lockfile that belongs to another endpoint are diagnostics.
  static func load(
    _ options: GlobalOptions, connection: ConnectionOptions, environment: [String: String]
  ) throws -> Workspace {
    let endpoint = try connection.endpoint(environment)
    let manifestPath = options.manifestPath
    let lockfilePath = options.lockfilePath(emulator: connection.emulator)
    guard let manifestFile = try InputFile.read(manifestPath) else {
      throw CommandFailure("the manifest \(manifestPath) does not exist")
    }
    let lockfileFile = try InputFile.read(lockfilePath)
    let inputs: PlanInputs
    switch (manifestFile, lockfileFile) {
    case (.text(let manifest), .text(let lockfile)?): inputs = .decode(manifest: manifest, lockfile: lockfile)
    case (.text(let manifest), nil): inputs = .decode(manifest: manifest, lockfile: nil)
    default:
      // A file too large to read is not decoded; the other one still is, so both are reported.
      let (manifest, manifestProblems) = manifestFile.decoded { ManifestLoader.load($0) }
      let (lockfile, lockfileProblems) = lockfileFile?.decoded { LockfileFormat.decode($0) } ?? (.empty, [])
      inputs = PlanInputs(manifest: manifest, lockfile: lockfile, diagnostics: manifestProblems + lockfileProblems)
    }
    let manifestSource = manifestFile.source
    let lockfileSource = lockfileFile?.source

    let clock = try Self.clock(environment)
    let now = clock()
    var workspace = Workspace(
      manifestPath: manifestPath, lockfilePath: lockfilePath, manifestSource: manifestSource,
      lockfileSource: lockfileSource, manifest: inputs.manifest, lockfile: inputs.lockfile, endpoint: endpoint,
      diagnostics: inputs.diagnostics, account: nil, now: now, clock: clock)
    if let lockfile = inputs.lockfile {
      let problems = EndpointCheck.problems(lockfile: lockfile, lockfilePath: lockfilePath, run: endpoint)
      workspace.diagnostics += problems
      if !problems.isEmpty { workspace.lockfile = nil }
    }
    if let loaded = inputs.manifest, let lockfile = workspace.lockfile {
      let (account, problems) = AccountCheck.resolve(
        manifest: loaded, environmentAccount: environment["BOOMI_ACCOUNT_ID"], lockfile: lockfile,
        lockfilePath: lockfilePath)
      workspace.account = account
      workspace.diagnostics += problems
      if !problems.isEmpty { workspace.manifest = nil }
    }
    return workspace
  }

  /// ``load(_:connection:environment:)`` for a command that needs both files: their problems are
  /// reported and the command fails (exit 1) unless the manifest and the lockfile both loaded.
  static func loadBoth(
    _ options: GlobalOptions, connection: ConnectionOptions, environment: [String: String], console: Console
  ) throws -> (workspace: Workspace, manifest: Manifest, lockfile: Lockfile) {
    let workspace = try load(options, connection: connection, environment: environment)
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

  /// The one writer of the lockfile for a run that starts from `lockfile`.
  func store(_ lockfile: Lockfile) -> LockfileStore {
    LockfileStore(path: lockfilePath, lockfile: lockfile, endpoint: endpoint)
  }

  /// Today in the manifest's time zone.
  func today(in manifest: Manifest) -> CalendarDate {
    CalendarDate.today(in: manifest.timeZone, at: now)
  }
}

/// A user's file as read: its text, or a `file-too-large` diagnostic when it is larger than the
/// tool reads (regular files only; the size is checked before reading).
enum InputFile {
  case text(SourceText)
  case tooLarge(path: String, Diagnostic)

  /// The file, or `nil` when it does not exist. Any other failure to read it is thrown.
  static func read(
    _ path: String, limit: Int = DecodingLimits.standard.maxFileBytes
  ) throws(CommandFailure) -> InputFile? {
    do {
      return .text(SourceText(path: path, bytes: try AtomicFile.read(path, maximumBytes: limit)))
    } catch  where error.isNotFound {
      return nil
    } catch {
      guard case .tooLarge(let size, let limit) = error.reason else { throw CommandFailure(error.description) }
      return .tooLarge(path: path, .fileTooLarge(file: path, size: size, limit: limit))
    }
  }

  /// The text diagnostics quote; empty for a file that was not read.
  var source: SourceText {
    switch self {
    case .text(let source): source
    case .tooLarge(let path, _): SourceText(path: path, bytes: [])
    }
  }

  /// `decode` applied to the text, or no value and the size diagnostic.
  func decoded<Value>(_ decode: (SourceText) -> (Value?, [Diagnostic])) -> (Value?, [Diagnostic]) {
    switch self {
    case .text(let source): decode(source)
    case .tooLarge(_, let problem): (nil, [problem])
    }
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
    } catch let failure as EngineError {
      error(errorStyle.apply("error:", .bold, .red) + " \(failure.description)\n")
      throw ExitStatus.failure
    }
  }
}
