/// When a release goes out: Boomi's `releaseSchedule` and `releaseOnDate` together.
public enum ReleaseSchedule: Hashable, Sendable, CustomStringConvertible {
  case immediately
  case onDate(CalendarDate)

  /// Boomi's `releaseSchedule` values.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case immediately = "IMMEDIATELY"
    case onSpecifiedDate = "RELEASE_ON_SPECIFIED_DATE"
  }

  public var kind: Kind {
    switch self {
    case .immediately: .immediately
    case .onDate: .onSpecifiedDate
    }
  }

  /// Boomi's `releaseSchedule` value.
  public var wireValue: String { kind.rawValue }

  /// Boomi's `releaseOnDate`, present only for a scheduled release.
  public var date: CalendarDate? {
    if case .onDate(let date) = self { date } else { nil }
  }

  public var description: String {
    switch self {
    case .immediately: "immediately"
    case .onDate(let date): "on \(date)"
    }
  }

  /// Rebuilds a schedule from Boomi's two fields; `nil` when they do not fit together.
  public init?(kind: Kind, date: CalendarDate?) {
    switch (kind, date) {
    case (.immediately, nil): self = .immediately
    case (.onSpecifiedDate, let date?): self = .onDate(date)
    default: return nil
    }
  }
}

/// A packaged component pinned to one version: what Boomi's `ReleasePackagedComponent` names.
public struct PinnedComponent: Hashable, Sendable {
  public var componentId: String
  public var version: String

  public init(componentId: String, version: String) {
    self.componentId = componentId
    self.version = version
  }
}

/// What a release contains and when it goes out. Components are kept sorted by id, so two
/// releases are equal exactly when they would send the same request.
public struct ReleaseContent: Hashable, Sendable {
  public let schedule: ReleaseSchedule
  public let components: [PinnedComponent]

  public init(schedule: ReleaseSchedule, components: [PinnedComponent]) {
    self.schedule = schedule
    // Lockfiles and saved plans hold them sorted already: check before sorting.
    let sorted = zip(components, components.dropFirst()).allSatisfy { $0.componentId < $1.componentId }
    self.components = sorted ? components : components.sorted { $0.componentId < $1.componentId }
  }
}

/// Boomi's `installationType` of an integration pack.
public enum InstallationType: String, Hashable, Sendable, CaseIterable {
  case single = "SINGLE"
  case multi = "MULTI"
}

/// Boomi's `ReleaseIntegrationPackStatus.releaseStatus`.
public enum ReleaseStatus: String, Hashable, Sendable, CaseIterable {
  case inProgress = "IN_PROGRESS"
  case success = "SUCCESS"
  case scheduled = "SCHEDULED"
  case error = "ERROR"
}

/// The two operations `ReleaseIntegrationPack` supports.
public enum ReleaseOperation: String, Hashable, Sendable, CaseIterable {
  case create = "CREATE"
  case update = "UPDATE"
}
