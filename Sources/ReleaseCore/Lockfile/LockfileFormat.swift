/// Lockfile format version 1 on disk: its JSON shape, decoding with positions, and the
/// deterministic encoding (sorted keys, two-space indent, trailing newline, no timestamps that
/// change when nothing else does).
public enum LockfileFormat {
  /// The lockfile in `source`, or `nil` with diagnostics saying why it cannot be used.
  ///
  /// A newer format version is refused by name, and then it is the only diagnostic: the rest of
  /// a newer file may be shaped differently. The version is checked after decoding because the
  /// encoder's sorted keys put `version` last.
  public static func decode(_ source: SourceText, limits: DecodingLimits = .standard) -> (Lockfile?, [Diagnostic]) {
    if let conflict = conflictMarker(in: source) { return (nil, [conflict]) }
    let (root, problems) = DocumentReader.read(
      source, as: .json, definition: rootDefinition, limits: limits, makeRoot: RootEntry.init(mark:))
    guard let root else { return (nil, problems.sortedForDisplay()) }
    if let version = root.version, version.value != Lockfile.formatVersion {
      return (
        nil,
        [
          .unsupportedVersion(
            of: "lockfile", found: version.value, supported: Lockfile.formatVersion, file: source.path,
            at: version.mark)
        ]
      )
    }
    guard !problems.containsErrors, let lineage = root.lineage, let serial = root.serial else {
      return (nil, problems.sortedForDisplay())
    }
    let lockfile = Lockfile(
      lineage: lineage, serial: serial, account: root.account, endpoint: root.endpoint, packs: root.packs,
      retired: root.retired, pending: root.pending, appliedPlans: root.appliedPlans)
    return (lockfile, problems)
  }

  /// The lines git writes around a conflict it could not merge. A lockfile holding them is not
  /// JSON, and reporting a syntax error at the first one would hide what happened.
  static func conflictMarker(in source: SourceText) -> Diagnostic? {
    let bytes = source.bytes
    let marker = Array("<<<<<<<".utf8)
    var line = 1
    var lineStart = 0
    while lineStart < bytes.count {
      if bytes[lineStart...].starts(with: marker) {
        return .error(
          .mergeConflict,
          "the lockfile holds git's conflict markers: two runs recorded releases and git could not merge them",
          file: source.path, at: SourceMark(line: line, column: 1),
          help: """
            merge the two sides with `boomi-release lockfile merge BASE OURS THEIRS` (\
            `git show :1:FILE > base; git show :2:FILE > ours; git show :3:FILE > theirs`, then \
            `boomi-release lockfile merge base ours theirs && cp ours FILE`); to let git do it from \
            now on, add `*.lock.json merge=boomi-release` to .gitattributes and run \
            `git config merge.boomi-release.driver 'boomi-release lockfile merge %O %A %B'`
            """)
      }
      guard let newline = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
      lineStart = newline + 1
      line += 1
    }
    return nil
  }

  /// The bytes of `lockfile`, always the same for the same value.
  public static func encode(_ lockfile: Lockfile) -> [UInt8] {
    let root = JSONValue.object(dropping: [
      "version": .int(Lockfile.formatVersion),
      "lineage": lockfile.lineage.map(JSONValue.string),
      "serial": .int(lockfile.serial),
      "account": lockfile.account.map(JSONValue.string),
      "endpoint": lockfile.endpoint.map(JSONValue.string),
      "packs": .object(lockfile.packs.mapValues(encode)),
      "retired": .object(lockfile.retired.mapValues(encode)),
      "pending": .array(lockfile.pending.map(encode)),
      "appliedPlans": .array(lockfile.appliedPlans.map(JSONValue.string)),
    ])
    return root.prettyPrintedBytes()
  }

  // MARK: - Encoding

  static func encode(_ record: PackRecord) -> JSONValue {
    .object(dropping: [
      "name": record.name.map(JSONValue.string),
      "release": record.release.map(encode),
      "history": .array(record.history.map(encode)),
      "needsRefresh": record.needsRefresh ? .bool(true) : nil,
    ])
  }

  static func encode(_ release: RecordedRelease) -> JSONValue {
    var members = encode(release.content)
    members["operation"] = .string(release.operation.rawValue)
    members["requestId"] = .string(release.requestId)
    members["releaseStatusUrl"] = release.releaseStatusUrl.map(JSONValue.string)
    members["status"] = release.status.map { .string($0.rawValue) }
    members["statusMessage"] = release.statusMessage.map(JSONValue.string)
    members["appliedAt"] = .string(release.appliedAt)
    members["planId"] = release.planId.map(JSONValue.string)
    return .object(members)
  }

  static func encode(_ intent: Intent) -> JSONValue {
    var members = encode(intent.content)
    members["id"] = .string(intent.id)
    members["packId"] = .string(intent.packId)
    members["operation"] = .string(intent.operation.rawValue)
    members["bodyDigest"] = .string(intent.bodyDigest)
    members["planId"] = intent.planId.map(JSONValue.string)
    members["createdAt"] = .string(intent.createdAt)
    members["failure"] = intent.failure.map(JSONValue.string)
    return .object(members)
  }

  /// Boomi's field names for a release's content: `releaseSchedule`, `releaseOnDate`, and the
  /// components as `componentId` and `version`.
  static func encode(_ content: ReleaseContent) -> [String: JSONValue] {
    var members: [String: JSONValue] = [
      "releaseSchedule": .string(content.schedule.wireValue),
      "components": .array(
        content.components.map {
          .object(["componentId": .string($0.componentId), "version": .string($0.version)])
        }),
    ]
    members["releaseOnDate"] = content.schedule.date.map { .string($0.description) }
    return members
  }

  // MARK: - Decoding

  struct RootEntry {
    var mark: SourceMark
    var version: Located<Int>?
    var lineage: String?
    var serial: Int?
    var account: String?
    var endpoint: String?
    var packs: [String: PackRecord] = [:]
    var retired: [String: PackRecord] = [:]
    var pending: [Intent] = []
    var appliedPlans: [String] = []

    init(mark: SourceMark) {
      self.mark = mark
    }
  }

  struct PackEntry {
    var name: String?
    var release: RecordedRelease?
    var history: [RecordedRelease] = []
    var needsRefresh = false
  }

  static let release = ObjectDefinition<ReleaseEntry>(
    name: "release", description: "A release Boomi accepted.",
    fields: ReleaseEntry.contentFields + [
      .init("requestId", required: true, .string(), "Boomi's requestId.") { reader, event, entry in
        entry.requestId = reader.string(event)?.value
      },
      .init("releaseStatusUrl", .string(), "Boomi's releaseStatusUrl.") { reader, event, entry in
        entry.releaseStatusUrl = reader.string(event)?.value
      },
      .init("status", .enumeration(ReleaseStatus.allCases.map(\.rawValue)), "The last status read.") {
        reader, event, entry in
        entry.status = reader.enumeration(event, ReleaseStatus.self, expected: "a release status")?.value
      },
      .init("statusMessage", .string(), "Boomi's message for a failed release.") { reader, event, entry in
        entry.statusMessage = reader.text(event)?.value
      },
      .init("appliedAt", required: true, .string(format: "date-time"), "When it was accepted.") {
        reader, event, entry in
        entry.appliedAt = reader.string(event)?.value
      },
    ])

  static let intent = ObjectDefinition<ReleaseEntry>(
    name: "pending intent", description: "A release attempted whose outcome is unknown.",
    fields: ReleaseEntry.contentFields + [
      .init("id", required: true, .string(), "The intent's id.") { reader, event, entry in
        entry.id = reader.string(event)?.value
      },
      .init("packId", required: true, .string(), "The pack.") { reader, event, entry in
        entry.packId = reader.string(event)?.value
      },
      .init("bodyDigest", required: true, .string(), "SHA-256 of the request body.") { reader, event, entry in
        entry.bodyDigest = reader.string(event)?.value
      },
      .init("createdAt", required: true, .string(format: "date-time"), "When it was recorded.") {
        reader, event, entry in
        entry.createdAt = reader.string(event)?.value
      },
      .init("failure", .string(), "Why the outcome is unknown.") { reader, event, entry in
        entry.statusMessage = reader.text(event)?.value
      },
    ])

  static func decodeRelease(_ reader: NodeReader, _ event: NodeEvent) -> RecordedRelease? {
    var entry = ReleaseEntry(mark: event.mark)
    guard reader.decode(release, from: event, into: &entry), let content = entry.content(reader),
      let operation = entry.operation, let requestId = entry.requestId, let appliedAt = entry.appliedAt
    else { return nil }
    return RecordedRelease(
      operation: operation, content: content, requestId: requestId, releaseStatusUrl: entry.releaseStatusUrl,
      status: entry.status, statusMessage: entry.statusMessage, appliedAt: appliedAt, planId: entry.planId)
  }

  static let pack = ObjectDefinition<PackEntry>(
    name: "pack", description: "What the lockfile knows of one pack.",
    fields: [
      .init("name", .string(), "The pack's name in the manifest.") { reader, event, entry in
        entry.name = reader.string(event)?.value
      },
      .init("release", .object(release.schema), "The most recent release.") { reader, event, entry in
        entry.release = decodeRelease(reader, event)
      },
      .init("history", .array(of: .object(release.schema)), "Earlier releases, oldest first.") {
        reader, event, entry in
        reader.forEachElement(of: event, expected: "a list of releases") { element in
          if let release = decodeRelease(reader, element) { entry.history.append(release) }
        }
      },
      .init(
        "needsRefresh", .boolean, "Set by a lockfile merge that found two current releases; Boomi settles which."
      ) { reader, event, entry in
        entry.needsRefresh = reader.boolean(event)?.value ?? false
      },
    ])

  static func decodePacks(_ reader: NodeReader, _ event: NodeEvent) -> [String: PackRecord] {
    var packs: [String: PackRecord] = [:]
    reader.forEachEntry(of: event, expected: "a mapping of pack ids to packs") { id, value in
      var entry = PackEntry()
      if reader.decode(pack, from: value, into: &entry) {
        packs[id.value] = PackRecord(
          name: entry.name, release: entry.release, history: entry.history, needsRefresh: entry.needsRefresh)
      }
    }
    return packs
  }

  static let rootDefinition = ObjectDefinition<RootEntry>(
    name: "lockfile", description: "boomi-release lockfile: the releases made, per integration pack.",
    fields: [
      .init(
        "version", required: true, .integer(constant: Lockfile.formatVersion), "The format version.",
        missingCode: .missingVersion
      ) {
        reader, event, root in
        root.version = reader.integer(event, expected: "the format version")
      },
      .init("lineage", required: true, .string(), "Fixed when the file is created.") { reader, event, root in
        root.lineage = reader.string(event)?.value
      },
      .init(
        "serial", required: true, .integer(minimum: 0, maximum: Lockfile.maximumSerial), "Increases on every write."
      ) { reader, event, root in
        root.serial = reader.integer(event, in: 0...Lockfile.maximumSerial, expected: "the serial")?.value
      },
      .init("account", .string(), "The Boomi account.") { reader, event, root in
        root.account = reader.string(event)?.value
      },
      .init(
        "endpoint", .string(), "Where the releases were made: the scheme and host of the API, or `emulator`."
      ) { reader, event, root in
        root.endpoint = reader.string(event)?.value
      },
      .init("packs", .map(of: .object(pack.schema)), "Managed packs by id.") { reader, event, root in
        root.packs = decodePacks(reader, event)
      },
      .init("retired", .map(of: .object(pack.schema)), "Packs no longer in the manifest.") { reader, event, root in
        root.retired = decodePacks(reader, event)
      },
      .init("pending", .array(of: .object(intent.schema)), "Releases whose outcome is unknown.") {
        reader, event, root in
        reader.forEachElement(of: event, expected: "a list of intents") { element in
          var entry = ReleaseEntry(mark: element.mark)
          guard reader.decode(intent, from: element, into: &entry), let content = entry.content(reader),
            let id = entry.id, let packId = entry.packId, let operation = entry.operation,
            let digest = entry.bodyDigest, let createdAt = entry.createdAt
          else { return }
          root.pending.append(
            Intent(
              id: id, packId: packId, operation: operation, content: content, bodyDigest: digest,
              planId: entry.planId, createdAt: createdAt, failure: entry.statusMessage))
        }
      },
      .init("appliedPlans", .array(of: .string()), "Saved plans already applied.") { reader, event, root in
        root.appliedPlans = reader.stringList(event, expected: "plan ids") ?? []
      },
    ])
}
