/// The product's version, printed by `--version` and recorded in nothing that churns.
public enum ProductVersion {
  public static let current = "0.1.0"
}
