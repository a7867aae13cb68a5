/// A 1-based line and column in a source file; columns count Unicode characters, as libyaml does.
public struct SourceMark: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static let start = SourceMark(line: 1, column: 1)

  public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// A value read from a file, with the place it was read from.
public struct Located<Value> {
  public var value: Value
  public var mark: SourceMark

  public init(_ value: Value, at mark: SourceMark) {
    self.value = value
    self.mark = mark
  }

  public func map<T>(_ transform: (Value) -> T) -> Located<T> {
    Located<T>(transform(value), at: mark)
  }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
