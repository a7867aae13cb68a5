import ArgumentParser
import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Read the status of the recorded releases from Boomi and record it in the lockfile.",
    discussion: """
      Reads every recorded release whose status can still change (bulk, 100 per call). With
      --wait, polls until each is SUCCESS, ERROR or SCHEDULED, or --wait-timeout passes.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Flag(help: "Poll until every release has settled.")
  var wait = false

  @Option(help: "How long --wait waits at most, in seconds (at most a day).")
  var waitTimeout = 600

  func validate() throws {
    try NumericOption.check("--wait-timeout", waitTimeout, in: 0...86_400)
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      try await LockedRun.run(lockfilePath: options.lockfilePath, console: console, environment: environment) {
        let (workspace, _, lockfile) = try Workspace.loadBoth(options, environment: environment, console: console)
        let store = LockfileStore(path: workspace.lockfilePath, lockfile: lockfile)
        let ids = lockfile.requestsToRefresh
        if !ids.isEmpty {
          try await Connection.withClient(
            workspace: workspace, options: connection, verbose: options.verbose, console: console
          ) { client in
            let poller = StatusPoller(
              client: client, store: store, timeout: wait ? .seconds(waitTimeout) : .zero)
            do {
              let outcome = try await poller.wait(for: ids)
              for (id, reason) in outcome.unread.sorted(by: { $0.key < $1.key }) {
                console.error(
                  console.errorStyle.apply("warning:", .bold, .yellow) + " could not read \(id): \(reason)\n")
              }
            } catch let error as PlatformError {
              throw Connection.failure(error, doing: "read the releases' status")
            } catch let error as FileError {
              throw CommandFailure(error.description)
            }
          }
        }
        let current = await store.lockfile
        console.out(Self.render(current, style: console.outStyle))
        if !current.pending.isEmpty { throw ExitStatus.unresolved }
      }
    }
  }

  static func render(_ lockfile: Lockfile, style: TerminalStyle) -> String {
    var out = ""
    for (id, record) in lockfile.packs.sorted(by: { $0.key < $1.key }) {
      guard let release = record.release else { continue }
      let status = release.status?.rawValue ?? "not read"
      let colour: TerminalStyle.Attribute =
        switch release.status {
        case .success?: .green
        case .error?: .red
        case .scheduled?, .inProgress?: .yellow
        case nil: .dim
        }
      out +=
        "  \(record.name ?? id)  \(release.requestId)  \(release.content.schedule)  "
        + style.apply(status, colour) + "\n"
    }
    for intent in lockfile.pending {
      out +=
        "  \(style.apply("!", .red)) \(lockfile.packs[intent.packId]?.name ?? intent.packId): "
        + "a \(intent.operation.rawValue) of \(intent.createdAt) has an unknown outcome; run `boomi-release recover`\n"
    }
    return out.isEmpty ? "No releases recorded.\n" : out
  }
}

struct RecoverCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recover",
    abstract: "Settle the CREATE/UPDATE attempts whose outcome is unknown.",
    discussion: """
      For each pending attempt, reads the pack from Boomi: if its pending (scheduled) or current
      (immediate) versions are the ones the attempt sent, the release went through and is
      recorded (its requestId was never received, so it is recorded as `unrecorded:…`); if none
      are, and the attempt is older than --settle seconds, it did not, and the attempt is dropped.
      Otherwise it stays, and --assume-sent or --assume-not-sent (with --pack) decides. If you know
      the requestId, `boomi-release import` records it exactly.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Option(help: "Only this pack's attempts (id or name). Repeatable; required with --assume-*.")
  var pack: [String] = []

  @Flag(help: "Record the attempts of --pack as having gone through.")
  var assumeSent = false

  @Flag(help: "Drop the attempts of --pack as never having gone through.")
  var assumeNotSent = false

  @Option(
    help: "Seconds after which an attempt whose versions do not show in Boomi is judged not sent (at most a week).")
  var settle = 600

  func validate() throws {
    try NumericOption.check("--settle", settle, in: 0...604_800)
    if assumeSent, assumeNotSent { throw ValidationError("--assume-sent and --assume-not-sent exclude each other") }
    if (assumeSent || assumeNotSent), pack.isEmpty {
      throw ValidationError("--assume-sent and --assume-not-sent need --pack, naming the packs they are for")
    }
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      try await LockedRun.run(lockfilePath: options.lockfilePath, console: console, environment: environment) {
        let (workspace, manifest, lockfile) = try Workspace.loadBoth(
          options, environment: environment, console: console)
        let selected = try selectedIntents(lockfile, manifest: manifest)
        guard !selected.isEmpty else {
          console.out("No attempts with an unknown outcome.\n")
          return
        }
        let store = LockfileStore(path: workspace.lockfilePath, lockfile: lockfile)
        var unresolved = 0
        if assumeSent || assumeNotSent {
          for intent in selected {
            try await resolve(
              intent, sent: assumeSent, reason: "assumed by the user", at: workspace.clock(), store: store,
              console: console)
          }
        } else {
          unresolved = try await Connection.withClient(
            workspace: workspace, options: connection, verbose: options.verbose, console: console
          ) { client in
            try await judgeAll(
              selected, lockfile: lockfile, client: client, store: store, clock: workspace.clock, console: console)
          }
        }
        if unresolved > 0 { throw ExitStatus.unresolved }
      }
    }
  }

  private func selectedIntents(_ lockfile: Lockfile, manifest: Manifest) throws -> [Intent] {
    guard !pack.isEmpty else { return lockfile.pending }
    let candidates = Set(lockfile.pending.map(\.packId)).map { id in
      (id, manifest.packs.first { $0.id == id }?.name ?? lockfile.record(for: id)?.name)
    }
    let ids: Set<String>
    do {
      ids = try PackSelection(targets: pack).resolve(candidates)
    } catch {
      throw CommandFailure(
        "\(error.description.replacingOccurrences(of: "--target", with: "--pack")) among the packs with pending attempts",
        exitCode: ExitStatus.usage)
    }
    return lockfile.pending.filter { ids.contains($0.packId) }
  }

  /// Judges each attempt from its pack in Boomi, and from the status of the release recorded
  /// before it; returns how many stay unresolved.
  private func judgeAll(
    _ intents: [Intent], lockfile: Lockfile, client: PlatformClient, store: LockfileStore,
    clock: @Sendable () -> Date, console: Console
  ) async throws -> Int {
    var unresolved = 0
    for intent in intents {
      let pack: PublisherIntegrationPack?
      do {
        pack = try await client.publisherIntegrationPack(id: intent.packId)
      } catch .rejected(let status, _) where status == 400 || status == 404 {
        pack = nil
      } catch {
        throw Connection.failure(error, doing: "read pack \(intent.packId)")
      }
      let previous = lockfile.record(for: intent.packId)?.release
      var previousStatus: ReleaseIntegrationPackStatus?
      if let previous, !RecordedRelease.isUnrecorded(previous.requestId) {
        // Unreadable is no evidence either way; the pack's versions still are.
        previousStatus = try? await client.releaseStatus(requestId: previous.requestId)
      }
      let now = clock()
      let age = Timestamp.parse(intent.createdAt).map { Duration.seconds(now.timeIntervalSince($0)) } ?? .zero
      let verdict = Recovery.judge(
        intent, pack: pack, previous: previous, previousStatus: previousStatus, age: age, settle: .seconds(settle))
      switch verdict {
      case .sent(let reason):
        try await resolve(intent, sent: true, reason: reason, at: now, store: store, console: console)
      case .notSent(let reason):
        try await resolve(intent, sent: false, reason: reason, at: now, store: store, console: console)
      case .undetermined(let reason):
        unresolved += 1
        console.out(
          "  ? \(intent.packId): \(intent.operation.rawValue) of \(intent.createdAt) is still undetermined: \(reason).\n"
            + "    Decide with `boomi-release recover --pack \(intent.packId) --assume-sent` (or --assume-not-sent),\n"
            + "    or record the real release with `boomi-release import --pack \(intent.packId) --request-id …`.\n")
      }
    }
    return unresolved
  }

  private func resolve(
    _ intent: Intent, sent: Bool, reason: String, at time: Date, store: LockfileStore, console: Console
  ) async throws {
    do {
      if sent {
        let release = Recovery.recoveredRelease(for: intent, at: time, reason: reason)
        try await store.adopt(release, packId: intent.packId, settling: [intent])
        console.out("  ✓ \(intent.packId): \(intent.operation.rawValue) went through (\(reason)); recorded.\n")
      } else {
        try await store.discardIntent(intent)
        console.out("  ✓ \(intent.packId): \(intent.operation.rawValue) did not go through (\(reason)); dropped.\n")
      }
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Record a release made elsewhere in the lockfile, by its requestId.",
    discussion: """
      Reads ReleaseIntegrationPackStatus/{request-id}, checks that it is a release of --pack, and
      records it as the pack's current release (the one before it moves to the history). Any
      attempt of the pack whose outcome was unknown is settled by it.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var connection: ConnectionOptions

  @Option(help: "The integration pack's id.")
  var pack: String

  @Option(help: "The release's requestId (release-…).")
  var requestId: String

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    let packId = pack.lowercased()
    try await console.reportingFailures {
      try await LockedRun.run(lockfilePath: options.lockfilePath, console: console, environment: environment) {
        let (workspace, _, lockfile) = try Workspace.loadBoth(options, environment: environment, console: console)
        let status = try await Connection.withClient(
          workspace: workspace, options: connection, verbose: options.verbose, console: console
        ) { client in
          do {
            return try await client.releaseStatus(requestId: requestId)
          } catch let error as PlatformError {
            throw Connection.failure(error, doing: "read release \(requestId)")
          }
        }
        let store = LockfileStore(path: workspace.lockfilePath, lockfile: lockfile)
        do {
          let release = try ReleaseImport.release(from: status, requestId: requestId, packId: packId, at: workspace.now)
          try await store.adopt(release, packId: packId, settling: lockfile.pendingIntents(for: packId))
          console.out(
            "Recorded \(requestId) (\(release.content.schedule), \(release.status?.rawValue ?? "status unknown")) for \(packId).\n"
          )
        } catch let failure as ReleaseImport.Failure {
          throw CommandFailure(failure.description)
        } catch {
          throw CommandFailure("\(error)")
        }
      }
    }
  }
}
