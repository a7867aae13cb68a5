/// Why the planner decided what it did for a pack: one case per row of SPEC §5.1's table. It is
/// for people only (nothing acts on it): each view words it, and JSON also carries its stable
/// ``code``, which scripts may match on.
public enum ChangeReason: Sendable, Equatable {
  /// No release of the pack is recorded: create one.
  case noRecordedRelease
  /// The recorded release failed (Boomi's status `ERROR`): create it again.
  case recordedReleaseFailed(requestId: String, message: String?)
  /// The recorded release is the one the manifest asks for: nothing to do.
  case matchesRecordedRelease(requestId: String)
  /// The recorded release is scheduled after today and has not gone out: modify it (UPDATE).
  case modifiesPendingRelease(date: CalendarDate, toImmediately: Bool)
  /// The recorded release has gone out: a new one (CREATE).
  case recordedReleaseWentOut(requestId: String, schedule: ReleaseSchedule)

  /// The stable codes: part of the product's contract, like the diagnostic codes. Never renamed.
  public enum Code: String, Sendable, CaseIterable {
    case noRecordedRelease = "no-recorded-release"
    case recordedReleaseFailed = "recorded-release-failed"
    case matchesRecordedRelease = "matches-recorded-release"
    case modifiesPendingRelease = "modifies-pending-release"
    case recordedReleaseWentOut = "recorded-release-went-out"
  }

  public var code: Code {
    switch self {
    case .noRecordedRelease: .noRecordedRelease
    case .recordedReleaseFailed: .recordedReleaseFailed
    case .matchesRecordedRelease: .matchesRecordedRelease
    case .modifiesPendingRelease: .modifiesPendingRelease
    case .recordedReleaseWentOut: .recordedReleaseWentOut
    }
  }
}

extension ChangeReason: CustomStringConvertible {
  /// The reason in words, as the text, Markdown and JSON views show it.
  public var description: String {
    switch self {
    case .noRecordedRelease:
      "no release of this pack is recorded"
    case .recordedReleaseFailed(let requestId, let message):
      "the last release (\(requestId)) failed\(message.map { ": \($0)" } ?? ""); releasing again"
    case .matchesRecordedRelease(let requestId):
      "matches the recorded release \(requestId)"
    case .modifiesPendingRelease(let date, let toImmediately):
      "modifies the release scheduled for \(date)\(toImmediately ? " to go out immediately" : "")"
    case .recordedReleaseWentOut(let requestId, .immediately):
      "a new release: the recorded immediate release (\(requestId)) has gone out"
    case .recordedReleaseWentOut(let requestId, .onDate(let date)):
      "a new release: the release of \(date) (\(requestId)) has gone out"
    }
  }
}
