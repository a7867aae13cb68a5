/// Saved plan format version 1: JSON, encoded deterministically and decoded with positions.
public enum SavedPlanFormat {
  public static func encode(_ plan: SavedPlan) -> [UInt8] {
    let root = JSONValue.object(dropping: [
      "formatVersion": .int(SavedPlan.formatVersion),
      "planId": .string(plan.planId),
      "createdAt": .string(plan.createdAt),
      "account": plan.account.map(JSONValue.string),
      "today": .string(plan.today.description),
      "timezone": .string(plan.timeZone),
      "manifest": .object(["path": .string(plan.manifestPath), "sha256": .string(plan.manifestSHA256)]),
      "lockfile": .object(dropping: [
        "path": .string(plan.lockfilePath),
        "lineage": plan.lockfileLineage.map(JSONValue.string),
        "serial": .int(plan.lockfileSerial),
      ]),
      "changes": .array(plan.calls.map { encode($0, reason: plan.reasons[$0.packId]) }),
      "retire": .array(plan.retire.map(JSONValue.string)),
    ])
    return root.prettyPrintedBytes()
  }

  static func encode(_ call: ReleaseCall, reason: String?) -> JSONValue {
    var members = LockfileFormat.encode(call.content)
    members["packId"] = .string(call.packId)
    members["name"] = call.name.map(JSONValue.string)
    members["operation"] = .string(call.operation.rawValue)
    members["previousRequestId"] = call.previousRequestId.map(JSONValue.string)
    members["reason"] = reason.map(JSONValue.string)
    return .object(members)
  }

  /// The saved plan in `source`, or `nil` with diagnostics saying why it cannot be used.
  public static func decode(_ source: SourceText, limits: DecodingLimits = .standard) -> (SavedPlan?, [Diagnostic]) {
    let (root, problems) = DocumentReader.read(
      source, as: .json, definition: rootDefinition, limits: limits, makeRoot: Root.init(mark:))
    guard let root else { return (nil, problems.sortedForDisplay()) }
    if let version = root.formatVersion, version.value != SavedPlan.formatVersion {
      return (
        nil,
        [
          .unsupportedVersion(
            of: "saved plan", found: version.value, supported: SavedPlan.formatVersion, file: source.path,
            at: version.mark)
        ]
      )
    }
    guard !problems.containsErrors, let planId = root.planId, let createdAt = root.createdAt, let today = root.today,
      let timeZone = root.timeZone, let manifestPath = root.manifest.path, let sha = root.manifest.sha256,
      let lockfilePath = root.lockfile.path, let serial = root.lockfile.serial
    else { return (nil, problems.sortedForDisplay()) }
    let plan = SavedPlan(
      planId: planId, createdAt: createdAt, account: root.account, today: today, timeZone: timeZone,
      manifestPath: manifestPath, manifestSHA256: sha, lockfilePath: lockfilePath,
      lockfileLineage: root.lockfile.lineage, lockfileSerial: serial, calls: root.calls, reasons: root.reasons,
      retire: root.retire)
    return (plan, problems)
  }

  struct Root {
    var mark: SourceMark
    var formatVersion: Located<Int>?
    var planId: String?
    var createdAt: String?
    var account: String?
    var today: CalendarDate?
    var timeZone: String?
    var manifest = Pinned()
    var lockfile = Pinned()
    var calls: [ReleaseCall] = []
    var reasons: [String: String] = [:]
    var retire: [String] = []

    init(mark: SourceMark) {
      self.mark = mark
    }
  }

  /// The manifest or lockfile a plan was made from.
  struct Pinned {
    var path: String?
    var sha256: String?
    var lineage: String?
    var serial: Int?
  }

  static let manifestDefinition = ObjectDefinition<Pinned>(
    name: "manifest reference", description: "The manifest the plan was made from.",
    fields: [
      .init("path", required: true, .string(), "The manifest's path.") { reader, event, pinned in
        pinned.path = reader.string(event)?.value
      },
      .init("sha256", required: true, .string(), "SHA-256 of the manifest's bytes.") { reader, event, pinned in
        pinned.sha256 = reader.string(event)?.value
      },
    ])

  static let lockfileDefinition = ObjectDefinition<Pinned>(
    name: "lockfile reference", description: "The lockfile the plan was made from.",
    fields: [
      .init("path", required: true, .string(), "The lockfile's path.") { reader, event, pinned in
        pinned.path = reader.string(event)?.value
      },
      .init("lineage", .string(), "Its lineage; absent when it did not exist.") { reader, event, pinned in
        pinned.lineage = reader.string(event)?.value
      },
      .init("serial", required: true, .integer(minimum: 0, maximum: Lockfile.maximumSerial), "Its serial.") {
        reader, event, pinned in
        pinned.serial = reader.integer(event, in: 0...Lockfile.maximumSerial, expected: "the serial")?.value
      },
    ])

  static let changeDefinition = ObjectDefinition<ReleaseEntry>(
    name: "planned change", description: "One call the plan makes.",
    fields: ReleaseEntry.contentFields + [
      .init("packId", required: true, .string(), "The pack.") { reader, event, entry in
        entry.packId = reader.string(event)?.value
      },
      .init("name", .string(), "The pack's name.") { reader, event, entry in
        entry.name = reader.string(event)?.value
      },
      .init("previousRequestId", .string(), "The recorded release this follows.") { reader, event, entry in
        entry.requestId = reader.string(event)?.value
      },
      .init("reason", required: true, .string(), "Why, for people; never acted on.") { reader, event, entry in
        entry.reason = reader.text(event)?.value
      },
    ])

  static let rootDefinition = ObjectDefinition<Root>(
    name: "saved plan", description: "A plan saved by `boomi-release plan --out`.",
    fields: [
      .init("formatVersion", required: true, .integer(constant: SavedPlan.formatVersion), "The format version.") {
        reader, event, root in
        root.formatVersion = reader.integer(event, expected: "the format version")
      },
      .init("planId", required: true, .string(), "Unique id of the plan.") { reader, event, root in
        root.planId = reader.string(event)?.value
      },
      .init("createdAt", required: true, .string(format: "date-time"), "When it was made.") { reader, event, root in
        root.createdAt = reader.string(event)?.value
      },
      .init("account", .string(), "The Boomi account.") { reader, event, root in
        root.account = reader.string(event)?.value
      },
      .init("today", required: true, .string(format: "date"), "The date decisions were made on.") {
        reader, event, root in
        root.today = reader.calendarDate(event)?.value
      },
      .init("timezone", required: true, .string(), "The manifest's time zone.") { reader, event, root in
        root.timeZone = reader.string(event)?.value
      },
      .init("manifest", required: true, .object(manifestDefinition.schema), "The manifest it was made from.") {
        reader, event, root in
        reader.decode(manifestDefinition, from: event, into: &root.manifest)
      },
      .init("lockfile", required: true, .object(lockfileDefinition.schema), "The lockfile it was made from.") {
        reader, event, root in
        reader.decode(lockfileDefinition, from: event, into: &root.lockfile)
      },
      .init("changes", required: true, .array(of: .object(changeDefinition.schema)), "The calls to make.") {
        reader, event, root in
        reader.forEachElement(of: event, expected: "a list of changes") { element in
          var entry = ReleaseEntry(mark: element.mark)
          guard reader.decode(changeDefinition, from: element, into: &entry), let content = entry.content(reader),
            let packId = entry.packId, let operation = entry.operation
          else { return }
          root.calls.append(
            ReleaseCall(
              packId: packId, name: entry.name, operation: operation, content: content,
              previousRequestId: entry.requestId))
          root.reasons[packId] = entry.reason
        }
      },
      .init("retire", required: true, .array(of: .string()), "Packs to move to `retired`.") { reader, event, root in
        root.retire = reader.stringList(event, expected: "pack ids") ?? []
      },
    ])
}
