import Crypto
import Foundation

/// A plan written by `plan --out`, for `apply PLANFILE` to execute exactly, later.
///
/// It pins what it was made from (the manifest's SHA-256, the lockfile's lineage and serial) so
/// that `apply` can refuse it once either has changed, and it carries a unique id that `apply`
/// records so that the same plan is never applied twice.
public struct SavedPlan: Sendable, Equatable {
  public static let formatVersion = 1

  public var planId: String
  public var createdAt: String
  public var account: String?
  public var today: CalendarDate
  public var timeZone: String
  public var manifestPath: String
  public var manifestSHA256: String
  public var lockfilePath: String
  public var lockfileLineage: String?
  public var lockfileSerial: Int
  /// The calls to make, sorted by pack id.
  public var changes: [PlannedChange]
  /// Packs to move to `retired`.
  public var retire: [String]

  public init(
    planId: String, createdAt: String, account: String?, today: CalendarDate, timeZone: String,
    manifestPath: String, manifestSHA256: String, lockfilePath: String, lockfileLineage: String?,
    lockfileSerial: Int, changes: [PlannedChange], retire: [String]
  ) {
    self.planId = planId
    self.createdAt = createdAt
    self.account = account
    self.today = today
    self.timeZone = timeZone
    self.manifestPath = manifestPath
    self.manifestSHA256 = manifestSHA256
    self.lockfilePath = lockfilePath
    self.lockfileLineage = lockfileLineage
    self.lockfileSerial = lockfileSerial
    self.changes = changes
    self.retire = retire
  }

  /// The saved form of `plan`, made from these exact manifest bytes and lockfile.
  public init(
    plan: Plan, planId: String, createdAt: Date, account: String?, manifestPath: String, manifestBytes: [UInt8],
    lockfilePath: String, lockfile: Lockfile
  ) {
    self.init(
      planId: planId, createdAt: Timestamp.rfc3339(createdAt), account: account, today: plan.today,
      timeZone: plan.timeZone, manifestPath: manifestPath, manifestSHA256: Self.sha256(manifestBytes),
      lockfilePath: lockfilePath, lockfileLineage: lockfile.lineage, lockfileSerial: lockfile.serial,
      changes: Self.calls(in: plan), retire: plan.unmanaged.map(\.packId))
  }

  /// The calls `plan` makes: its changes that are not no-ops.
  public static func calls(in plan: Plan) -> [PlannedChange] {
    plan.changes.compactMap { change in
      change.operation.map {
        PlannedChange(
          packId: change.packId, name: change.name, operation: $0, content: change.after,
          previousRequestId: change.before?.requestId, reason: change.reason)
      }
    }
  }

  public static func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}

/// One call a saved plan makes.
public struct PlannedChange: Sendable, Equatable {
  public var packId: String
  public var name: String?
  public var operation: ReleaseOperation
  public var content: ReleaseContent
  /// The recorded release this replaces or modifies, if any.
  public var previousRequestId: String?
  public var reason: String

  public var label: String { name ?? packId }

  /// Whether `other` makes the same call: the same pack, operation, release and predecessor
  /// (the reason, for people only, aside).
  public func makesTheSameCall(as other: PlannedChange) -> Bool {
    packId == other.packId && name == other.name && operation == other.operation && content == other.content
      && previousRequestId == other.previousRequestId
  }

  public init(
    packId: String, name: String?, operation: ReleaseOperation, content: ReleaseContent,
    previousRequestId: String?, reason: String
  ) {
    self.packId = packId
    self.name = name
    self.operation = operation
    self.content = content
    self.previousRequestId = previousRequestId
    self.reason = reason
  }
}
