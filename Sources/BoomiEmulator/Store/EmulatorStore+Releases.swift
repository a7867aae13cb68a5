import Foundation
import ReleaseCore

/// `ReleaseIntegrationPack` CREATE and UPDATE, with the business rules of SPEC §8.
extension EmulatorStore {
  /// Which `ReleaseIntegrationPack` operation a request is.
  enum ReleaseOperation: String, Sendable {
    case create = "CREATE"
    case update = "UPDATE"
  }

  /// Creates or updates a release. `pathPackId` is UPDATE's `{id}`; `statusURLPrefix` is the
  /// absolute URL that the requestId is appended to for `releaseStatusUrl`.
  func release(
    _ operation: ReleaseOperation, pathPackId: String?, body: WireRequest.ReleaseIntegrationPack,
    statusURLPrefix: String
  ) -> Result<WireResponse.ReleaseIntegrationPack, BoomiFailure> {
    settle()
    defer { persistIfNeeded() }
    let request: CheckedRequest
    switch check(operation, pathPackId: pathPackId, body: body) {
    case .success(let checked): request = checked
    case .failure(let failure): return .failure(failure)
    }
    let now = clock.now()
    let requestId = newRequestId()
    let status: ReleaseRecord.Status = request.schedule == .immediately ? .inProgress : .scheduled
    let dueAt = request.schedule == .immediately ? now.addingTimeInterval(Self.seconds(releaseDelay)) : nil
    let components = request.components.map {
      ReleaseRecord.Component(componentId: $0.componentId, version: $0.version, releasedVersion: nil)
    }
    let index: Int
    switch (operation, request.pending) {
    case (.update, let pending?):
      // UPDATE modifies the pending scheduled release in place and gives it one more requestId.
      releases[pending].requestIds.append(requestId)
      releases[pending].operations.append(operation.rawValue)
      releases[pending].schedule = request.schedule
      releases[pending].releaseOnDate = request.date?.description
      releases[pending].components = components
      releases[pending].status = status
      releases[pending].dueAt = dueAt
      releases[pending].updatedAt = now
      index = pending
    default:
      if let pending = request.pending {
        // An immediate CREATE while a release is scheduled: the scheduled one goes out now,
        // together with (and just before) the new one.
        releases[pending].status = .inProgress
        releases[pending].dueAt = dueAt
        releases[pending].supersededBy = requestId
        releases[pending].updatedAt = now
      }
      releases.append(
        ReleaseRecord(
          requestIds: [requestId], operations: [operation.rawValue], packId: request.pack.id,
          schedule: request.schedule, releaseOnDate: request.date?.description, components: components,
          status: status, createdAt: now, updatedAt: now, dueAt: dueAt))
      index = releases.count - 1
    }
    releaseByRequestId[requestId] = index
    changedReleases.insert(index)
    if let pending = request.pending { changedReleases.insert(pending) }
    let release = releases[index]
    return .success(
      WireResponse.ReleaseIntegrationPack(
        id: request.pack.id, installationType: request.pack.installationType, name: request.pack.name,
        releaseSchedule: release.schedule.rawValue, requestId: requestId,
        releaseStatusUrl: statusURLPrefix + requestId, releaseOnDate: release.releaseOnDate,
        releasePackagedComponents: WireResponse.ReleasePackagedComponents(
          components: release.components.map {
            WireResponse.ReleasePackagedComponent(
              componentId: $0.componentId, releasedVersion: $0.releasedVersion, version: $0.version)
          })))
  }

  /// A CREATE or UPDATE body that passed every rule.
  private struct CheckedRequest {
    var pack: Catalog.Pack
    var schedule: ReleaseRecord.Schedule
    var date: CalendarDate?
    var components: [(componentId: String, version: String)]
    /// The pack's pending scheduled release, if any.
    var pending: Int?
  }

  /// Applies the rules in a fixed order and returns the first one broken.
  private func check(
    _ operation: ReleaseOperation, pathPackId: String?, body: WireRequest.ReleaseIntegrationPack
  ) -> Result<CheckedRequest, BoomiFailure> {
    func fail(_ message: String) -> Result<CheckedRequest, BoomiFailure> { .failure(.badRequest(message)) }
    // The pack.
    let packId: String
    switch (operation, pathPackId, body.id) {
    case (.create, _, nil), (.create, _, ""):
      return fail("The id field is required: the id of the integration pack to release.")
    case (.create, _, let id?):
      packId = id
    case (.update, let path?, let id?) where id != path:
      return fail(
        "The id in the request body (\(id)) does not match the integration pack id in the URL (\(path)).")
    case (.update, let path?, _):
      packId = path
    case (.update, nil, _):
      return fail("UPDATE needs the integration pack id in the URL: POST ReleaseIntegrationPack/{id}.")
    }
    guard let pack = catalog.pack(packId) else {
      return fail(
        "Integration pack ID \(packId) is invalid. Provide a valid integration pack ID to complete this action.")
    }
    let pending = releases.lastIndex { $0.packId == pack.id && $0.status == .scheduled }
    if operation == .update, pending == nil {
      return fail(
        "Integration pack \(pack.id) has no scheduled release pending. UPDATE modifies an existing scheduled release; use CREATE (POST ReleaseIntegrationPack) to make a new release."
      )
    }
    if let type = body.installationType, type != pack.installationType {
      return fail(
        "installationType \(type) does not match integration pack \(pack.id), whose installationType is \(pack.installationType)."
      )
    }
    // The schedule.
    guard let scheduleText = body.releaseSchedule else {
      return fail("The releaseSchedule field is required: IMMEDIATELY or RELEASE_ON_SPECIFIED_DATE.")
    }
    guard let schedule = ReleaseRecord.Schedule(rawValue: scheduleText) else {
      return fail(
        "releaseSchedule \(scheduleText) is invalid. Possible values: IMMEDIATELY, RELEASE_ON_SPECIFIED_DATE.")
    }
    var date: CalendarDate?
    switch (schedule, body.releaseOnDate) {
    case (.immediately, nil):
      break
    case (.immediately, let text?):
      return fail(
        "releaseOnDate (\(text)) must not be given with releaseSchedule IMMEDIATELY; use RELEASE_ON_SPECIFIED_DATE to release on a date."
      )
    case (.onSpecifiedDate, nil):
      return fail("The releaseOnDate field is required when releaseSchedule is RELEASE_ON_SPECIFIED_DATE.")
    case (.onSpecifiedDate, let text?):
      guard case .success(let parsed) = CalendarDate.parse(text) else {
        return fail("releaseOnDate \(text) is not a valid date. Date format: yyyy-MM-dd.")
      }
      guard parsed > today else {
        return fail(
          "releaseOnDate \(text) must be a future date: after today (\(today)) for a scheduled release.")
      }
      date = parsed
    }
    // The components.
    guard let list = body.releasePackagedComponents else {
      return fail("The ReleasePackagedComponents field is required: the packaged components to release.")
    }
    guard let entries = list.components, !entries.isEmpty else {
      return fail("ReleasePackagedComponents.ReleasePackagedComponent must list at least one packaged component.")
    }
    var components: [(componentId: String, version: String)] = []
    var seen: Set<String> = []
    for entry in entries {
      guard let componentId = entry.componentId, !componentId.isEmpty else {
        return fail("Each ReleasePackagedComponent needs a componentId.")
      }
      guard seen.insert(componentId).inserted else {
        return fail("Component \(componentId) is listed more than once in ReleasePackagedComponents.")
      }
      guard pack.components.contains(where: { $0.componentId == componentId }) else {
        return fail(
          "Component \(componentId) is not in integration pack \(pack.id). Add its packaged component to the integration pack first."
        )
      }
      guard let version = entry.version, !version.isEmpty else {
        return fail("The version of component \(componentId) is required.")
      }
      let known = catalog.versions(of: componentId).first { $0.packageVersion == version }
      guard let known else {
        return fail("Version \(version) of component \(componentId) is not a packaged component version.")
      }
      guard !known.deleted else {
        return fail("Version \(version) of component \(componentId) is a deleted packaged component.")
      }
      guard known.shareable else {
        return fail(
          "Version \(version) of component \(componentId) is not shareable; only shareable packaged components can be released in an integration pack."
        )
      }
      components.append((componentId, version))
    }
    if operation == .create, schedule == .onSpecifiedDate, let pending {
      let scheduledDate = releases[pending].releaseOnDate ?? "a later date"
      let requestId = releases[pending].requestIds.last ?? ""
      return fail(
        "Integration pack \(pack.id) already has a release scheduled for \(scheduledDate) (request \(requestId)). Only one release can be pending at a time: use UPDATE (POST ReleaseIntegrationPack/\(pack.id)) to change it."
      )
    }
    return .success(
      CheckedRequest(pack: pack, schedule: schedule, date: date, components: components, pending: pending))
  }

  /// A `release-<uuid>` not issued before.
  func newRequestId() -> String {
    for _ in 0..<100 {
      let candidate = "release-\(idRandom.nextUUID())"
      if releaseByRequestId[candidate] == nil { return candidate }
    }
    return "release-\(UUID().uuidString.lowercased())"
  }

  static func seconds(_ duration: Duration) -> TimeInterval {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
