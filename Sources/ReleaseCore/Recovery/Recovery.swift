import Foundation

/// Settles attempts whose outcome is unknown (SPEC §6.4): a pure judgement over what Boomi shows,
/// which the engine gathers.
///
/// The evidence is the pack's state in Boomi. Only `currentVersion` proves a release went through
/// (an immediate one); `pendingVersion` is set by a scheduled release but also by a version that
/// was only packaged (SPEC §10.2), so matching pending versions prove nothing; and a scheduled
/// attempt did not go through only when, once it is older than the settle time, its components
/// show no pending version at all (an immediate one: neither current nor pending). An UPDATE is also
/// proven by the status of the release it modified. When the state is already explained by the
/// release recorded before the attempt, or only some components match, nothing can be concluded
/// and the intent stays, for an explicit `--assume-sent` / `--assume-not-sent`, or `import` with
/// the requestId if it is known.
public enum Recovery {
  public enum Verdict: Sendable, Equatable {
    case sent(String)
    case notSent(String)
    case undetermined(String)
  }

  /// What Boomi shows that bears on one attempt.
  public struct Facts: Sendable, Equatable {
    /// The pack now; `nil` when Boomi has no such pack.
    public var pack: PackState?
    /// The release recorded before the attempt, as Boomi's status for its requestId shows it now
    /// (an UPDATE changes that release, so its status shows the UPDATE, even one that moved only
    /// the date); `nil` when it was not read.
    public var previousAsShown: ReleaseContent?

    public init(pack: PackState?, previousAsShown: ReleaseContent? = nil) {
      self.pack = pack
      self.previousAsShown = previousAsShown
    }
  }

  /// The verdict on one intent. `age` is how long ago the attempt was made; an absence of its
  /// versions is trusted only once it is older than `settle`, since a release may take a while
  /// to show.
  public static func judge(
    _ intent: Intent, facts: Facts, previous: RecordedRelease?, age: Duration, settle: Duration
  ) -> Verdict {
    guard let pack = facts.pack else {
      return .notSent("Boomi has no pack \(intent.packId), so no release of it can exist")
    }
    if let previous, let shown = facts.previousAsShown, previous.content != intent.content, shown == intent.content {
      return .sent("the status of \(previous.requestId) in Boomi now shows the release this attempt sent")
    }
    let scheduled = intent.content.schedule != .immediately
    // What a release that went through would show: a scheduled one, the pending versions; an
    // immediate one, the current versions once released (pending until then).
    let matches = intent.content.components.map { wanted -> Bool in
      guard let component = pack.components[wanted.componentId] else { return false }
      return component.pending == wanted.version || (!scheduled && component.current == wanted.version)
    }
    let current = intent.content.components.allSatisfy { pack.components[$0.componentId]?.current == $0.version }
    let field = scheduled ? "pending" : "current"
    if matches.allSatisfy({ $0 }) {
      if let previous, explains(previous, intent: intent) {
        return .undetermined(
          "the pack's \(field) versions match this attempt, but also the release recorded before it (\(previous.requestId))"
        )
      }
      // Only currentVersion proves a release: pendingVersion is "the version included in the next
      // release", which a newly packaged version sets too (SPEC §10.2).
      guard !scheduled, current else {
        return .undetermined(
          "the pack's pending versions are this attempt's, but a version that was only packaged shows as pending too, "
            + "so Boomi's pack cannot prove the release exists; `import` it if you know its requestId, or decide "
            + "with --assume-sent / --assume-not-sent")
      }
      return .sent("the pack's current versions in Boomi are the ones this attempt sent")
    }
    if matches.contains(true) {
      return .undetermined("only some of the pack's \(field) versions match this attempt")
    }
    guard age >= settle else {
      return .undetermined(
        "none of the pack's versions match yet, but the attempt is recent; a release can take a while to show")
    }
    // A version packaged since can take the pending slot of a scheduled release that went
    // through: only an empty pending slot (or the current version in it) shows there is none.
    if scheduled,
      intent.content.components.contains(where: { wanted in
        guard let component = pack.components[wanted.componentId], let pending = component.pending else { return false }
        return !pending.isEmpty && pending != component.current
      })
    {
      return .undetermined(
        "the pack's pending versions are not this attempt's, but a version packaged since would show there instead")
    }
    return .notSent("none of the pack's \(field) versions in Boomi are the ones this attempt sent")
  }

  /// Whether the previous release already accounts for the versions the attempt would leave.
  static func explains(_ previous: RecordedRelease, intent: Intent) -> Bool {
    let before = Dictionary(
      previous.content.components.map { ($0.componentId, $0.version) }, uniquingKeysWith: { first, _ in first })
    let sameVersions = intent.content.components.allSatisfy { before[$0.componentId] == $0.version }
    let bothScheduled = previous.content.schedule != .immediately && intent.content.schedule != .immediately
    let bothImmediate = previous.content.schedule == .immediately && intent.content.schedule == .immediately
    return sameVersions && (bothScheduled || bothImmediate || previous.status == .success)
  }

  /// The release recorded for an attempt that went through but whose requestId never arrived.
  /// The attempts to settle: those of the packs `packs` names (`--pack`, by id or name), or all
  /// of them. Throws when a name matches no pack with a pending attempt.
  public static func attempts(
    in lockfile: Lockfile, manifest: Manifest, packs: [String]
  ) throws(PackSelection.UnknownPack) -> [Intent] {
    guard !packs.isEmpty else { return lockfile.pending }
    let candidates = Set(lockfile.pending.map(\.packId)).map { id in
      (id: id, name: manifest.packs.first { $0.id == id }?.name ?? lockfile.record(for: id)?.name)
    }
    let ids = try PackSelection(targets: packs).resolve(
      candidates, targetOption: "--pack", among: "among the packs with pending attempts")
    return lockfile.pending.filter { ids.contains($0.packId) }
  }

  public static func recoveredRelease(for intent: Intent, at time: Date, reason: String) -> RecordedRelease {
    RecordedRelease(
      operation: intent.operation, content: intent.content,
      requestId: RecordedRelease.unrecordedPrefix + intent.id,
      statusMessage: "recorded by recover: \(reason); Boomi's requestId was never received",
      appliedAt: Timestamp.rfc3339(time), planId: intent.planId)
  }
}
