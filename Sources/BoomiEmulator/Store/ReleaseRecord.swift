import Foundation

/// One release of a pack as the emulator tracks it: what was asked, by which requests, and how
/// far it has got. An UPDATE changes the record in place and adds a requestId to it, so every
/// requestId the release was given keeps answering with its current state.
struct ReleaseRecord: Codable, Sendable {
  /// Every requestId issued for this release, oldest (the CREATE's) first.
  var requestIds: [String]
  /// The operation of each requestId, in the same order.
  var operations: [String]
  var packId: String
  var schedule: Schedule
  var releaseOnDate: String?
  var components: [Component]
  var status: Status
  /// When the release was created and last changed (emulator clock).
  var createdAt: Date
  var updatedAt: Date
  /// While `IN_PROGRESS`: when it becomes `SUCCESS`.
  var dueAt: Date?
  /// Once `SUCCESS`: when, and the emulator's date then.
  var releasedAt: Date?
  var releasedOn: String?
  /// The immediate release whose CREATE sent this pending scheduled release out early.
  var supersededBy: String?
  /// Why the release is `ERROR` (set through the control endpoint).
  var errorMessage: String?

  /// Boomi's `releaseSchedule` values.
  enum Schedule: String, Codable, Sendable {
    case immediately = "IMMEDIATELY"
    case onSpecifiedDate = "RELEASE_ON_SPECIFIED_DATE"
  }

  /// Boomi's `releaseStatus` values.
  enum Status: String, Codable, Sendable {
    case inProgress = "IN_PROGRESS"
    case scheduled = "SCHEDULED"
    case success = "SUCCESS"
    case error = "ERROR"

    /// Whether the status GET answers 200 (finished) rather than 202.
    var isFinished: Bool { self == .success || self == .error }
  }

  /// A component of the release and, once released, the version that went out.
  struct Component: Codable, Sendable, Hashable {
    var componentId: String
    var version: String
    var releasedVersion: String?
  }
}
