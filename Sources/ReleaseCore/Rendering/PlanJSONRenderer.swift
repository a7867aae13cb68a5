/// The plan as JSON for machines (`--format json`), SPEC §5.2.
public enum PlanJSONRenderer {
  public static let formatVersion = "1"

  public static func render(_ plan: Plan) -> String {
    json(plan).prettyPrinted()
  }

  public static func json(_ plan: Plan) -> JSONValue {
    let summary = plan.summary
    return .object([
      "formatVersion": .string(formatVersion),
      "today": .string(plan.today.description),
      "timezone": .string(plan.timeZone),
      "changes": .array(plan.changes.map(json)),
      "unmanaged": .array(
        plan.unmanaged.map {
          .object(dropping: [
            "packId": .string($0.packId),
            "name": $0.record.name.map(JSONValue.string),
            "warning": .string("no longer managed; Boomi cannot retract a release"),
          ])
        }),
      "blocked": .array(
        plan.blocked.map { pack in
          .object(dropping: [
            "packId": .string(pack.packId),
            "name": pack.name.map(JSONValue.string),
            "intents": .array(
              pack.intents.map {
                .object(dropping: [
                  "id": .string($0.id), "operation": .string($0.operation.rawValue),
                  "createdAt": .string($0.createdAt),
                ])
              }),
          ])
        }),
      "summary": .object([
        "create": .int(summary.create), "update": .int(summary.update), "noop": .int(summary.noop),
        "unmanaged": .int(summary.unmanaged), "blocked": .int(summary.blocked),
      ]),
      "hasChanges": .bool(plan.hasChanges),
    ])
  }

  static func json(_ change: Change) -> JSONValue {
    .object(dropping: [
      "packId": .string(change.packId),
      "name": change.name.map(JSONValue.string),
      "action": .string(change.action.rawValue),
      "reason": .string(change.reason.description),
      "reasonCode": .string(change.reason.code.rawValue),
      "releaseSchedule": .string(change.after.schedule.wireValue),
      "releaseOnDate": change.after.schedule.date.map { .string($0.description) },
      "components": .array(
        change.componentChanges.map {
          .object(dropping: [
            "componentId": .string($0.componentId),
            "name": $0.name.map(JSONValue.string),
            "from": $0.from.map(JSONValue.string),
            "to": $0.to.map(JSONValue.string),
          ])
        }),
    ])
  }
}
