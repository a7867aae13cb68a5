import BoomiAPI
import Foundation
import ReleaseCore

/// Settles attempts whose outcome is unknown (SPEC §6.4).
///
/// The evidence is the pack's state in Boomi: after a scheduled release went through, the
/// pack's `pendingVersion`s are the intended versions; after an immediate one, its
/// `currentVersion`s (or, while it is still being released, its `pendingVersion`s). When the
/// state is already explained by the release recorded before the attempt, or only some
/// components match, nothing can be concluded and the intent stays, for an explicit
/// `--assume-sent` / `--assume-not-sent`, or `import` with the requestId if it is known.
public enum Recovery {
  public enum Verdict: Sendable, Equatable {
    case sent(String)
    case notSent(String)
    case undetermined(String)
  }

  /// The verdict on one intent, from the pack as Boomi shows it now and the status of the
  /// release recorded before the attempt (an UPDATE changes that release, so its status shows
  /// the UPDATE, even one that moved only the date).
  ///
  /// `age` is how long ago the attempt was made; an absence of its versions is trusted only
  /// once it is older than `settle`, since a release may take a while to show.
  public static func judge(
    _ intent: Intent, pack: PublisherIntegrationPack?, previous: RecordedRelease?,
    previousStatus: ReleaseIntegrationPackStatus? = nil, age: Duration, settle: Duration
  ) -> Verdict {
    guard let pack else {
      return .notSent("Boomi has no pack \(intent.packId), so no release of it can exist")
    }
    if let previous, let previousStatus, previous.content != intent.content,
      let shown = try? ReleaseImport.release(
        from: previousStatus, requestId: previous.requestId, packId: intent.packId, at: Date(timeIntervalSince1970: 0)),
      shown.content == intent.content
    {
      return .sent("the status of \(previous.requestId) in Boomi now shows the release this attempt sent")
    }
    var byId: [String: PublisherPackagedComponent] = [:]
    for component in pack.components { byId[component.componentId.lowercased()] = component }
    let scheduled = intent.content.schedule != .immediately
    let matches = intent.content.components.map { wanted -> Bool in
      guard let component = byId[wanted.componentId] else { return false }
      return scheduled
        ? component.pendingVersion == wanted.version
        : component.currentVersion == wanted.version || component.pendingVersion == wanted.version
    }
    let field = scheduled ? "pending" : "current"
    if matches.allSatisfy({ $0 }) {
      if let previous, explains(previous, intent: intent) {
        return .undetermined(
          "the pack's \(field) versions match this attempt, but also the release recorded before it (\(previous.requestId))"
        )
      }
      return .sent("the pack's \(field) versions in Boomi are the ones this attempt sent")
    }
    if matches.contains(true) {
      return .undetermined("only some of the pack's \(field) versions match this attempt")
    }
    guard age >= settle else {
      return .undetermined(
        "none of the pack's versions match yet, but the attempt is recent; a release can take a while to show")
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
  public static func recoveredRelease(for intent: Intent, at time: Date, reason: String) -> RecordedRelease {
    RecordedRelease(
      operation: intent.operation, content: intent.content,
      requestId: RecordedRelease.unrecordedPrefix + intent.id,
      statusMessage: "recorded by recover: \(reason); Boomi's requestId was never received",
      appliedAt: Timestamp.rfc3339(time), planId: intent.planId)
  }
}

/// Adopts a release made elsewhere (or whose answer was lost) into the lockfile, by its
/// requestId, after reading its status from Boomi.
public enum ReleaseImport {
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongPack(requestId: String, belongsTo: String)
    case unreadable(requestId: String, reason: String)

    public var description: String {
      switch self {
      case .wrongPack(let requestId, let owner): "\(requestId) is a release of pack \(owner), not of this pack"
      case .unreadable(let requestId, let reason): "the release \(requestId) could not be read: \(reason)"
      }
    }
  }

  /// The release as Boomi describes it.
  public static func release(
    from status: ReleaseIntegrationPackStatus, requestId: String, packId: String, at time: Date
  ) throws(Failure) -> RecordedRelease {
    if let owner = status.integrationPackId, owner.lowercased() != packId {
      throw .wrongPack(requestId: requestId, belongsTo: owner)
    }
    let date = status.releaseOnDate.flatMap { text -> CalendarDate? in
      if case .success(let date) = CalendarDate.parse(text) { date } else { nil }
    }
    let kind = status.releaseSchedule.flatMap(ReleaseSchedule.Kind.init(rawValue:)) ?? .immediately
    // Boomi's example pairs IMMEDIATELY with a releaseOnDate: the date only counts when scheduled.
    guard let schedule = ReleaseSchedule(kind: kind, date: kind == .immediately ? nil : date) else {
      throw .unreadable(requestId: requestId, reason: "a scheduled release without a valid releaseOnDate")
    }
    let components = status.components.compactMap { component -> PinnedComponent? in
      guard let version = component.version ?? component.releasedVersion else { return nil }
      return PinnedComponent(componentId: component.componentId.lowercased(), version: version)
    }
    return RecordedRelease(
      operation: .create, content: ReleaseContent(schedule: schedule, components: components), requestId: requestId,
      status: status.releaseStatus.flatMap(ReleaseStatus.init(rawValue:)),
      statusMessage: "imported", appliedAt: Timestamp.rfc3339(time))
  }
}
