import Foundation
import ReleaseCore

/// The control endpoints' side of the store: reset, the clock, the state dump, runtime fault
/// settings, and forcing a release to `ERROR`.
extension EmulatorStore {
  /// Back to the start: the configured catalog, date, faults, rate limit and seed; no releases,
  /// no request log, no query tokens.
  func reset() {
    catalog = CatalogIndex(configuration.catalog)
    todayOverride = configuration.today
    currentVersions = catalog.initialCurrentVersions
    releases = []
    releaseByRequestId = [:]
    requestLog = []
    requestLogOverflow = 0
    queryCursors = [:]
    buckets = [:]
    faults = configuration.faults
    rateLimit = configuration.rateLimit
    releaseDelay = configuration.releaseDelay
    (faultRandom, idRandom) = Self.generators(seed: configuration.seed)
    needsSnapshot = true
    persistIfNeeded()
  }

  /// Fixes the emulator's date; scheduled releases dated on or before it go out.
  func setToday(_ date: CalendarDate) -> StateDump {
    todayOverride = date
    todayChanged = true
    return dump()
  }

  /// Everything the emulator holds, for tests and people.
  func dump() -> StateDump {
    settle()
    defer { persistIfNeeded() }
    var pending: [String: [String: String]] = [:]
    for release in releases where release.status == .scheduled || release.status == .inProgress {
      for component in release.components {
        pending[release.packId, default: [:]][component.componentId] = component.version
      }
    }
    return StateDump(
      account: account, today: today.description, todayFixed: todayOverride != nil, settings: settings,
      packs: catalog.catalog.packs.map { pack in
        StateDump.Pack(
          id: pack.id, name: pack.name, installationType: pack.installationType,
          components: pack.components.map { component in
            StateDump.Component(
              componentId: component.componentId, componentName: component.componentName,
              currentVersion: currentVersions[pack.id]?[component.componentId] ?? "",
              pendingVersion: pending[pack.id]?[component.componentId] ?? "",
              latestVersion: catalog.latestReleasableVersion(of: component.componentId) ?? "",
              versions: component.versions.map(\.packageVersion))
          })
      },
      releases: releases.map { release in
        StateDump.Release(
          requestIds: release.requestIds, operations: release.operations, packId: release.packId,
          releaseSchedule: release.schedule.rawValue, releaseOnDate: release.releaseOnDate,
          components: release.components, status: release.status.rawValue, supersededBy: release.supersededBy,
          releasedOn: release.releasedOn, errorMessage: release.errorMessage)
      },
      requestsLogged: requestLog.count, requestsForgotten: requestLogOverflow)
  }

  /// The settings the control endpoint can change.
  var settings: RuntimeSettings {
    RuntimeSettings(
      fail503: faults.fail503, dropAfterCommit: faults.dropAfterCommit, timeout: faults.timeout,
      latencyMs: faults.latencyMilliseconds, timeoutHoldMs: faults.timeoutHoldMilliseconds, rateLimit: rateLimit,
      releaseDelayMs: Int(Self.seconds(releaseDelay) * 1000), seed: nil)
  }

  /// Changes the settings named in `patch`; the rest stay. Nothing changes if any value is bad.
  func updateSettings(_ patch: RuntimeSettings) -> Result<RuntimeSettings, BoomiFailure> {
    var next = faults
    if let value = patch.fail503 { next.fail503 = value }
    if let value = patch.dropAfterCommit { next.dropAfterCommit = value }
    if let value = patch.timeout { next.timeout = value }
    if let value = patch.latencyMs { next.latencyMilliseconds = value }
    if let value = patch.timeoutHoldMs { next.timeoutHoldMilliseconds = value }
    if let problem = next.problem { return .failure(.badRequest(problem)) }
    if let value = patch.rateLimit, !(value >= 0 && value.isFinite) {
      return .failure(.badRequest("rateLimit must be 0 (off) or a positive number of requests per second"))
    }
    if let value = patch.releaseDelayMs, value < 0 {
      return .failure(.badRequest("releaseDelayMs must not be negative"))
    }
    faults = next
    if let value = patch.rateLimit {
      rateLimit = value
      buckets = [:]
    }
    if let value = patch.releaseDelayMs { releaseDelay = .milliseconds(value) }
    if let seed = patch.seed { (faultRandom, idRandom) = Self.generators(seed: seed) }
    return .success(settings)
  }

  /// Forces a release that has not gone out to `ERROR`, as Boomi reports a failed release.
  func failRelease(_ requestId: String, message: String?) -> Result<StateDump, BoomiFailure> {
    settle()
    guard let index = releaseByRequestId[requestId], releases.indices.contains(index) else {
      return .failure(BoomiFailure(status: 404, message: "no release has requestId \(requestId)"))
    }
    guard releases[index].status != .success else {
      return .failure(.badRequest("release \(requestId) has already gone out (SUCCESS)"))
    }
    releases[index].status = .error
    releases[index].dueAt = nil
    releases[index].errorMessage = message ?? "failed through /__emulator/fail-release"
    releases[index].updatedAt = clock.now()
    changedReleases.insert(index)
    return .success(dump())
  }
}

/// The settings `POST /__emulator/faults` changes; every field optional in a request, every
/// field present in the answer (but `seed`, which is only ever set).
struct RuntimeSettings: Codable, Sendable {
  var fail503: Double?
  var dropAfterCommit: Double?
  var timeout: Double?
  var latencyMs: Int?
  var timeoutHoldMs: Int?
  var rateLimit: Double?
  var releaseDelayMs: Int?
  var seed: UInt64?
}

/// `GET /__emulator/state`.
struct StateDump: Encodable, Sendable {
  var account: String
  var today: String
  var todayFixed: Bool
  var settings: RuntimeSettings
  var packs: [Pack]
  var releases: [Release]
  var requestsLogged: Int
  var requestsForgotten: Int

  /// A pack with each component's versions as PublisherIntegrationPack reports them.
  struct Pack: Encodable, Sendable {
    var id: String
    var name: String
    var installationType: String
    var components: [Component]
  }

  /// A component's current, pending and latest versions, and every packaged version.
  struct Component: Encodable, Sendable {
    var componentId: String
    var componentName: String
    var currentVersion: String
    var pendingVersion: String
    var latestVersion: String
    var versions: [String]
  }

  /// A release with all of its requestIds.
  struct Release: Encodable, Sendable {
    var requestIds: [String]
    var operations: [String]
    var packId: String
    var releaseSchedule: String
    var releaseOnDate: String?
    var components: [ReleaseRecord.Component]
    var status: String
    var supersededBy: String?
    var releasedOn: String?
    var errorMessage: String?
  }
}
