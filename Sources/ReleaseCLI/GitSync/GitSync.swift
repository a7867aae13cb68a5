import ArgumentParser
import FileSystem
import Foundation
import ReleaseCore
import ReleaseEngine

/// `--git-sync` and its settings.
struct GitSyncOptions: ParsableArguments {
  @Flag(
    help: """
      Use the git repository as the shared state (SPEC §10.3): before the run, take a lock held in the remote and \
      the newest lockfile from it; after the run, whatever its outcome, commit the lockfile alone and push it.
      """)
  var gitSync = false

  @Option(help: "The remote --git-sync fetches from and pushes to.")
  var gitRemote = "origin"

  @Option(help: "With --git-sync, how long to wait for another run's lock, in seconds (0: fail at once, exit 4).")
  var lockTimeout = 0

  @Option(help: "With --git-sync, how long the lock holds, in seconds, before another run may take it over.")
  var lockExpiry = 3600

  func validate() throws {
    try NumericOption.check("--lock-timeout", lockTimeout, in: 0...86_400)
    try NumericOption.check("--lock-expiry", lockExpiry, in: 2...604_800)
  }

  /// The emulator's releases are not Boomi's: they never go into the shared repository.
  func check(emulator: Bool) throws {
    if gitSync, emulator {
      throw ValidationError("--git-sync shares real releases through git; an --emulator run's are not, so not both")
    }
  }
}

/// One run's use of git as the shared state (SPEC §10.3): the remote lock, the newest lockfile
/// taken before the run, and the lockfile committed alone and pushed after it, rebased or merged
/// (§10.4) onto whatever reached the remote meanwhile.
///
/// Everything goes through the system `git`, with the user's configuration and credentials.
final class GitSync: Sendable {
  let git: Git
  let remote: String
  let branch: String
  /// The lockfile, relative to the repository's top level (as git names it).
  let path: String
  /// The lockfile as the run reads and writes it.
  let lockfilePath: String
  /// The commit the run's lockfile derives from.
  let base: String
  let lock: RemoteLock
  let console: Console

  /// Pushes tried after the first, when the remote moved meanwhile.
  static let pushRetries = 5

  private init(
    git: Git, remote: String, branch: String, path: String, lockfilePath: String, base: String, lock: RemoteLock,
    console: Console
  ) {
    self.git = git
    self.remote = remote
    self.branch = branch
    self.path = path
    self.lockfilePath = lockfilePath
    self.base = base
    self.lock = lock
    self.console = console
  }

  /// A reason to stop before anything is sent, with its exit code.
  static func failure(_ message: String, _ code: ExitCode = ExitStatus.failure) -> CommandFailure {
    CommandFailure(message, exitCode: code)
  }

  // MARK: - Before the run

  /// Checks the repository, takes the remote lock (waiting up to `--lock-timeout`), fetches the
  /// branch and takes the remote's newer lockfile, or refuses (exit 5) saying why.
  static func begin(
    _ options: GitSyncOptions, lockfilePath: String, manifestPath: String, console: Console,
    environment: [String: String], stop: StopSignal
  ) async throws -> GitSync {
    let directory = Paths.directory(of: lockfilePath)
    let remote = options.gitRemote
    let top: String
    do {
      top = try Git(directory: directory.isEmpty ? "." : directory, environment: environment)
        .run(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
    } catch {
      throw failure("--git-sync: \(error)")
    }
    // Git runs at the top, where the paths it is given (relative to the top) mean what they say.
    let git = Git(directory: top, environment: environment)
    guard
      let branch = try? git.run(["symbolic-ref", "--short", "-q", "HEAD"]).trimmingCharacters(
        in: .whitespacesAndNewlines),
      !branch.isEmpty
    else {
      throw failure(
        "--git-sync: HEAD is detached, so there is no branch to push the lockfile to; check out the branch "
          + "(with actions/checkout, `ref: ${{ github.ref_name }}`)")
    }
    guard (try? git.run(["remote", "get-url", remote])) != nil else {
      throw failure("--git-sync: the repository has no remote named '\(remote)' (--git-remote)")
    }
    let path = try repositoryPath(of: lockfilePath, top: top)
    let manifest = try repositoryPath(of: manifestPath, top: top)

    let lock = try await RemoteLock.acquire(
      git: git, remote: remote, branch: branch, path: path, options: options, environment: environment,
      console: console, stop: stop)
    do {
      let base = try take(
        git: git, remote: remote, branch: branch, path: path, manifest: manifest, lockfilePath: lockfilePath,
        console: console)
      return GitSync(
        git: git, remote: remote, branch: branch, path: path, lockfilePath: lockfilePath, base: base, lock: lock,
        console: console)
    } catch {
      await lock.release(console: console)
      throw error
    }
  }

  /// `file` relative to the repository's top level.
  private static func repositoryPath(of file: String, top: String) throws -> String {
    let directory = Paths.directory(of: file)
    let resolved = URL(fileURLWithPath: directory.isEmpty ? "." : directory).resolvingSymlinksInPath().path
    let root = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
    let name = String(file.split(separator: "/").last ?? Substring(file))
    guard resolved == root || resolved.hasPrefix(root + "/") else {
      throw failure("--git-sync: \(file) is not inside the repository at \(top)")
    }
    let relative = resolved == root ? "" : String(resolved.dropFirst(root.count + 1)) + "/"
    return relative + name
  }

  /// Fetches the branch and brings the working tree to the remote's newest lockfile, or refuses.
  /// Returns the commit the run's lockfile derives from.
  private static func take(
    git: Git, remote: String, branch: String, path: String, manifest: String, lockfilePath: String,
    console: Console
  ) throws -> String {
    let tracking = "refs/remotes/\(remote)/\(branch)"
    do {
      try git.run(["fetch", "--no-tags", "--quiet", remote, "+refs/heads/\(branch):\(tracking)"])
    } catch  where error.output.contains("couldn't find remote ref") {
      throw failure("--git-sync: the branch '\(branch)' does not exist on '\(remote)'; push it first")
    } catch {
      throw failure("--git-sync: could not fetch '\(branch)' from '\(remote)': \(error)")
    }
    func ask(_ arguments: [String]) throws -> String {
      do {
        return try git.run(arguments).trimmingCharacters(in: .whitespacesAndNewlines)
      } catch {
        throw failure("--git-sync: \(error)")
      }
    }
    let head = try ask(["rev-parse", "HEAD"])
    let tip = try ask(["rev-parse", tracking])
    let dirty = !(try ask(["status", "--porcelain", "--", path])).isEmpty
    let local: [UInt8]?
    do {
      local = try AtomicFile.read(lockfilePath, maximumBytes: DecodingLimits.standard.maxFileBytes)
    } catch  where error.isNotFound {
      local = nil
    } catch {
      throw failure("--git-sync: \(error)")
    }
    let atHead = try gitFile(git, path, at: head)
    let atTip = try gitFile(git, path, at: tip)
    let remoteLockfile = atTip.flatMap(decode)
    let localLockfile = local.flatMap(decode)
    // Nothing may make the branch forget releases: a lockfile that went missing, went back to an
    // older serial, or cannot be read is for a person to look at.
    if atHead != nil, local == nil {
      throw failure(
        "--git-sync: \(lockfilePath) is committed but missing from the working tree; restore it "
          + "(`git checkout -- \(path)`) before applying", ExitStatus.stalePlan)
    }
    if local != nil, localLockfile == nil {
      throw failure("--git-sync: \(lockfilePath) cannot be read as a lockfile; `boomi-release validate` says why")
    }
    if atHead != nil, atTip == nil {
      throw failure(
        "--git-sync: the lockfile was deleted on \(remote)/\(branch); find out why before applying",
        ExitStatus.stalePlan)
    }
    if let committed = atHead.flatMap(decode), let theirs = remoteLockfile, theirs.lineage == committed.lineage,
      theirs.serial < committed.serial
    {
      throw failure(
        "--git-sync: the lockfile on \(remote)/\(branch) (serial \(theirs.serial)) is older than this checkout's "
          + "(serial \(committed.serial)); find out why before applying", ExitStatus.stalePlan)
    }

    if let theirs = remoteLockfile?.lineage, let ours = localLockfile?.lineage, theirs != ours {
      throw failure(
        "--git-sync: the lockfile on \(remote)/\(branch) (lineage \(theirs)) is not this one's (lineage \(ours)): "
          + "they record different histories; find out which is right before applying", ExitStatus.stalePlan)
    }
    if dirty, let local, let committed = atHead.flatMap(decode), let mine = decode(local),
      mine.lineage != committed.lineage || mine.serial < committed.serial
    {
      throw failure(
        "--git-sync: \(lockfilePath) has uncommitted changes that do not continue the committed lockfile; "
          + "commit or restore it first", ExitStatus.stalePlan)
    }
    if head == tip {
      if dirty {
        console.error(
          console.errorStyle.apply("note:", .bold, .cyan)
            + " \(lockfilePath) has uncommitted changes from an earlier run; they are committed with this run's\n")
      }
      return head
    }
    guard git.isAncestor(head, of: tip) else {
      let ahead = git.isAncestor(tip, of: head)
      throw failure(
        ahead
          ? "--git-sync: '\(branch)' has commits that are not on \(remote); push or drop them first"
          : "--git-sync: '\(branch)' and \(remote)/\(branch) have diverged; bring the checkout up to date first",
        ExitStatus.stalePlan)
    }
    // Behind the remote: another run, or another merge, reached it first.
    if try gitFile(git, manifest, at: head) != gitFile(git, manifest, at: tip) {
      throw failure(
        "--git-sync: \(remote)/\(branch) has moved on to another manifest than this checkout's; this run is stale "
          + "and sends nothing (the run for the newer commit applies it)", ExitStatus.stalePlan)
    }
    let lockfileMoved = atHead != atTip
    if dirty, lockfileMoved {
      throw failure(
        "--git-sync: \(remote)/\(branch) has a newer lockfile, and \(lockfilePath) has uncommitted changes; "
          + "commit or restore them first", ExitStatus.stalePlan)
    }
    _ = try ask(["merge", "--ff-only", "--quiet", tip])
    if lockfileMoved {
      console.error(
        console.errorStyle.apply("note:", .bold, .cyan)
          + " took the newer lockfile from \(remote)/\(branch) (serial \(remoteLockfile?.serial ?? 0))\n")
    }
    return tip
  }

  private static func decode(_ bytes: [UInt8]) -> Lockfile? {
    LockfileFormat.decode(SourceText(path: "", bytes: bytes)).0
  }

  /// ``Git/file(_:at:)``, a failure to ask being one to stop for.
  private static func gitFile(_ git: Git, _ path: String, at commit: String) throws -> [UInt8]? {
    do {
      return try git.file(path, at: commit)
    } catch {
      throw failure("--git-sync: \(error)")
    }
  }

  // MARK: - After the run

  /// Commits the lockfile alone and pushes it; when the remote moved meanwhile, the commit is
  /// made again on its tip, with the lockfiles merged (§10.4) if the remote's changed too.
  /// Throws a ``CommandFailure`` when it still cannot push: the lockfile stays on disk.
  func publish(message: String) throws {
    var ours: [UInt8]
    do {
      ours = try AtomicFile.read(lockfilePath, maximumBytes: DecodingLimits.standard.maxFileBytes)
    } catch  where error.isNotFound {
      return  // nothing was recorded
    } catch {
      throw CommandFailure("--git-sync: could not read the lockfile to push it: \(error)")
    }
    guard Self.decode(ours) != nil else {
      throw CommandFailure("--git-sync: \(lockfilePath) cannot be read as a lockfile, so it was not pushed")
    }
    var parent = base
    guard ours != (try? git.file(path, at: parent)) else { return }
    let identity = git.identity()
    var lastFailure = ""
    for attempt in 0...Self.pushRetries {
      let commit: String
      do {
        commit = try git.commit(ours, at: path, onto: parent, message: message, identity: identity)
      } catch {
        throw CommandFailure("--git-sync: could not commit the lockfile: \(error)")
      }
      switch git.push(commit, to: remote, ref: "refs/heads/\(branch)") {
      case .pushed:
        console.error("Pushed the lockfile to \(remote)/\(branch) (\(commit.prefix(12))).\n")
        catchUp(to: commit)
        return
      case .rejected(let said), .failed(let said):
        lastFailure = said
      }
      guard attempt < Self.pushRetries else { break }
      // The remote moved: build on its new tip.
      let tracking = "refs/remotes/\(remote)/\(branch)"
      guard (try? git.run(["fetch", "--no-tags", "--quiet", remote, "+refs/heads/\(branch):\(tracking)"])) != nil,
        let tip = try? git.run(["rev-parse", tracking]).trimmingCharacters(in: .whitespacesAndNewlines)
      else {
        Thread.sleep(forTimeInterval: Double(attempt + 1))
        continue
      }
      let theirs: [UInt8]?
      let before: [UInt8]?
      do {
        (theirs, before) = (try git.file(path, at: tip), try git.file(path, at: parent))
      } catch {
        lastFailure = error.description
        Thread.sleep(forTimeInterval: Double(attempt + 1))
        continue
      }
      if let theirs, theirs != before {
        ours = try merged(base: before, ours: ours, theirs: theirs)
        do {
          try AtomicFile.write(ours, to: lockfilePath)
        } catch {
          throw CommandFailure("--git-sync: could not write the merged lockfile: \(error)")
        }
      }
      parent = tip
    }
    throw CommandFailure(
      "--git-sync: could not push the lockfile to \(remote)/\(branch) after \(Self.pushRetries + 1) attempts; "
        + "it is left in \(lockfilePath): commit and push it by hand. git said: \(Git.maskingCredentials(lastFailure))")
  }

  /// What the lockfile on disk records that the run's base commit did not: each new requestId and
  /// each new attempt of unknown outcome, a line each (for a commit message).
  func recordedSinceBase() -> String {
    guard let bytes = try? AtomicFile.read(lockfilePath, maximumBytes: DecodingLimits.standard.maxFileBytes),
      let now = Self.decode(bytes)
    else { return "" }
    let before = ((try? git.file(path, at: base)) ?? nil).flatMap(Self.decode) ?? .empty
    func requestIds(_ lockfile: Lockfile) -> [(String, String)] {
      (lockfile.packs.merging(lockfile.retired) { first, _ in first }).flatMap { id, record in
        ((record.release.map { [$0] } ?? []) + record.history).map { (id, $0.requestId) }
      }
    }
    let known = Set(requestIds(before).map(\.1))
    let released = requestIds(now).filter { !known.contains($0.1) }.sorted { $0.1 < $1.1 }
    let knownIntents = Set(before.pending.map(\.id))
    let attempts = now.pending.filter { !knownIntents.contains($0.id) }
    return
      (released.map { "\($0.0): \($0.1)\n" }
      + attempts.map { "\($0.packId): \($0.operation.rawValue) attempt \($0.id), outcome unknown\n" })
      .joined()
  }

  /// Three-way merge of the lockfile with the remote's (§10.4).
  private func merged(base: [UInt8]?, ours: [UInt8], theirs: [UInt8]) throws -> [UInt8] {
    func decode(_ bytes: [UInt8], _ side: String) throws -> Lockfile {
      guard let lockfile = LockfileFormat.decode(SourceText(path: "\(remote)/\(branch):\(path)", bytes: bytes)).0 else {
        throw CommandFailure("--git-sync: the lockfile on \(side) cannot be read, so it cannot be merged")
      }
      return lockfile
    }
    let baseLockfile = try base.map { try decode($0, "the common base") } ?? .empty
    switch LockfileMerge.merge(
      base: baseLockfile, ours: try decode(ours, "this run"), theirs: try decode(theirs, "\(remote)/\(branch)"))
    {
    case .success(let result):
      console.error(
        console.errorStyle.apply("note:", .bold, .cyan)
          + " merged the lockfile with the one another run pushed to \(remote)/\(branch)\n")
      return LockfileFormat.encode(result.lockfile)
    case .failure(let refusal):
      throw CommandFailure("--git-sync: the lockfile cannot be merged with \(remote)/\(branch)'s: \(refusal)")
    }
  }

  /// Brings the local branch to the pushed commit, so the next run starts from it. The working
  /// tree's lockfile already holds what was pushed; staging it lets the fast-forward through.
  private func catchUp(to commit: String) {
    guard (try? git.run(["add", "--", path])) != nil, (try? git.run(["merge", "--ff-only", "--quiet", commit])) != nil
    else {
      console.error(
        console.errorStyle.apply("note:", .bold, .cyan)
          + " the lockfile was pushed, but the local branch could not be brought up to \(commit.prefix(12)); "
          + "`git pull` before the next run\n")
      return
    }
  }

  /// Releases the remote lock.
  func release() async {
    await lock.release(console: console)
  }
}

extension Git {
  /// The bytes of `path` at `commit`; `nil` when the commit has no such file. Throws when git
  /// cannot say.
  func file(_ path: String, at commit: String) throws(Failure) -> [UInt8]? {
    let listed = try run(["ls-tree", "--name-only", commit, "--", path])
    guard !listed.isEmpty else { return nil }
    return Array(try run(["cat-file", "blob", "\(commit):\(path)"]).utf8)
  }

  /// Whether `ancestor` is `commit` or one of its ancestors.
  func isAncestor(_ ancestor: String, of commit: String) -> Bool {
    (try? succeeds(["merge-base", "--is-ancestor", ancestor, commit])) ?? false
  }

  /// Who commits: the user's git identity, or boomi-release's when none is configured (a fresh CI
  /// runner), as environment variables for `commit-tree`.
  func identity() -> [String: String] {
    if let email = try? run(["config", "user.email"]), !email.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
      (try? run(["config", "user.name"])) != nil
    {
      return [:]
    }
    return [
      "GIT_AUTHOR_NAME": "boomi-release", "GIT_AUTHOR_EMAIL": "boomi-release@localhost",
      "GIT_COMMITTER_NAME": "boomi-release", "GIT_COMMITTER_EMAIL": "boomi-release@localhost",
    ]
  }

  /// A commit on `parent` whose tree is `parent`'s with `path` holding `bytes`, made without
  /// touching the index or the working tree.
  func commit(
    _ bytes: [UInt8], at path: String, onto parent: String, message: String, identity: [String: String]
  ) throws(Failure) -> String {
    let index = FileManager.default.temporaryDirectory.appendingPathComponent(
      "boomi-release-\(UUID().uuidString).index"
    )
    .path
    defer { try? FileManager.default.removeItem(atPath: index) }
    let temporary = ["GIT_INDEX_FILE": index]
    try run(["read-tree", parent], environment: temporary)
    let blob = try run(["hash-object", "-w", "--stdin"], input: bytes).trimmingCharacters(in: .whitespacesAndNewlines)
    try run(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(path)"], environment: temporary)
    let tree = try run(["write-tree"], environment: temporary).trimmingCharacters(in: .whitespacesAndNewlines)
    return try run(["commit-tree", tree, "-p", parent, "-F", "-"], input: Array(message.utf8), environment: identity)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  enum PushResult {
    case pushed
    /// The remote refused the update (it moved, or the lease did not hold).
    case rejected(String)
    /// The push did not get through at all.
    case failed(String)
  }

  /// `git push` of `commit` to `ref`, guarded by `lease` (`"ref:"` for "absent", `"ref:sha"`).
  func push(_ commit: String?, to remote: String, ref: String, lease: String? = nil) -> PushResult {
    var arguments = ["push", "--porcelain", "--quiet"]
    if let lease { arguments.append("--force-with-lease=\(lease)") }
    arguments += [remote, "\(commit ?? ""):\(ref)"]
    do {
      try run(arguments)
      return .pushed
    } catch {
      // --porcelain marks a refused ref with "!" at the start of its line.
      let refused = error.output.split(separator: "\n").contains { $0.hasPrefix("!") }
      return refused ? .rejected(error.description) : .failed(error.description)
    }
  }
}

extension GitSync {
  /// Runs `body` inside `--git-sync` when it is asked for: the lock and the newest lockfile
  /// before, the commit and push after, whatever `body` did (it returns its value and the commit
  /// message), and the lock released on every path. `finish` then judges the value (the exit
  /// status), once the lockfile is pushed.
  static func around<Value>(
    _ options: GitSyncOptions, lockfilePath: String, manifestPath: String, console: Console,
    environment: [String: String], stop: StopSignal,
    _ body: () async throws -> (Value, message: String),
    finish: (Value) throws -> Void
  ) async throws {
    guard options.gitSync else {
      try finish(try await body().0)
      return
    }
    let sync = try await begin(
      options, lockfilePath: lockfilePath, manifestPath: manifestPath, console: console, environment: environment,
      stop: stop)
    sync.lock.startRenewing(stop: stop, console: console)
    let outcome: Result<(Value, message: String), any Error>
    do {
      outcome = .success(try await body())
    } catch {
      outcome = .failure(error)
    }
    let message: String
    switch outcome {
    case .success(let (_, text)): message = text
    case .failure: message = "boomi-release: the lockfile after a run that ended early\n\n" + sync.recordedSinceBase()
    }
    do {
      try sync.publish(message: message)
    } catch {
      await sync.release()
      // Every requestId of the run, once more: the lockfile did not reach the remote.
      console.error("The lockfile was not pushed. What this run recorded:\n" + message)
      throw error
    }
    await sync.release()
    try finish(try outcome.get().0)
  }
}
