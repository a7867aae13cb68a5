import ArgumentParser
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

struct ApplyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Make the releases the plan calls for, and record each one in the lockfile.",
    discussion: """
      Without PLANFILE, plans first and asks for confirmation on an interactive terminal (--yes skips it; it is \
      never asked when stdin is not a terminal). With PLANFILE (from `plan --out`), applies exactly that plan to \
      the files it names, or refuses it (exit 5) if the manifest or the lockfile changed since, if it was applied \
      already, if a date in it is no longer in the future, or if a call in it is not what the manifest calls for.

      Every CREATE/UPDATE is recorded in the lockfile as an intent before it is sent, and replaced by the release \
      once Boomi returns its requestId. A call whose outcome is unknown (a timeout, a dropped connection) is never \
      sent again by itself: its pack is blocked until `recover`.

      Before its first call, apply reads the packs from Boomi (and the status of each recorded release that has \
      not settled): a pack whose state in Boomi the lockfile cannot explain (released elsewhere) is not sent.

      Exit codes: 0 all done; 1 a call failed or an error; 3 an outcome is unknown; 4 another run holds the lock; \
      5 the saved plan is refused; 6 a pack was not sent because Boomi shows a state the lockfile cannot explain \
      (the others were sent). When several apply, the lowest of 1, 3, 6 is the exit code.
      """)

  @Argument(help: "A plan saved by `plan --out`. The manifest and lockfile it names (relative to itself) are used.")
  var planFile: String?

  @OptionGroup var options: GlobalOptions
  @OptionGroup var selection: SelectionOptions
  @OptionGroup var connection: ConnectionOptions
  @OptionGroup var gitSync: GitSyncOptions

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
    try gitSync.check(emulator: connection.emulator)
    if planFile != nil, !selection.targets.isEmpty || !selection.excludes.isEmpty {
      throw ValidationError("--target and --exclude cannot change a saved plan; make a new plan instead")
    }
  }

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    // SIGTERM (a cancelled CI job) stops sending; calls on the wire finish and are recorded, and
    // --git-sync still pushes what was recorded and releases its lock.
    let stop = StopSignal()
    let termination = Termination(stop: stop, console: console)
    defer { termination.cancel() }
    try await console.reportingFailures {
      var paths = options
      var saved: SavedPlan?
      if let planFile {
        let plan = try SavedPlanFile.load(planFile, console: console, format: options.format)
        (paths.manifest, paths.lockfile) = try SavedPlanFile.files(of: plan, at: planFile, options: options)
        saved = plan
      }
      let files = paths
      let lockfilePath = files.lockfilePath(emulator: connection.emulator)
      try await GitSync.around(
        gitSync, lockfilePath: lockfilePath, manifestPath: files.manifestPath, console: console,
        environment: environment, stop: stop
      ) {
        let result = try await LockedRun.run(lockfilePath: lockfilePath, console: console, environment: environment) {
          try await apply(saved: saved, files: files, console: console, environment: environment, stop: stop)
        }
        return (result, result.map(Self.commitMessage) ?? "boomi-release apply")
      } finish: { result in
        if let result { try Self.exit(for: result) }
        if stop.isStopped { throw CommandFailure("stopped by a signal", exitCode: Termination.exitCode) }
      }
    }
  }

  /// The message of the lockfile's commit: the plan, and what became of each pack.
  static func commitMessage(_ result: ApplyResult) -> String {
    var lines = ["boomi-release apply: plan \(result.planId)", ""]
    for pack in result.packs {
      lines.append(
        "\(pack.call.label) (\(pack.call.packId)): \(pack.call.operation.rawValue) \(ApplyView.outcomeName(pack.outcome))\(pack.outcome.requestId.map { " \($0)" } ?? "")"
      )
    }
    for finding in result.drifted { lines.append("\(finding.label) (\(finding.packId)): not sent, drift") }
    for id in result.retired { lines.append("\(id): retired") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Plans, asks, sends, records and reports; the result decides the exit status, after
  /// `--git-sync` has pushed it.
  private func apply(
    saved: SavedPlan?, files: GlobalOptions, console: Console, environment: [String: String], stop: StopSignal
  ) async throws -> ApplyResult? {
    let (workspace, manifest, lockfile) = try Workspace.loadBoth(
      files, connection: connection, environment: environment, console: console)
    let input = ApplyReleases.Input(
      manifest: manifest, manifestBytes: workspace.manifestSource.bytes, lockfile: lockfile,
      today: workspace.today(in: manifest), account: workspace.account, savedPlan: saved,
      selection: selection.selection, newPlanId: UUID().uuidString.lowercased())
    let prepared: ApplyReleases.Prepared
    switch try SelectionOptions.resolving({ () throws(PackSelection.UnknownPack) in try ApplyReleases.prepare(input) })
    {
    case .ready(let ready): prepared = ready
    case .invalid(let problems):
      DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
        .print(workspace.diagnostics + problems)
      throw ExitStatus.failure
    case .refused(let refusals):
      for refusal in refusals { console.error(console.errorStyle.apply("error:", .bold, .red) + " \(refusal)\n") }
      throw ExitStatus.stalePlan
    }
    guard !prepared.isEmpty else {
      if let plan = prepared.plan, options.format == .text { console.out(planText(plan, console: console)) }
      if options.format == .text { console.error("Nothing to apply.\n") }
      if options.format == .json {
        console.out(ApplyView.json(ApplyResult(planId: prepared.planId, blocked: prepared.blocked)))
      }
      if !prepared.blocked.isEmpty { throw ExitStatus.unresolved }
      return nil
    }
    // Something will be sent: the connection must be usable before the plan is shown.
    let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
    if let plan = prepared.plan, options.format == .text { console.out(planText(plan, console: console)) }
    guard try confirmed(calls: prepared.calls.count, retiring: prepared.retire.count, console: console) else {
      throw CommandFailure("apply cancelled; nothing was sent")
    }

    let result = try await Connection.withClient(
      settings, workspace: workspace, verbose: options.verbose, console: console, stop: stop
    ) { client in
      let printer = ProgressPrinter(console: console, total: prepared.calls.count)
      let format = options.format
      let apply = ApplyReleases(
        client: client, store: workspace.store(lockfile),
        concurrency: concurrency, now: workspace.clock,
        progress: { event in
          switch event {
          case .call(let progress):
            printer.report(progress)
            // The only copy of this requestId: shown at once, whatever happens next (on stderr
            // when stdout carries one JSON document, which will hold it too).
            if case .finished(let call, let outcome) = progress, case .unrecorded = outcome {
              let line = ApplyView.line(call, outcome, style: console.outStyle)
              if format == .json { console.error(line) } else { console.out(line) }
            }
          case .waiting(let count):
            printer.finish()
            console.error("Waiting for \(count) release\(count == 1 ? "" : "s") to settle…\n")
          }
        })
      let result = await apply.run(prepared, wait: wait ? .seconds(waitTimeout) : nil)
      printer.finish()
      return result
    }
    console.error(ApplyView.waitReport(result, timeoutSeconds: waitTimeout))
    switch options.format {
    case .json: console.out(ApplyView.json(result))
    case .text, .markdown: console.out(ApplyView.text(result, style: console.outStyle))
    }
    return result
  }

  private func planText(_ plan: Plan, console: Console) -> String {
    PlanTextRenderer(style: console.outStyle, showUnchanged: options.verbose).render(plan)
  }

  /// The exit status a result calls for (SPEC §2, §6.6).
  static func exit(for result: ApplyResult) throws {
    if let stopped = result.stopped {
      let unrecorded =
        result.unrecorded == 0
        ? "" : "; the requestIds marked NOT RECORDED above are the only record of those releases"
      throw CommandFailure(
        "the lockfile could not be written (\(stopped.description)), so apply stopped sending\(unrecorded)")
    }
    if let preFlightFailure = result.preFlightFailure { throw CommandFailure(preFlightFailure.description) }
    if let finishFailure = result.finishFailure { throw CommandFailure(finishFailure.description) }
    if let failure = result.wait?.failure { throw failure }
    if result.failed > 0 { throw ExitStatus.failure }
    if result.unknown > 0 || !result.blocked.isEmpty { throw ExitStatus.unresolved }
    if !result.drifted.isEmpty { throw ExitStatus.drift }
  }

  /// Asks on an interactive terminal only; `--yes` and a non-terminal stdin skip the question.
  private func confirmed(calls: Int, retiring: Int, console: Console) throws -> Bool {
    guard !yes, isatty(STDIN_FILENO) == 1 else { return true }
    var what = "\(calls) release call\(calls == 1 ? "" : "s")"
    if retiring > 0 { what += " and \(retiring) pack\(retiring == 1 ? "" : "s") to retire" }
    console.error("Apply \(what) to Boomi? Only 'yes' is accepted: ")
    return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
  }
}
