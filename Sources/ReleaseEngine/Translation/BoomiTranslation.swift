import BoomiAPI
import Foundation
import ReleaseCore

/// The one place Boomi's wire objects and the domain's values meet: the body of a call, the
/// statuses and releases Boomi reports, and the packs and packaged components it lists. Apart from
/// the requestId and status URL of an `AcceptedRelease` (which the client has validated), nothing
/// else in the engine reads a wire field, and nothing outside the engine sees a wire type.
enum BoomiTranslation {
  /// The body Boomi's spec shows for a call: `{"id", "releaseSchedule", "releaseOnDate"?,
  /// "ReleasePackagedComponents": {"ReleasePackagedComponent": [{"componentId", "version"}]}}`.
  static func request(for call: ReleaseCall) -> ReleaseIntegrationPackRequest {
    ReleaseIntegrationPackRequest(
      id: call.packId, releaseSchedule: call.content.schedule.wireValue,
      releaseOnDate: call.content.schedule.date?.description,
      components: call.content.components.map {
        ReleasePackagedComponent(componentId: $0.componentId, version: $0.version)
      })
  }

  /// Boomi's `releaseStatus`; `nil` for a value this tool does not know.
  static func status(_ wire: String?) -> ReleaseStatus? {
    wire.flatMap(ReleaseStatus.init(rawValue:))
  }

  /// The status a status object reports; `nil` for none, or a value this tool does not know.
  static func status(of status: ReleaseIntegrationPackStatus) -> ReleaseStatus? {
    Self.status(status.releaseStatus)
  }

  /// What a release of `packId` holds, as its status object describes it; `nil` when the status
  /// says it is another pack's release, or is unreadable (see ``content(of:)``).
  static func content(of status: ReleaseIntegrationPackStatus, ifReleaseOf packId: String) -> ReleaseContent? {
    guard !isOtherPack(status, packId) else { return nil }
    return content(of: status)
  }

  private static func isOtherPack(_ status: ReleaseIntegrationPackStatus, _ packId: String) -> Bool {
    status.integrationPackId.map { $0.lowercased() != packId } ?? false
  }

  /// What a release holds, as Boomi's status object describes it: its schedule and components.
  /// Boomi's example pairs `IMMEDIATELY` with a `releaseOnDate`: the date counts only when
  /// scheduled. `nil` when a scheduled release has no valid date.
  static func content(of status: ReleaseIntegrationPackStatus) -> ReleaseContent? {
    let date = status.releaseOnDate.flatMap { text -> CalendarDate? in
      if case .success(let date) = CalendarDate.parse(text) { date } else { nil }
    }
    let kind = status.releaseSchedule.flatMap(ReleaseSchedule.Kind.init(rawValue:)) ?? .immediately
    guard let schedule = ReleaseSchedule(kind: kind, date: kind == .immediately ? nil : date) else { return nil }
    let components = status.components.compactMap { component -> PinnedComponent? in
      guard let version = component.version ?? component.releasedVersion else { return nil }
      return PinnedComponent(componentId: component.componentId.lowercased(), version: version)
    }
    return ReleaseContent(schedule: schedule, components: components)
  }

  /// The release a status describes, to record as one made elsewhere (`import`), at `time`.
  static func importedRelease(
    _ status: ReleaseIntegrationPackStatus, requestId: String, packId: String, at time: Date
  ) throws(ImportRefusal) -> RecordedRelease {
    if isOtherPack(status, packId) {
      throw .wrongPack(requestId: requestId, belongsTo: status.integrationPackId ?? "")
    }
    guard let content = content(of: status) else {
      throw .unreadable(requestId: requestId, reason: "a scheduled release without a valid releaseOnDate")
    }
    return RecordedRelease(
      operation: .create, content: content, requestId: requestId, status: Self.status(status.releaseStatus),
      statusMessage: "imported", appliedAt: Timestamp.rfc3339(time))
  }

  /// A pack's versions as Boomi shows them.
  static func packState(_ pack: PublisherIntegrationPack) -> PackState {
    var components: [String: PackState.Component] = [:]
    for component in pack.components {
      components[component.componentId.lowercased()] = PackState.Component(
        current: component.currentVersion, pending: component.pendingVersion, deleted: component.deleted)
    }
    return PackState(packId: pack.id.lowercased(), components: components)
  }

  /// What the remote checks judge: the packs found and every packaged version of the components.
  static func remoteFacts(packs: [PublisherIntegrationPack], versions: [PackagedComponent]) -> RemoteFacts {
    var facts = RemoteFacts()
    for pack in packs {
      let id = pack.id.lowercased()
      facts.packs[id] = RemoteFacts.Pack(
        id: id, name: pack.name, installationType: pack.installationType,
        components: Dictionary(pack.components.map { ($0.componentId.lowercased(), $0.deleted) }) { $0 || $1 })
      facts.states[id] = packState(pack)
    }
    for version in versions {
      guard let number = version.packageVersion else { continue }
      facts.versions[version.componentId.lowercased(), default: []].append(
        RemoteFacts.PackagedVersion(version: number, shareable: version.shareable, deleted: version.deleted))
    }
    return facts
  }
}
