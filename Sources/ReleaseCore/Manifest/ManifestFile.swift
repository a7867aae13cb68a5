/// The manifest as written: every value as text with its position, before any checking.
///
/// ``ManifestValidator`` turns it into a ``Manifest``. Keeping the two apart means checks can
/// point at the exact place of every value, and the domain type never holds unchecked text.
public struct ManifestFile: Sendable {
  public var mark: SourceMark
  public var version: Located<Scalar>?
  public var account: Located<Scalar>?
  public var timezone: Located<Scalar>?
  public var packs: Located<[Pack]>?

  public init(mark: SourceMark) {
    self.mark = mark
  }

  public struct Pack: Sendable {
    public var mark: SourceMark
    public var id: Located<Scalar>?
    public var name: Located<Scalar>?
    public var installationType: Located<Scalar>?
    public var release: Located<Scalar>?
    public var components: Located<[Component]>?

    public init(mark: SourceMark) {
      self.mark = mark
    }
  }

  public struct Component: Sendable {
    public var mark: SourceMark
    public var id: Located<Scalar>?
    public var version: Located<Scalar>?
    public var name: Located<Scalar>?

    public init(mark: SourceMark) {
      self.mark = mark
    }
  }
}
