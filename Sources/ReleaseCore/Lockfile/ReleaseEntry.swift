/// The fields of anything release-shaped on disk (a lockfile release, an intent, a saved plan's
/// change), gathered with their positions before they are checked as a whole.
struct ReleaseEntry {
  var mark: SourceMark
  var id: String?
  var packId: String?
  var name: String?
  var operation: ReleaseOperation?
  var releaseSchedule: Located<ReleaseSchedule.Kind>?
  var releaseOnDate: CalendarDate?
  var components: [PinnedComponent]?
  var requestId: String?
  var releaseStatusUrl: String?
  var status: ReleaseStatus?
  var statusMessage: String?
  var appliedAt: String?
  var createdAt: String?
  var bodyDigest: String?
  var planId: String?
  var reason: String?

  init(mark: SourceMark) {
    self.mark = mark
  }

  /// The schedule and components as one value, or `nil` after reporting what is wrong.
  func content(_ reader: NodeReader) -> ReleaseContent? {
    guard let wire = releaseSchedule, let components else { return nil }
    guard let schedule = ReleaseSchedule(kind: wire.value, date: releaseOnDate) else {
      reader.report(
        .invalidValue,
        releaseOnDate == nil
          ? "releaseSchedule \(wire.value.rawValue) needs a releaseOnDate"
          : "releaseSchedule \(wire.value.rawValue) takes no releaseOnDate",
        at: wire.mark)
      return nil
    }
    return ReleaseContent(schedule: schedule, components: components)
  }

  struct ComponentEntry {
    var componentId: String?
    var version: String?
  }

  static let component = ObjectDefinition<ComponentEntry>(
    name: "component", description: "A packaged component and its version.",
    fields: [
      .init("componentId", required: true, .string(), "The component's id.") { reader, event, entry in
        entry.componentId = reader.string(event)?.value
      },
      .init("version", required: true, .string(), "The packaged component version.") { reader, event, entry in
        entry.version = reader.string(event)?.value
      },
    ])

  /// The fields every release-shaped object has: the operation, what is released, and when.
  static let contentFields: [ObjectDefinition<ReleaseEntry>.Field] = [
    .init(
      "operation", required: true, .enumeration(ReleaseOperation.allCases.map(\.rawValue)),
      "CREATE or UPDATE."
    ) { reader, event, entry in
      entry.operation = reader.enumeration(event, ReleaseOperation.self, expected: "an operation")?.value
    },
    .init(
      "releaseSchedule", required: true, .enumeration(ReleaseSchedule.Kind.allCases.map(\.rawValue)),
      "Boomi's releaseSchedule."
    ) { reader, event, entry in
      entry.releaseSchedule = reader.enumeration(event, ReleaseSchedule.Kind.self, expected: "a release schedule")
    },
    .init("releaseOnDate", .string(format: "date"), "Boomi's releaseOnDate.") { reader, event, entry in
      entry.releaseOnDate = reader.calendarDate(event)?.value
    },
    .init(
      "components", required: true, .array(of: .object(component.schema)), "The released components."
    ) { reader, event, entry in
      var components: [PinnedComponent] = []
      var valid = true
      let complete = reader.forEachElement(of: event, expected: "a list of components") { element in
        var item = ComponentEntry()
        reader.decode(component, from: element, into: &item)
        if let id = item.componentId, let version = item.version {
          components.append(PinnedComponent(componentId: id, version: version))
        } else {
          valid = false
        }
      }
      if complete, valid { entry.components = components }
    },
    .init("planId", .string(), "The saved plan this came from.") { reader, event, entry in
      entry.planId = reader.string(event)?.value
    },
  ]
}
