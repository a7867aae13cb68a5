import ArgumentParser
import BoomiAPI
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show what apply would do: per pack, CREATE, UPDATE or nothing.",
    discussion: """
      Compares the manifest with the lockfile; reads nothing from the network unless --refresh is
      given. With --detailed-exitcode: 0 no changes, 2 changes, 1 error. A pack whose last attempt
      has an unknown outcome is not planned; the exit code is then 3 until `recover` settles it.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var selection: SelectionOptions

  @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
  var detailedExitcode = false

  @Option(help: "Also save the plan to this file, for `apply FILE`.")
  var out: String?

  @Flag(
    help: """
      First read the status of every recorded release from Boomi, and check the manifest against \
      Boomi as `validate --remote` does. The lockfile is not written.
      """)
  var refresh = false

  @OptionGroup var connection: ConnectionOptions

  func run() async throws {
    let console = Console(color: options.color)
    try await console.reportingFailures {
      let (workspace, manifest, loadedLockfile) = try Workspace.loadBoth(
        options, environment: Self.environment, console: console)
      let report = DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
      var lockfile = loadedLockfile
      var diagnostics = workspace.diagnostics
      if refresh {
        (lockfile, diagnostics) = try await refreshed(
          lockfile, manifest: manifest, workspace: workspace, console: console, diagnostics: diagnostics)
      }
      let plan: Plan
      do {
        let (planned, problems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest),
          selection: selection.selection)
        plan = planned
        diagnostics += problems
      } catch let unknown as PackSelection.UnknownPack {
        throw CommandFailure(unknown.description, exitCode: ExitStatus.usage)
      }
      guard !diagnostics.containsErrors else {
        report.print(diagnostics)
        throw ExitStatus.failure
      }
      render(plan, diagnostics: diagnostics, report: report, console: console)

      if let out {
        // The plan names its files relative to itself, wherever it is applied from.
        let directory = Paths.directory(of: out)
        let saved = SavedPlan(
          plan: plan, planId: UUID().uuidString.lowercased(), createdAt: workspace.now, account: workspace.account,
          manifestPath: Paths.relative(workspace.manifestPath, from: directory),
          manifestBytes: workspace.manifestSource.bytes,
          lockfilePath: Paths.relative(workspace.lockfilePath, from: directory), lockfile: lockfile)
        do {
          try AtomicFile.write(SavedPlanFormat.encode(saved), to: out)
        } catch let failure as FileError {
          throw CommandFailure(failure.description)
        }
        console.error("Saved the plan to \(out). Run `boomi-release apply \(out)` to apply exactly this plan.\n")
      }

      keepUntilExit(workspace, lockfile, plan)
      if !plan.blocked.isEmpty { throw ExitStatus.unresolved }
      if detailedExitcode, plan.hasChanges { throw ExitStatus.changes }
    }
  }

  /// SPEC §5.4: fresh statuses for the recorded releases, and the remote checks of §3.4.
  private func refreshed(
    _ lockfile: Lockfile, manifest: Manifest, workspace: Workspace, console: Console, diagnostics: [Diagnostic]
  ) async throws -> (Lockfile, [Diagnostic]) {
    try await Connection.withClient(
      workspace: workspace, options: connection, verbose: options.verbose, console: console
    ) { client in
      do {
        let reading = try await StatusReader(client: client).read(lockfile.requestsToRefresh)
        var updated = lockfile
        for (id, status) in reading.statuses { updated.setStatus(status, requestId: id) }
        for (id, reason) in reading.unread.sorted(by: { $0.key < $1.key }) {
          console.error(
            console.errorStyle.apply("warning:", .bold, .yellow) + " could not read the status of \(id): \(reason)\n")
        }
        let facts = try await RemoteInspector(client: client).facts(for: manifest)
        return (
          updated,
          diagnostics + RemoteChecks.diagnose(manifest, against: facts, account: client.configuration.accountID)
        )
      } catch let error as PlatformError {
        throw Connection.failure(error, doing: "refresh from Boomi")
      }
    }
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
