/// What `plan` decided for one integration pack.
public enum Action: String, Sendable, Equatable {
  /// `POST ReleaseIntegrationPack`: a new release.
  case create
  /// `POST ReleaseIntegrationPack/{packId}`: modify the pending scheduled release.
  case update
  /// The recorded release already is the one wanted.
  case noop
}

/// The decision for one pack: the action, the release before and after, and why.
///
/// `reason` is for people only; nothing acts on it.
public struct Change: Sendable, Equatable {
  public var packId: String
  public var name: String?
  public var action: Action
  public var reason: ChangeReason
  /// The release recorded in the lockfile, if any.
  public var before: RecordedRelease?
  /// The release the manifest asks for.
  public var after: ReleaseContent
  public var installationType: InstallationType?
  /// Component labels from the manifest, by id, for display.
  public var componentNames: [String: String]

  public init(
    packId: String, name: String?, action: Action, reason: ChangeReason, before: RecordedRelease?,
    after: ReleaseContent,
    installationType: InstallationType? = nil, componentNames: [String: String] = [:]
  ) {
    self.packId = packId
    self.name = name
    self.action = action
    self.reason = reason
    self.before = before
    self.after = after
    self.installationType = installationType
    self.componentNames = componentNames
  }

  public var label: String { name ?? packId }

  /// The operation `apply` sends, if any.
  public var operation: ReleaseOperation? {
    switch action {
    case .create: .create
    case .update: .update
    case .noop: nil
    }
  }

  /// Each component's version before and after, sorted by component id. `from` is `nil` for a
  /// component the recorded release did not carry; `to` is `nil` for one the new release leaves
  /// out (Boomi keeps its current version).
  public var componentChanges: [ComponentChange] {
    var from: [String: String] = [:]
    for component in before?.content.components ?? [] { from[component.componentId] = component.version }
    var changes = after.components.map {
      ComponentChange(
        componentId: $0.componentId, name: componentNames[$0.componentId], from: from[$0.componentId],
        to: $0.version)
    }
    let kept = Set(after.components.map(\.componentId))
    for component in before?.content.components ?? [] where !kept.contains(component.componentId) {
      changes.append(
        ComponentChange(componentId: component.componentId, name: nil, from: component.version, to: nil))
    }
    return changes.sorted { $0.componentId < $1.componentId }
  }
}

/// One component's version before and after a change.
public struct ComponentChange: Sendable, Equatable {
  public var componentId: String
  public var name: String?
  public var from: String?
  public var to: String?

  public var isChanged: Bool { from != to }
}

/// A pack in the lockfile that the manifest no longer lists. Boomi cannot retract a release, so
/// the record is kept; `apply` moves it to the lockfile's `retired` packs.
public struct UnmanagedPack: Sendable, Equatable {
  public var packId: String
  public var record: PackRecord

  public init(packId: String, record: PackRecord) {
    self.packId = packId
    self.record = record
  }

  public var label: String { record.name ?? packId }
}

/// A pack the plan will not touch because an earlier attempt's outcome is unknown.
public struct BlockedPack: Sendable, Equatable {
  public var packId: String
  public var name: String?
  public var intents: [Intent]

  public init(packId: String, name: String?, intents: [Intent]) {
    self.packId = packId
    self.name = name
    self.intents = intents
  }

  public var label: String { name ?? packId }
}

/// The whole plan: a decision per selected pack, sorted by pack id so output is deterministic.
public struct Plan: Sendable, Equatable {
  public var changes: [Change]
  public var unmanaged: [UnmanagedPack]
  public var blocked: [BlockedPack]
  /// The date the decisions were made on, in `timeZone`.
  public var today: CalendarDate
  public var timeZone: String

  public init(
    changes: [Change], unmanaged: [UnmanagedPack] = [], blocked: [BlockedPack] = [], today: CalendarDate,
    timeZone: String
  ) {
    self.changes = changes.sorted { $0.packId < $1.packId }
    self.unmanaged = unmanaged.sorted { $0.packId < $1.packId }
    self.blocked = blocked.sorted { $0.packId < $1.packId }
    self.today = today
    self.timeZone = timeZone
  }

  public struct Summary: Sendable, Equatable {
    public var create = 0
    public var update = 0
    public var noop = 0
    public var unmanaged = 0
    public var blocked = 0
  }

  public var summary: Summary {
    var summary = Summary()
    for change in changes {
      switch change.action {
      case .create: summary.create += 1
      case .update: summary.update += 1
      case .noop: summary.noop += 1
      }
    }
    summary.unmanaged = unmanaged.count
    summary.blocked = blocked.count
    return summary
  }

  /// Whether `apply` would change anything: a call to send, or a pack to retire.
  public var hasChanges: Bool {
    !unmanaged.isEmpty || changes.contains { $0.action != .noop }
  }
}
