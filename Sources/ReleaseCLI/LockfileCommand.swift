import ArgumentParser
import FileSystem
import ReleaseCore

/// `boomi-release lockfile`: work on the lockfile itself.
struct LockfileCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lockfile",
    abstract: "Work on the lockfile itself: merge two versions of it, as a git merge driver.",
    subcommands: [LockfileMergeCommand.self])
}

/// `boomi-release lockfile merge BASE OURS THEIRS` (SPEC §10.4): ``LockfileMerge`` as a git merge
/// driver. OURS is written only with a merged lockfile; on any problem it is left as it was and
/// the exit status is 1, so that git reports a conflict instead.
struct LockfileMergeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge two versions of a lockfile and their common ancestor, as git's merge driver does.",
    discussion: """
      Writes the merged lockfile over OURS and exits 0. Every requestId, history entry, retired pack, applied plan \
      id and pending attempt of either side is kept, and the serial exceeds both sides'. Where the two sides \
      recorded different current releases of a pack and neither side's history explains the other's, the later \
      one stays current, the other goes to the pack's history, and the pack is marked needsRefresh: Boomi settles \
      which release is current (`plan --refresh`). A problem in any of the files, or lockfiles that cannot be \
      merged (different lineage, endpoint or account), exits 1 and leaves OURS as it was, so git reports a \
      conflict.

      To have git merge lockfiles with it, add this line to .gitattributes:

        *.lock.json merge=boomi-release

      and run:

        git config merge.boomi-release.name 'boomi-release lockfile merge'

        git config merge.boomi-release.driver 'boomi-release lockfile merge %O %A %B'
      """)

  @Argument(help: "The common ancestor (git's %O); an empty file when there is none.")
  var base: String

  @Argument(help: "Our version (git's %A), replaced by the merged lockfile.")
  var ours: String

  @Argument(help: "Their version (git's %B).")
  var theirs: String

  @Option(help: "Colour: auto (only on a terminal, and not when NO_COLOR is set), always or never.")
  var color: ColorChoice = .auto

  func run() async throws {
    let console = Console(color: color)
    let environment = Self.environment
    try await console.reportingFailures {
      // Held on OURS, the file written: merged by hand, OURS is the lockfile itself, and a run
      // writing it must not interleave. (From git, OURS is a temporary file of its own.)
      try await LockedRun.run(lockfilePath: ours, console: console, environment: environment) {
        let files = try [base, ours, theirs].map { path throws(CommandFailure) in
          guard let file = try InputFile.read(path) else { throw CommandFailure("\(path) does not exist") }
          return file
        }
        let decoded = files.enumerated().map { index, file in
          // git gives an empty file for the common ancestor when there is none.
          index == 0 && Self.isBlank(file) ? (Lockfile.empty, []) : file.decoded { LockfileFormat.decode($0) }
        }
        let diagnostics = decoded.flatMap(\.1)
        DiagnosticsReport(console: console, format: .text, sources: files.map(\.source)).print(diagnostics)
        guard !diagnostics.containsErrors, let baseLockfile = decoded[0].0, let ourLockfile = decoded[1].0,
          let theirLockfile = decoded[2].0
        else { throw ExitStatus.failure }

        let merged: LockfileMerge.Merged
        switch LockfileMerge.merge(base: baseLockfile, ours: ourLockfile, theirs: theirLockfile) {
        case .success(let value): merged = value
        case .failure(let refusal): throw CommandFailure("cannot merge \(ours) and \(theirs): \(refusal)")
        }
        do throws(FileError) {
          try AtomicFile.write(LockfileFormat.encode(merged.lockfile), to: ours)
        } catch {
          throw CommandFailure(error.description)
        }
        report(merged, console: console)
      }
    }
  }

  /// Whether the file is empty, or holds nothing but white space.
  static func isBlank(_ file: InputFile) -> Bool {
    guard case .text(let source) = file else { return false }
    return source.bytes.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
  }

  /// What the merge left for Boomi or `recover` to settle, on stderr.
  func report(_ merged: LockfileMerge.Merged, console: Console) {
    let note = console.errorStyle.apply("note:", .bold, .cyan)
    for id in merged.markedForRefresh {
      let pack = merged.lockfile.record(for: id)?.name.map { "\($0) (\(id))" } ?? id
      let current = merged.lockfile.record(for: id)?.release?.requestId ?? "none"
      console.error(
        "\(note) both sides recorded a different current release of \(pack); \(current), the later, is kept as "
          + "current and the other in its history, and the pack is marked needsRefresh: check which one Boomi "
          + "shows with `boomi-release plan --refresh`\n")
    }
    for intent in merged.reinstatedIntents {
      console.error(
        "\(note) kept the attempt \(intent.id) for pack \(intent.packId): one side settled it without recording "
          + "how; `boomi-release recover` settles it again\n")
    }
  }
}
