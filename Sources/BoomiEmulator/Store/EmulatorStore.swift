import Foundation
import Logging
import ReleaseCore

/// The emulator's state and rules: the catalog, every release, the clock, the request log, the
/// rate limit and the fault dice. An actor, so concurrent requests see one consistent state.
///
/// Time-based transitions (an immediate release finishing, a scheduled one reaching its date)
/// are not timers: every operation first calls ``settle()``, which applies whatever the clock
/// says has happened. So a test that moves a ``ManualClock`` or the emulator's date sees the
/// effect on its very next request, and nothing runs in the background.
actor EmulatorStore {
  let account: String
  let configuration: EmulatorConfiguration
  let clock: EmulatorClock
  let stateFile: StateFile?
  let logger: Logger

  var releaseDelay: Duration
  var rateLimit: Double
  var faults: FaultSettings

  var catalog: CatalogIndex
  var todayOverride: CalendarDate?
  var currentVersions: [String: [String: String]]
  var releases: [ReleaseRecord]
  var releaseByRequestId: [String: Int]

  var requestLog: [RequestLogEntry] = []
  var nextSequence = 1
  var requestLogOverflow = 0
  var queryCursors: [String: QueryCursor] = [:]
  var nextTokenSerial = 0
  var buckets: [String: TokenBucket] = [:]
  var faultRandom: SeededGenerator
  var idRandom: SeededGenerator
  /// What changed since the state file was last written.
  var changedReleases: Set<Int> = []
  var changedPacks: Set<String> = []
  var todayChanged = false
  /// Set when the state file must be rewritten whole (start, reset).
  var needsSnapshot = false

  /// Most request-log entries kept; older ones are dropped (and counted).
  static let requestLogCapacity = 10_000
  /// Longest request body kept in the request log, in bytes.
  static let loggedBodyLimit = 16 << 10

  /// Why the emulator cannot start with its configuration.
  struct StartProblem: Error, CustomStringConvertible {
    var description: String
    /// The state file is held by another emulator.
    var stateFileInUse = false
  }

  init(configuration: EmulatorConfiguration, logger: Logger) throws(StartProblem) {
    if let problem = configuration.faults.problem { throw StartProblem(description: problem) }
    guard configuration.rateLimit >= 0, configuration.rateLimit.isFinite else {
      throw StartProblem(description: "the rate limit must be 0 (off) or a positive number of requests per second")
    }
    self.account = configuration.account
    self.configuration = configuration
    self.clock = configuration.clock
    self.logger = logger
    self.releaseDelay = configuration.releaseDelay
    self.rateLimit = configuration.rateLimit
    self.faults = configuration.faults
    (self.faultRandom, self.idRandom) = Self.generators(seed: configuration.seed)
    let stateFile: StateFile?
    do {
      stateFile = try configuration.stateFile.map { path throws(StateFile.Problem) in try StateFile(path: path) }
    } catch {
      throw StartProblem(description: error.description, stateFileInUse: error.inUse)
    }
    self.stateFile = stateFile
    var today = configuration.today
    var currentVersions: [String: [String: String]]? = nil
    var releases: [ReleaseRecord] = []
    do {
      if let saved = try stateFile?.load() {
        guard saved.account == configuration.account else {
          throw StartProblem(
            description:
              "\(configuration.stateFile ?? ""): the state file belongs to account \(saved.account), not \(configuration.account)"
          )
        }
        if today == nil, let text = saved.today, case .success(let date) = CalendarDate.parse(text) { today = date }
        currentVersions = saved.currentVersions
        releases = saved.releases
      }
    } catch let problem as StateFile.Problem {
      throw StartProblem(description: problem.description)
    } catch let problem as StartProblem {
      throw problem
    } catch {
      throw StartProblem(description: "\(error)")
    }
    let index = CatalogIndex(configuration.catalog)
    self.catalog = index
    self.todayOverride = today
    self.currentVersions = currentVersions ?? index.initialCurrentVersions
    self.releases = releases
    self.releaseByRequestId = Self.indexRequestIds(releases)
    self.needsSnapshot = stateFile != nil
  }

  static func generators(seed: UInt64?) -> (faults: SeededGenerator, ids: SeededGenerator) {
    guard let seed else { return (.random(), .random()) }
    return (SeededGenerator(seed: seed), SeededGenerator(seed: seed ^ 0x5EED_1D5E_ED1D_5EED))
  }

  static func indexRequestIds(_ releases: [ReleaseRecord]) -> [String: Int] {
    var index: [String: Int] = [:]
    for (position, release) in releases.enumerated() {
      for requestId in release.requestIds { index[requestId] = position }
    }
    return index
  }

  // MARK: - Time

  /// The emulator's date: the fixed one if set, else today in UTC by the clock.
  var today: CalendarDate {
    todayOverride ?? CalendarDate.today(in: .gmt, at: clock.now())
  }

  /// Applies every transition the clock and the date say is due: immediate releases whose delay
  /// has passed, and scheduled releases whose date has come, in the order they were made (so a
  /// later release's versions win over an earlier one's).
  func settle() {
    let now = clock.now()
    let today = self.today
    for index in releases.indices {
      switch releases[index].status {
      case .inProgress:
        if let due = releases[index].dueAt, due <= now { complete(index, now: now, today: today) }
      case .scheduled:
        if let text = releases[index].releaseOnDate, case .success(let date) = CalendarDate.parse(text), date <= today {
          complete(index, now: now, today: today)
        }
      case .success, .error:
        break
      }
    }
  }

  /// Marks a release released and moves its pack's current versions.
  private func complete(_ index: Int, now: Date, today: CalendarDate) {
    var release = releases[index]
    release.status = .success
    release.releasedAt = now
    release.releasedOn = today.description
    release.dueAt = nil
    for position in release.components.indices {
      release.components[position].releasedVersion = release.components[position].version
      currentVersions[release.packId, default: [:]][release.components[position].componentId] =
        release.components[position].version
    }
    releases[index] = release
    changedReleases.insert(index)
    changedPacks.insert(release.packId)
  }

  // MARK: - Persistence

  /// Stops saving and releases the state file's lock (at shutdown).
  func releaseStateFile() {
    stateFile?.release()
  }

  /// Records in the state file whatever changed since the last call: one appended line, or a
  /// whole new snapshot at start, after a reset, or when the appended lines outgrow the last
  /// snapshot. A failure is logged, not answered: the request it followed did happen.
  func persistIfNeeded() {
    defer {
      changedReleases = []
      changedPacks = []
      todayChanged = false
    }
    guard let stateFile else { return }
    let changed = !changedReleases.isEmpty || !changedPacks.isEmpty || todayChanged
    do {
      if needsSnapshot || (changed && stateFile.shouldCompact) {
        try stateFile.writeSnapshot(
          PersistedState(
            account: account, today: todayOverride?.description, currentVersions: currentVersions,
            releases: releases))
        needsSnapshot = false
      } else if changed {
        try stateFile.append(
          StateChange(
            today: todayChanged ? todayOverride?.description : nil,
            releases: changedReleases.isEmpty
              ? nil : changedReleases.sorted().filter { releases.indices.contains($0) }.map { releases[$0] },
            currentVersions: changedPacks.isEmpty
              ? nil
              : Dictionary(uniqueKeysWithValues: changedPacks.map { ($0, currentVersions[$0] ?? [:]) })))
      }
    } catch {
      needsSnapshot = true
      logger.error("cannot save the state file \(stateFile.path): \(error)")
    }
  }
}

/// A refusal in Boomi's words: the HTTP status and the message of `{"@type":"Error"}`.
struct BoomiFailure: Error, Sendable {
  var status: Int
  var message: String

  static func badRequest(_ message: String) -> BoomiFailure {
    BoomiFailure(status: 400, message: message)
  }
}
