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
  public var calls: [ReleaseCall]
  /// Why each call is made, in words, by pack id: written for people who read the file, never
  /// acted on.
  public var reasons: [String: String]
  /// Packs to move to `retired`.
  public var retire: [String]

  public init(
    planId: String, createdAt: String, account: String?, today: CalendarDate, timeZone: String,
    manifestPath: String, manifestSHA256: String, lockfilePath: String, lockfileLineage: String?,
    lockfileSerial: Int, calls: [ReleaseCall], reasons: [String: String] = [:], retire: [String]
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
    self.calls = calls
    self.reasons = reasons
    self.retire = retire
  }

  /// The saved form of `plan`, made from these exact manifest bytes and lockfile.
  public init(
    plan: Plan, planId: String, createdAt: Date, account: String?, manifestPath: String, manifestBytes: [UInt8],
    lockfilePath: String, lockfile: Lockfile
  ) {
    var reasons: [String: String] = [:]
    for change in plan.changes where change.action != .noop { reasons[change.packId] = change.reason.description }
    self.init(
      planId: planId, createdAt: Timestamp.rfc3339(createdAt), account: account, today: plan.today,
      timeZone: plan.timeZone, manifestPath: manifestPath, manifestSHA256: Digest.sha256(manifestBytes),
      lockfilePath: lockfilePath, lockfileLineage: lockfile.lineage, lockfileSerial: lockfile.serial,
      calls: plan.calls, reasons: reasons, retire: plan.unmanaged.map(\.packId))
  }
}
