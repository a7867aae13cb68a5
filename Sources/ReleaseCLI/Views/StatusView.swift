import ReleaseCore

/// The recorded releases and their statuses, one line each, and the attempts whose outcome is
/// unknown.
enum StatusView {
  static func text(_ lockfile: Lockfile, style: TerminalStyle) -> String {
    var out = ""
    for (id, record) in lockfile.packs.sorted(by: { $0.key < $1.key }) {
      guard let release = record.release else { continue }
      let status = release.status?.rawValue ?? "not read"
      let colour: TerminalStyle.Attribute =
        switch release.status {
        case .success?: .green
        case .error?: .red
        case .scheduled?, .inProgress?: .yellow
        case nil: .dim
        }
      out +=
        "  \(record.name ?? id)  \(release.requestId)  \(release.content.schedule)  "
        + style.apply(status, colour) + "\n"
    }
    for intent in lockfile.pending {
      out +=
        "  \(style.apply("!", .red)) \(lockfile.packs[intent.packId]?.name ?? intent.packId): "
        + "a \(intent.operation.rawValue) of \(intent.createdAt) has an unknown outcome; run `boomi-release recover`\n"
    }
    return out.isEmpty ? "No releases recorded.\n" : out
  }

  /// `status --format json`: per pack its current release (requestId, operation, schedule,
  /// status, Boomi's message), and the attempts whose outcome is unknown.
  static func json(_ lockfile: Lockfile) -> String {
    let packs = lockfile.packs.sorted(by: { $0.key < $1.key }).compactMap { id, record -> JSONValue? in
      guard let release = record.release else { return nil }
      var members: [String: JSONValue] = [
        "packId": .string(id), "requestId": .string(release.requestId),
        "action": .string(release.operation.rawValue), "releaseSchedule": .string(release.content.schedule.wireValue),
        "appliedAt": .string(release.appliedAt),
      ]
      members["name"] = record.name.map(JSONValue.string)
      members["releaseOnDate"] = release.content.schedule.date.map { .string($0.description) }
      members["status"] = release.status.map { .string($0.rawValue) }
      members["message"] = release.statusMessage.map(JSONValue.string)
      return .object(members)
    }
    let pending = lockfile.pending.map { intent -> JSONValue in
      var members: [String: JSONValue] = [
        "packId": .string(intent.packId), "intentId": .string(intent.id),
        "action": .string(intent.operation.rawValue), "createdAt": .string(intent.createdAt),
      ]
      members["message"] = intent.failure.map(JSONValue.string)
      return .object(members)
    }
    return JSONValue.object(["packs": .array(packs), "pending": .array(pending)]).prettyPrinted()
  }

  /// A warning per release whose status could not be read.
  static func unread(_ unread: [String: String], style: TerminalStyle) -> String {
    unread.sorted(by: { $0.key < $1.key }).map { id, reason in
      style.apply("warning:", .bold, .yellow) + " could not read the status of \(id): \(reason)\n"
    }.joined()
  }
}
