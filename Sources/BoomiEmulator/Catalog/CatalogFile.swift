import ReleaseCore

/// The catalog as written: every value with its position, before any checking.
///
/// ``CatalogFormat`` decodes into it and ``CatalogValidator`` turns it into a ``Catalog``, so
/// every problem can point at the exact place of the value it is about.
struct CatalogFile {
  var mark: SourceMark
  var packs: Located<[Pack]>?

  init(mark: SourceMark) {
    self.mark = mark
  }

  struct Pack {
    var mark: SourceMark
    var id: Located<String>?
    var name: Located<String>?
    var installationType: Located<String>?
    var description: Located<String>?
    var components: Located<[Component]>?

    init(mark: SourceMark) {
      self.mark = mark
    }
  }

  struct Component {
    var mark: SourceMark
    var componentId: Located<String>?
    var componentName: Located<String>?
    var componentType: Located<String>?
    var currentVersion: Located<String>?
    var versions: Located<[Version]>?

    init(mark: SourceMark) {
      self.mark = mark
    }
  }

  struct Version {
    var mark: SourceMark
    var packageId: Located<String>?
    var packageVersion: Located<String>?
    var shareable: Located<Bool>?
    var deleted: Located<Bool>?
    var componentVersion: Located<String>?
    var createdBy: Located<String>?
    var createdDate: Located<String>?
    var notes: Located<String>?

    init(mark: SourceMark) {
      self.mark = mark
    }
  }
}
