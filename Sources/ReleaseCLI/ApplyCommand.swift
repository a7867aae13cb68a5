import ArgumentParser
import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Make the releases the plan calls for, and record each one in the lockfile.",
    discussion: """
      Without PLANFILE, plans first and asks for confirmation on an interactive terminal (--yes
      skips it; it is never asked when stdin is not a terminal). With PLANFILE (from
      `plan --out`), applies exactly that plan to the files it names, or refuses it (exit 5) if the
      manifest or the lockfile changed since, if it was applied already, if a date in it is no
      longer in the future, or if a call in it is not what the manifest calls for.

      Every CREATE/UPDATE is recorded in the lockfile as an intent before it is sent, and replaced
      by the release once Boomi returns its requestId. A call whose outcome is unknown (a timeout,
      a dropped connection) is never sent again by itself: its pack is blocked until `recover`.

      Exit codes: 0 all done; 1 a call failed or an error; 3 an outcome is unknown; 4 another run
      holds the lock; 5 the saved plan is refused.
      """)

  @Argument(help: "A plan saved by `plan --out`. The manifest and lockfile it names (relative to itself) are used.")
  var planFile: String?

  @OptionGroup var options: GlobalOptions
  @OptionGroup var selection: SelectionOptions
  @OptionGroup var connection: ConnectionOptions

  @Option(help: "Packs released at the same time (1 to 64).")
  var concurrency = 4

  @Flag(help: "Then wait for each release to settle (SUCCESS, ERROR or SCHEDULED).")
  var wait = false

  @Option(help: "How long --wait waits at most, in seconds (at most a day).")
  var waitTimeout = 600

  @Flag(help: "Do not ask for confirmation.")
  var yes = false

  func validate() throws {
    try NumericOption.check("--concurrency", concurrency, in: 1...64)
    try NumericOption.check("--wait-timeout", waitTimeout, in: 0...86_400)
    if planFile != nil, !selection.targets.isEmpty || !selection.excludes.isEmpty {
      throw ValidationError("--target and --exclude cannot change a saved plan; make a new plan instead")
    }
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      let format = self.options.format
      var paths = self.options
      var saved: SavedPlan?
      if let planFile {
        let plan = try Self.loadPlan(planFile, console: console, format: format)
        (paths.manifest, paths.lockfile) = try Self.files(of: plan, at: planFile, options: self.options)
        saved = plan
      }
      let effective = paths
      try await LockedRun.run(lockfilePath: effective.lockfilePath, console: console, environment: environment) {
        try await apply(saved: saved, options: effective, console: console, environment: environment)
      }
    }
  }

  /// The manifest and lockfile a saved plan applies to: its own, which it names relative to
  /// itself. `-f` and `--lockfile` may name them too, but not other files: a plan pins what it was
  /// made from, and applying it to anything else is refused (exit 5), as is an absolute path in a
  /// plan file (an edited one could point anywhere).
  static func files(
    of plan: SavedPlan, at planFile: String, options: GlobalOptions
  ) throws(CommandFailure) -> (manifest: String, lockfile: String) {
    let directory = Paths.directory(of: planFile)
    var resolved: [String] = []
    for (what, recorded, given, option) in [
      ("manifest", plan.manifestPath, options.manifest, "-f"),
      ("lockfile", plan.lockfilePath, options.lockfile, "--lockfile"),
    ] {
      guard !recorded.hasPrefix("/") else {
        throw CommandFailure(
          "the plan \(planFile) names its \(what) by an absolute path (\(recorded)); a saved plan names its files "
            + "relative to itself, so make a new plan with `plan --out`",
          exitCode: ExitStatus.stalePlan)
      }
      let path = Paths.joined(directory, recorded)
      if let given, !Paths.sameFile(given, path) {
        throw CommandFailure(
          "the plan \(planFile) was made from the \(what) \(path), but \(option) names \(given); leave \(option) out "
            + "to apply the plan to its own files, or make a new plan from \(given)",
          exitCode: ExitStatus.stalePlan)
      }
      resolved.append(path)
    }
    return (resolved[0], resolved[1])
  }

  static func loadPlan(_ path: String, console: Console, format: OutputFormat) throws -> SavedPlan {
    guard let file = try InputFile.read(path) else { throw CommandFailure("the plan \(path) does not exist") }
    let (plan, diagnostics) = file.decoded { SavedPlanFormat.decode($0) }
    guard let plan else {
      DiagnosticsReport(console: console, format: format, sources: [file.source]).print(diagnostics)
      throw ExitStatus.failure
    }
    return plan
  }

  private func apply(
    saved: SavedPlan?, options: GlobalOptions, console: Console, environment: [String: String]
  ) async throws {
    let (workspace, manifest, lockfile) = try Workspace.loadBoth(options, environment: environment, console: console)
    let report = DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
    let today = workspace.today(in: manifest)
    let planned: SavedPlan
    var blocked: [BlockedPack] = []
    if let saved {
      let refusals = SavedPlanCheck.refusals(
        saved, manifest: manifest, manifestBytes: workspace.manifestSource.bytes, lockfile: lockfile, today: today,
        account: workspace.account)
      guard refusals.isEmpty else {
        for refusal in refusals { console.error(console.errorStyle.apply("error:", .bold, .red) + " \(refusal)\n") }
        throw ExitStatus.stalePlan
      }
      blocked = saved.calls.compactMap { change in
        let intents = lockfile.pendingIntents(for: change.packId)
        return intents.isEmpty ? nil : BlockedPack(packId: change.packId, name: change.name, intents: intents)
      }
      planned = saved
    } else {
      let plan: Plan
      do {
        let (made, problems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: today, selection: selection.selection)
        guard !(workspace.diagnostics + problems).containsErrors else {
          report.print(workspace.diagnostics + problems)
          throw ExitStatus.failure
        }
        plan = made
      } catch let unknown as PackSelection.UnknownPack {
        throw CommandFailure(unknown.description, exitCode: ExitStatus.usage)
      }
      if options.format == .text {
        console.out(PlanTextRenderer(style: console.outStyle, showUnchanged: options.verbose).render(plan))
      }
      blocked = plan.blocked
      planned = SavedPlan(
        plan: plan, planId: UUID().uuidString.lowercased(), createdAt: workspace.now, account: workspace.account,
        manifestPath: workspace.manifestPath, manifestBytes: workspace.manifestSource.bytes,
        lockfilePath: workspace.lockfilePath, lockfile: lockfile)
    }
    let changes = planned.calls.filter { change in !blocked.contains { $0.packId == change.packId } }
    guard !changes.isEmpty || !planned.retire.isEmpty else {
      if options.format == .text { console.error("Nothing to apply.\n") }
      if options.format == .json { console.out(ApplySummary(result: .init(outcomes: []), blocked: blocked).json) }
      if !blocked.isEmpty { throw ExitStatus.unresolved }
      return
    }
    guard try confirmed(changes: changes.count, retiring: planned.retire.count, console: console) else {
      throw CommandFailure("apply cancelled; nothing was sent")
    }

    let store = LockfileStore(path: workspace.lockfilePath, lockfile: lockfile)
    let result = try await Connection.withClient(
      workspace: workspace, options: connection, verbose: options.verbose, console: console
    ) { client in
      let printer = ProgressPrinter(console: console, total: changes.count)
      let executor = ApplyExecutor(
        client: client, store: store, concurrency: concurrency, now: workspace.clock,
        progress: { event in
          printer.report(event)
          // The only copy of this requestId: on stdout at once, whatever happens next.
          if case .finished(let change, let outcome) = event, case .unrecorded = outcome {
            console.out(ApplySummary.line(change, outcome, style: console.outStyle))
          }
        })
      let result = await executor.run(changes, planId: planned.planId)
      printer.finish()
      guard result.stopped == nil else { return result }
      do {
        try await store.retire(planned.retire)
        try await store.recordAppliedPlan(planned.planId)
      } catch let error as FileError {
        throw CommandFailure(error.description)
      }
      if wait {
        try await waitForReleases(result, client: client, store: store, console: console)
      }
      return result
    }
    let summary = ApplySummary(
      result: result, blocked: blocked, retired: result.stopped == nil ? planned.retire.count : 0)
    switch options.format {
    case .json: console.out(summary.json)
    case .text, .markdown: console.out(summary.text(style: console.outStyle))
    }
    if let stopped = result.stopped {
      let unrecorded =
        result.unrecorded == 0
        ? "" : "; the requestIds marked NOT RECORDED above are the only record of those releases"
      throw CommandFailure(
        "the lockfile could not be written (\(stopped.description)), so apply stopped sending\(unrecorded)")
    }
    if result.failed > 0 { throw ExitStatus.failure }
    if result.unknown > 0 || !blocked.isEmpty { throw ExitStatus.unresolved }
  }

  /// Asks on an interactive terminal only; `--yes` and a non-terminal stdin skip the question.
  private func confirmed(changes: Int, retiring: Int, console: Console) throws -> Bool {
    guard !yes, isatty(STDIN_FILENO) == 1 else { return true }
    var what = "\(changes) release call\(changes == 1 ? "" : "s")"
    if retiring > 0 { what += " and \(retiring) pack\(retiring == 1 ? "" : "s") to retire" }
    console.error("Apply \(what) to Boomi? Only 'yes' is accepted: ")
    return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
  }

  private func waitForReleases(
    _ result: ApplyExecutor.Result, client: PlatformClient, store: LockfileStore, console: Console
  ) async throws {
    let ids = result.outcomes.compactMap { item -> String? in
      if case .released(let requestId) = item.outcome { requestId } else { nil }
    }
    guard !ids.isEmpty else { return }
    console.error("Waiting for \(ids.count) release\(ids.count == 1 ? "" : "s") to settle…\n")
    let poller = StatusPoller(client: client, store: store, timeout: .seconds(waitTimeout))
    let outcome: StatusPoller.Outcome
    do {
      outcome = try await poller.wait(for: ids)
    } catch let error as PlatformError {
      throw Connection.failure(error, doing: "read the releases' status")
    }
    for id in ids.sorted() {
      let status = outcome.statuses[id].map(\.rawValue) ?? "unknown"
      console.error("  \(id): \(status)\(outcome.unread[id].map { " (\($0))" } ?? "")\n")
    }
    if !outcome.unsettled.isEmpty {
      console.error(
        "\(outcome.unsettled.count) release\(outcome.unsettled.count == 1 ? " has" : "s have") not settled"
          + " within \(waitTimeout) s; `boomi-release status --wait` picks up from here.\n")
    }
  }
}

/// What apply did, for people and for machines.
struct ApplySummary {
  var result: ApplyExecutor.Result
  var blocked: [BlockedPack]
  var retired = 0

  func text(style: TerminalStyle) -> String {
    var out = ""
    for (change, outcome) in result.outcomes {
      out += Self.line(change, outcome, style: style)
    }
    for pack in blocked {
      out += "  \(style.apply("!", .red)) \(pack.label): not touched, an earlier attempt's outcome is unknown\n"
    }
    var counts = "Apply: \(result.released) released, \(result.failed) failed, \(result.unknown) unknown"
    if result.unrecorded > 0 { counts += ", \(result.unrecorded) released but not recorded" }
    if result.notSent > 0 { counts += ", \(result.notSent) not sent" }
    if retired > 0 { counts += ", \(retired) retired" }
    out += style.apply(counts + ".", .bold) + "\n"
    if result.unknown > 0 || !blocked.isEmpty {
      out += "Run `boomi-release recover` to settle the unknown outcomes before the next apply.\n"
    }
    return out
  }

  /// One pack's outcome, on one line; a release the lockfile could not record says how to
  /// record it once the file can be written.
  static func line(_ change: ReleaseCall, _ outcome: ApplyExecutor.Outcome, style: TerminalStyle) -> String {
    let label = change.name ?? change.packId
    let operation = change.operation.rawValue
    switch outcome {
    case .released(let requestId):
      return "  \(style.apply("✓", .green)) \(label): \(operation) accepted as \(requestId)\n"
    case .unrecorded(let requestId, let error):
      return "  \(style.apply("!", .bold, .red)) \(label): \(operation) accepted as \(requestId), but NOT RECORDED: "
        + "the lockfile could not be written (\(error.description)). Once it can be, run "
        + "`boomi-release import --pack \(change.packId) --request-id \(requestId)`\n"
    case .failed(let message):
      return "  \(style.apply("✗", .red)) \(label): \(operation) failed: \(message)\n"
    case .unknown(let reason):
      return "  \(style.apply("?", .yellow)) \(label): \(operation) outcome unknown: \(reason)\n"
    case .notSent(let reason):
      return "  \(style.apply("-", .dim)) \(label): \(operation) \(reason)\n"
    }
  }

  var json: String {
    JSONValue.object([
      "outcomes": .array(
        result.outcomes.map { change, outcome in
          var members: [String: JSONValue] = [
            "packId": .string(change.packId), "operation": .string(change.operation.rawValue),
          ]
          members["name"] = change.name.map(JSONValue.string)
          switch outcome {
          case .released(let requestId):
            members["outcome"] = .string("released")
            members["requestId"] = .string(requestId)
          case .unrecorded(let requestId, let error):
            members["outcome"] = .string("unrecorded")
            members["requestId"] = .string(requestId)
            members["message"] = .string("the lockfile could not be written: \(error.description)")
          case .failed(let message):
            members["outcome"] = .string("failed")
            members["message"] = .string(message)
          case .unknown(let reason):
            members["outcome"] = .string("unknown")
            members["message"] = .string(reason)
          case .notSent(let reason):
            members["outcome"] = .string("notSent")
            members["message"] = .string(reason)
          }
          return .object(members)
        }),
      "blocked": .array(blocked.map { .string($0.packId) }),
      "summary": .object([
        "released": .int(result.released), "failed": .int(result.failed), "unknown": .int(result.unknown),
        "unrecorded": .int(result.unrecorded), "notSent": .int(result.notSent), "retired": .int(retired),
      ]),
    ]).prettyPrinted()
  }
}
