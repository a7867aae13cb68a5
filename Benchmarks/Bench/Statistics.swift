import Foundation

/// Repeated measurements of one quantity.
struct Samples: Sendable {
  private(set) var values: [Double] = []

  mutating func add(_ value: Double) {
    values.append(value)
  }

  var count: Int { values.count }

  /// The middle value (the mean of the two middle ones for an even count); 0 when empty.
  var median: Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
  }

  var minimum: Double { values.min() ?? 0 }
  var maximum: Double { values.max() ?? 0 }
}

/// Number formatting for the report.
enum Format {
  /// `value` with `digits` decimals.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
  }

  static func milliseconds(_ seconds: Double) -> String { fixed(seconds * 1000, seconds < 0.1 ? 1 : 0) + " ms" }

  static func megabytes(_ bytes: Double) -> String { fixed(bytes / 1_048_576, 1) + " MB" }

  static func megabytes(_ bytes: Int) -> String { megabytes(Double(bytes)) }
}
