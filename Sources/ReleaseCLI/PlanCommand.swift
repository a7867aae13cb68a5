import ArgumentParser
import Foundation
import ReleaseCore
import ReleaseEngine

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show what apply would do: per pack, CREATE, UPDATE or nothing.",
    discussion: """
      Compares the manifest with the lockfile; reads nothing from the network. With
      --detailed-exitcode: 0 no changes, 2 changes, 1 error. A pack whose last attempt has an
      unknown outcome is not planned; the exit code is then 3 until `recover` settles it.
      """)

  @OptionGroup var options: GlobalOptions
  @OptionGroup var selection: SelectionOptions

  @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
  var detailedExitcode = false

  @Option(help: "Also save the plan to this file, for `apply FILE`.")
  var out: String?

  func run() throws {
    let console = Console(color: options.color)
    try console.reportingFailures {
      let workspace = try Workspace.load(options, environment: Self.environment)
      let report = DiagnosticsReport(console: console, format: options.format, sources: workspace.sources)
      guard let manifest = workspace.manifest, let lockfile = workspace.lockfile else {
        report.print(workspace.diagnostics)
        throw ExitStatus.failure
      }
      let plan: Plan
      let problems: [Diagnostic]
      do {
        (plan, problems) = try Planner.plan(
          manifest: manifest, lockfile: lockfile, today: workspace.today(in: manifest),
          selection: selection.selection)
      } catch let unknown as PackSelection.UnknownPack {
        throw CommandFailure(unknown.description, exitCode: ExitStatus.usage)
      }
      let diagnostics = workspace.diagnostics + problems
      guard !diagnostics.containsErrors else {
        report.print(diagnostics)
        throw ExitStatus.failure
      }
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

      if let out {
        let saved = SavedPlan(
          plan: plan, planId: UUID().uuidString.lowercased(), createdAt: workspace.now, account: workspace.account,
          manifestPath: workspace.manifestPath, manifestBytes: workspace.manifestSource.bytes,
          lockfilePath: workspace.lockfilePath, lockfile: lockfile)
        do {
          try AtomicFile.write(SavedPlanFormat.encode(saved), to: out)
        } catch let failure as FileError {
          throw CommandFailure(failure.description)
        }
        console.error("Saved the plan to \(out). Run `boomi-release apply \(out)` to apply exactly this plan.\n")
      }

      if !plan.blocked.isEmpty { throw ExitStatus.unresolved }
      if detailedExitcode, plan.hasChanges { throw ExitStatus.changes }
    }
  }
}
