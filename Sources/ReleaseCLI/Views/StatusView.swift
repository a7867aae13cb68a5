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

  /// A warning per release whose status could not be read.
  static func unread(_ unread: [String: String], style: TerminalStyle) -> String {
    unread.sorted(by: { $0.key < $1.key }).map { id, reason in
      style.apply("warning:", .bold, .yellow) + " could not read the status of \(id): \(reason)\n"
    }.joined()
  }
}
