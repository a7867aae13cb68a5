import ArgumentParser
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show what apply would do: per pack, CREATE, UPDATE or nothing.",
    usage: "boomi-release plan [<options>]",
    discussion: """
      Compares the manifest with the lockfile; reads nothing from the network unless --refresh is given. With \
      --detailed-exitcode: 0 no changes, 2 changes, 1 error. A pack whose last attempt has an unknown outcome is \
      not planned; the exit code is then 3 until `recover` settles it.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var selection: SelectionOptions

  @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
  var detailedExitcode = false

  @Option(help: "Also save the plan to this file, for `apply FILE`.")
  var out: String?

  @Flag(
    help: """
      First read the status of every recorded release from Boomi, check the manifest against Boomi as \
      `validate --remote` does, and warn of each pack apply's pre-flight would not send (drift). The lockfile is \
      not written.
      """)
  var refresh = false

  @OptionGroup var connection: ConnectionOptions

  func run() async throws {
    let console = Console(color: options.color)
    let environment = Self.environment
    try await console.reportingFailures {
      let (workspace, manifest, loadedLockfile) = try Workspace.loadBoth(
        options, connection: connection, environment: environment, console: console)
      let report = DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
      var lockfile = loadedLockfile
      var diagnostics = workspace.diagnostics
      var boomi: [String: PackState]?
      if refresh {
        let settings = try Connection.settings(connection, workspace: workspace, environment: environment)
        let refreshed = try await Connection.withClient(
          settings, workspace: workspace, verbose: options.verbose, console: console
        ) { client in
          try await RemoteValidation(client: client).refresh(loadedLockfile, for: manifest)
        }
        console.error(StatusView.unread(refreshed.unread, style: console.errorStyle))
        lockfile = refreshed.lockfile
        diagnostics += refreshed.diagnostics
        boomi = refreshed.packs
      }
      let (plan, problems) = try SelectionOptions.resolving { () throws(PackSelection.UnknownPack) in
        try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest),
          selection: selection.selection)
      }
      diagnostics += problems
      if let boomi {
        diagnostics += Drift.diagnostics(
          Drift.findings(for: plan.calls, lockfile: lockfile, packs: boomi), manifest: manifest)
      }
      guard !diagnostics.containsErrors else {
        report.print(diagnostics)
        throw ExitStatus.failure
      }
      render(plan, diagnostics: diagnostics, report: report, console: console)
      if let out { try save(plan, to: out, workspace: workspace, lockfile: lockfile, console: console) }
      keepUntilExit(workspace, lockfile, plan)
      if !plan.blocked.isEmpty { throw ExitStatus.unresolved }
      if detailedExitcode, plan.hasChanges { throw ExitStatus.changes }
    }
  }

  /// `--out`: the plan, naming its files relative to itself so that it applies from anywhere.
  private func save(
    _ plan: Plan, to out: String, workspace: Workspace, lockfile: Lockfile, console: Console
  ) throws(CommandFailure) {
    let directory = Paths.directory(of: out)
    let saved = SavedPlan(
      plan: plan, planId: UUID().uuidString.lowercased(), createdAt: workspace.now, account: workspace.account,
      manifestPath: Paths.relative(workspace.manifestPath, from: directory),
      manifestBytes: workspace.manifestSource.bytes,
      lockfilePath: Paths.relative(workspace.lockfilePath, from: directory), lockfile: lockfile)
    do {
      try AtomicFile.write(SavedPlanFormat.encode(saved), to: out)
    } catch {
      throw CommandFailure(error.description)
    }
    console.error("Saved the plan to \(out). Run `boomi-release apply \(out)` to apply exactly this plan.\n")
  }

  private func render(_ plan: Plan, diagnostics: [Diagnostic], report: DiagnosticsReport, console: Console) {
    switch options.format {
    case .text:
      if !diagnostics.isEmpty { report.print(diagnostics) }
      console.out(PlanTextRenderer(style: console.outStyle, showUnchanged: options.verbose).render(plan))
    case .json:
      // One JSON document on stdout: any warnings travel inside it.
      var document = PlanJSONRenderer.json(plan)
      if case .object(var members) = document, !diagnostics.isEmpty {
        members["diagnostics"] = DiagnosticsReport.jsonList(diagnostics)
        document = .object(members)
      }
      console.out(document.prettyPrinted())
    case .markdown:
      if !diagnostics.isEmpty { report.print(diagnostics) }
      console.out(PlanMarkdownRenderer().render(plan))
    }
  }
}
