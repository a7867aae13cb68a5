import BoomiEmulator

/// Ids of the emulator's built-in demo catalog (which the example manifests match), looked up by
/// name, so a test names what it means and follows the catalog if an id changes. A name the
/// catalog lacks gives an id no request can match, and the test fails saying so.
public enum Demo {
  public static let ordersSync = pack("orders-sync")
  public static let orderSyncProcess = component("orders-sync", "Order Sync Process")
  public static let orderMapping = component("orders-sync", "Order Mapping")
  public static let billingExport = pack("billing-export")
  public static let invoiceExport = component("billing-export", "Invoice Export")
  public static let inventoryFeed = pack("inventory-feed")
  public static let inventoryFeedComponent = component("inventory-feed", "Inventory Feed")
  public static let hrOnboarding = pack("hr-onboarding")
  public static let onboardingOrchestration = component("hr-onboarding", "Onboarding Orchestration")

  private static func pack(_ name: String) -> String {
    Catalog.demo.pack(named: name)?.id ?? "no-demo-pack-named-\(name)"
  }

  private static func component(_ pack: String, _ name: String) -> String {
    Catalog.demo.pack(named: pack)?.component(named: name)?.componentId ?? "no-demo-component-named-\(name)"
  }
}
