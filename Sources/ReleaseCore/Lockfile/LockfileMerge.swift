/// The three-way merge of a lockfile (SPEC §10.4), run by git as a merge driver when two branches
/// both recorded releases: a pure judgement over BASE (the common ancestor; ``Lockfile/empty``
/// when there is none), OURS and THEIRS.
///
/// It never drops what either side recorded, and it gives the same result whichever side is
/// "ours" (`merge(base, a, b)` and `merge(base, b, a)` are the same lockfile). Merging a side with
/// itself gives it back, and merging the result again with either side changes nothing; only the
/// serial grows, past both sides'. The rules:
///
/// - **Identity.** Two lockfiles with different lineages, endpoints or accounts record different
///   things and are refused, naming both values. Where only one side has one, it is taken.
/// - **Releases.** Per pack, every release of both sides (current and history) is kept, one per
///   requestId. The same requestId on both sides is one release: the more settled status wins
///   (`SUCCESS` or `ERROR`, then `IN_PROGRESS`, then `SCHEDULED`, then none), with its
///   `statusMessage`; a `releaseStatusUrl` either side has is kept.
/// - **Current release.** The same on both sides, it stays. When one side's current release is in
///   the other side's history, the other side recorded a newer one: that is current. When one side
///   has none, the other's is current. Otherwise neither explains the other: the later `appliedAt`
///   is current (ties broken by requestId), the other goes to the history, and the pack is marked
///   `needsRefresh` for Boomi to settle (``PackRecord/needsRefresh``). A mark either side has stays.
/// - **History.** Every other release, oldest first: each side's own order is kept (it is the
///   order the releases were recorded in), and releases are otherwise ordered by `appliedAt`, then
///   requestId, so that sides whose clocks agree give a history sorted by time.
/// - **Managed or retired.** A pack managed on one side and retired on the other is managed when
///   the managed side holds a release the retiring side does not know (it was released again
///   after, or regardless of, the retirement; the next run of a manifest without it retires it
///   again), and retired otherwise. Its releases are kept either way, and it is in one place only.
/// - **Intents.** Intents are kept, one per id (a `failure` either side noted is kept). An intent
///   BASE had and one side no longer has was settled by that side, and is dropped only when that
///   side's lockfile shows it was: a release of the intent's pack that BASE does not have, which is
///   either the one `recover` adopts for it (`unrecorded:<intent id>`) or one with the content the
///   attempt sent (apply's answer, or `import` of that release). A decision that it was not sent
///   leaves no trace, so the intent is kept (``Merged/reinstatedIntents``): `recover` settles it
///   again, which is safe, where dropping it might lose a release. An intent both sides removed is
///   gone; an intent new on either side is kept.
/// - **Applied plans.** The union, in an order consistent with both sides' own (most recent last):
///   BASE's order first, then the others by the time of the first release or intent that came of
///   each plan, then plan id.
public enum LockfileMerge {
  /// A merged lockfile, with what the merge had to leave for someone else to settle.
  public struct Merged: Sendable, Equatable {
    public var lockfile: Lockfile
    /// The packs this merge marked `needsRefresh`, sorted by id: both sides recorded a different
    /// current release and neither side's history explains the other's.
    public var markedForRefresh: [String]
    /// Intents BASE had that one side removed without a trace of how it settled them: kept, for
    /// `recover` to settle again.
    public var reinstatedIntents: [Intent]

    public init(lockfile: Lockfile, markedForRefresh: [String] = [], reinstatedIntents: [Intent] = []) {
      self.lockfile = lockfile
      self.markedForRefresh = markedForRefresh
      self.reinstatedIntents = reinstatedIntents
    }
  }

  /// Why two lockfiles cannot be merged into one.
  public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    case differentLineage(ours: String, theirs: String)
    case differentEndpoint(ours: String, theirs: String)
    case differentAccount(ours: String, theirs: String)
    /// The serial cannot exceed both sides' without passing ``Lockfile/maximumSerial``.
    case serialExhausted(Int)

    public var description: String {
      switch self {
      case .differentLineage(let ours, let theirs):
        "the two lockfiles are not versions of one lockfile: ours has lineage '\(ours)', theirs '\(theirs)'; "
          + "keep one and record the other's releases into it with `boomi-release import`"
      case .differentEndpoint(let ours, let theirs):
        "the two lockfiles record releases made against different endpoints: ours '\(ours)', theirs '\(theirs)'"
      case .differentAccount(let ours, let theirs):
        "the two lockfiles record releases made in different accounts: ours '\(ours)', theirs '\(theirs)'"
      case .serialExhausted(let serial):
        "the serial \(serial) cannot be increased past \(Lockfile.maximumSerial), the largest a lockfile holds"
      }
    }
  }

  /// Merges `ours` and `theirs`, two versions of one lockfile descended from `base`.
  public static func merge(base: Lockfile, ours: Lockfile, theirs: Lockfile) -> Result<Merged, Refusal> {
    let lineage: String?
    let endpoint: String?
    let account: String?
    do throws(Refusal) {
      lineage = try agreed(ours.lineage, theirs.lineage, Refusal.differentLineage)
      endpoint = try agreed(ours.endpoint, theirs.endpoint, Refusal.differentEndpoint)
      account = try agreed(ours.account, theirs.account, Refusal.differentAccount)
    } catch {
      return .failure(error)
    }
    let highest = max(ours.serial, theirs.serial)
    guard highest < Lockfile.maximumSerial else { return .failure(.serialExhausted(highest)) }

    var merged = Lockfile(lineage: lineage, serial: highest + 1, account: account, endpoint: endpoint)
    var marked: [String] = []
    let packIds = Set(ours.packs.keys).union(ours.retired.keys).union(theirs.packs.keys).union(theirs.retired.keys)
    for id in packIds.sorted() {
      guard let (record, managed, conflicting) = mergePack(ours: PackSide(ours, id), theirs: PackSide(theirs, id))
      else { continue }
      if managed { merged.packs[id] = record } else { merged.retired[id] = record }
      if conflicting { marked.append(id) }
    }
    let (pending, reinstated) = mergeIntents(base: base, ours: ours, theirs: theirs)
    merged.pending = pending
    merged.appliedPlans = mergeAppliedPlans(base: base, ours: ours, theirs: theirs, merged: merged)
    return .success(Merged(lockfile: merged, markedForRefresh: marked, reinstatedIntents: reinstated))
  }

  /// The value both sides agree on, or the one side's that has one.
  private static func agreed(
    _ ours: String?, _ theirs: String?, _ refusal: (String, String) -> Refusal
  ) throws(Refusal) -> String? {
    if let ours, let theirs, ours != theirs { throw refusal(ours, theirs) }
    return ours ?? theirs
  }
}
