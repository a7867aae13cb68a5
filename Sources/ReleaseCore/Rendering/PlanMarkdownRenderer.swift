import SafeText

/// The plan as a pull-request comment (`--format markdown`): a table, kept under GitHub's
/// comment limit by cutting rows with a note.
public struct PlanMarkdownRenderer: Sendable {
  /// GitHub refuses comments over 65,536 characters; stay well under.
  public var characterLimit: Int

  public init(characterLimit: Int = 60_000) {
    self.characterLimit = characterLimit
  }

  public func render(_ plan: Plan, title: String = "boomi-release plan") -> String {
    let summary = plan.summary
    var head = "### \(title)\n\n"
    head += "**Plan: \(summary.create) to create, \(summary.update) to update, \(summary.noop) unchanged.**"
    if summary.unmanaged > 0 {
      head += " \(summary.unmanaged) pack\(summary.unmanaged == 1 ? "" : "s") to retire."
    }
    head += " Dates are checked against \(plan.today) in \(plan.timeZone).\n\n"
    var notes: [String] = []
    for pack in plan.blocked {
      notes.append(
        "> [!CAUTION]\n> **\(escape(pack.label))** is blocked: the outcome of an earlier attempt is unknown."
          + " Run `boomi-release recover` to settle it.\n")
    }
    for pack in plan.unmanaged {
      notes.append(
        "> [!WARNING]\n> **\(escape(pack.label))** (`\(pack.packId)`) is no longer in the manifest:"
          + " no longer managed; Boomi cannot retract a release. Its record is kept.\n")
    }
    let rows = plan.changes.filter { $0.action != .noop }.map(row)
    guard !rows.isEmpty else {
      return head + notes.joined(separator: "\n") + (notes.isEmpty ? "" : "\n") + "No releases to send.\n"
    }
    let tableHead = "| | Pack | Action | Release | Components | Reason |\n|---|---|---|---|---|---|\n"
    var out = head + notes.joined(separator: "\n") + (notes.isEmpty ? "" : "\n") + tableHead
    var shown = 0
    var length = out.count
    let reserve = 300
    for row in rows {
      let rowLength = row.count
      guard length + rowLength + reserve <= characterLimit else { break }
      out += row
      length += rowLength
      shown += 1
    }
    if shown < rows.count {
      out +=
        "\n_…and \(rows.count - shown) more pack\(rows.count - shown == 1 ? "" : "s") not shown:"
        + " this comment is limited to \(characterLimit) characters. Run `boomi-release plan` for the whole plan._\n"
    }
    return out
  }

  private func row(_ change: Change) -> String {
    let symbol = change.action == .create ? "➕" : "🔄"
    let pack =
      change.name.map { "**\(escape($0))**<br>`\(change.packId)`" } ?? "`\(change.packId)`"
    var release = change.after.schedule.description
    if let before = change.before?.content.schedule, before != change.after.schedule {
      release = "\(before) → \(release)"
    }
    let components = change.componentChanges.map { component -> String in
      let label = component.name.map(escape) ?? "`\(component.componentId)`"
      switch (component.from, component.to) {
      case (nil, let to?): return "\(label): **\(escape(to))** (new)"
      case (let from?, let to?) where from != to: return "\(label): \(escape(from)) → **\(escape(to))**"
      case (let from?, nil): return "\(label): \(escape(from)) (left out)"
      default: return "\(label): \(escape(component.to ?? ""))"
      }
    }.joined(separator: "<br>")
    return
      "| \(symbol) | \(pack) | \(change.action.rawValue) | \(release) | \(components) | \(escape(change.reason.description)) |\n"
  }

  /// Makes text safe inside a table cell: Markdown's own characters escaped, and control
  /// characters shown as their visible stand-ins.
  private func escape(_ text: String) -> String {
    var out = ""
    for character in ControlCharacters.escaped(text) {
      switch character {
      case "|": out += "\\|"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "*", "_", "`", "[", "]": out += "\\\(character)"
      default: out.append(character)
      }
    }
    return out
  }
}
