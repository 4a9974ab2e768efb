package io.flowdesk.app.story;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.flowdesk.app.story.Chromium.shoot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's CMDB story in Debian's Chromium against the packaged app: a manager records a server,
 * an application that runs on it and a business service that depends on the application, then opens
 * the server and sees both as impacted, in the list and in the picture; on a phone nothing is wider
 * than the screen. An end user is refused the CMDB. An admin defines a CI class with attributes on
 * {@code /admin/cmdb/classes} (a refused field shown where it was typed), and the CI form then asks
 * for them.
 */
class CmdbStoryIT {

  @TempDir static Path dataRoot;

  private static StoryApp app;

  @BeforeAll
  static void start() throws Exception {
    app = StoryApp.start(dataRoot.resolve("data"), "--flowdesk.security.mfa.required-roles=");
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private static String create(
      final Page page, final String classLabel, final String className, final String name) {
    page.navigate("/cmdb");
    page.click("#new-ci");
    page.selectOption("#choose-class", className);
    page.click("button:has-text('Choose class')");
    assertThat(page.locator("h1")).hasText("New " + classLabel);
    page.fill("#name", name);
    page.fill("#owner", "agent.nils");
    page.fill("#supportGroup", "network-team");
    return page.url();
  }

  private static void relate(
      final Page page, final String type, final String targetClass, final String targetName) {
    page.selectOption("#type", type);
    page.selectOption("#targetClass", targetClass);
    page.fill("#targetName", targetName);
    page.click("#add-relationship");
  }

  @Test
  void aManagerRecordsAServiceStackAndSeesTheImpactOfTheServer() {
    final String tag = UUID.randomUUID().toString().substring(0, 6);
    final String serverName = "pay-db-01-" + tag;
    final String appName = "Payments API " + tag;
    final String serviceName = "Online payments " + tag;
    final Page maria = app.signedIn("manager.maria");

    create(maria, "Server", "server", serverName);
    maria.fill("#maintenanceWindow", "Sun 02:00-26:00");
    maria.fill("[id='attr.cpus']", "sixteen");
    maria.click("#save-ci");
    // One refused field at a time, at the field, with everything typed kept.
    assertThat(maria.locator("#maintenanceWindow-error")).containsText("not a time of day");
    assertThat(maria.locator("[id='attr.cpus']")).hasValue("sixteen");
    maria.fill("#maintenanceWindow", "Sun 02:00-06:00");
    maria.click("#save-ci");
    assertThat(maria.locator("[id='attr.cpus-error']")).containsText("'sixteen' is not a number");
    shoot(maria, "cmdb-form-errors");
    maria.fill("[id='attr.cpus']", "16");
    maria.click("#save-ci");
    assertThat(maria.locator("#ci-name")).hasText(serverName);
    assertThat(maria.locator("#maintenance-window")).hasText("Sun 02:00-06:00");

    create(maria, "Application", "application", appName);
    maria.selectOption("#criticality", "HIGH");
    maria.click("#save-ci");
    assertThat(maria.locator("#ci-name")).hasText(appName);
    relate(maria, "RUNS_ON", "server", serverName);
    assertThat(maria.locator("#relationship-list")).containsText("runs on");

    create(maria, "Business service", "business_service", serviceName);
    maria.selectOption("#criticality", "CRITICAL");
    maria.click("#save-ci");
    relate(maria, "DEPENDS_ON", "application", "No such app");
    assertThat(maria.locator("#target-error")).containsText("there is no Application named");
    relate(maria, "DEPENDS_ON", "application", appName);
    assertThat(maria.locator("#relationship-list")).containsText(appName);

    final Page anna = app.signedIn("agent.anna");
    anna.click("#more-menu > summary"); // CMDB waits behind More in the desktop header
    anna.click("nav >> text=CMDB");
    anna.fill("#text", tag);
    anna.click("button:has-text('Search')");
    assertThat(anna.locator("#cis tbody tr")).hasCount(3);
    shoot(anna, "cmdb-search");
    anna.click("#cis >> text=" + serverName);
    assertThat(anna.locator("#impacted-services")).containsText("2");
    assertThat(anna.locator("#impact-list tbody tr")).hasCount(2);
    assertThat(anna.locator("#impact-list"))
        .containsText(serverName + " → " + appName + " → " + serviceName);
    assertThat(anna.locator("#impact-picture svg g.cmdb-service")).hasCount(2);
    assertThat(anna.locator("#edit-ci")).hasCount(0);
    shoot(anna, "cmdb-ci-impact");
    anna.setViewportSize(390, 844);
    final Object widest =
        anna.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    assertThat(widest).isEqualTo(true);
    final Object pictureFits =
        anna.evaluate(
            "() => document.querySelector('#impact-picture svg').getBoundingClientRect().right"
                + " <= window.innerWidth");
    assertThat(pictureFits).isEqualTo(true);
    anna.setViewportSize(1280, 900);

    anna.selectOption("#direction", "down");
    anna.click("button:has-text('Show')");
    assertThat(anna.locator("#no-impact")).isVisible();

    final Page alice = app.signedIn("alice");
    assertThat(alice.locator("nav >> text=CMDB")).hasCount(0);
    assertThat(alice.navigate("/cmdb").status()).isEqualTo(403);
  }

  @Test
  void anAdminDefinesACiClassAndTheCiFormAsksForItsAttributes() {
    final String name = "rack_" + UUID.randomUUID().toString().substring(0, 6);
    final Page admin = app.signedIn("admin");
    admin.navigate("/admin/cmdb/classes");
    assertThat(admin.locator("#class-server")).containsText("Shipped");
    shoot(admin, "cmdb-classes");
    admin.click("#new-class");
    admin.fill("#name", name);
    admin.fill("[id='a0.name']", "units");
    admin.fill("[id='a0.label']", "Height units");
    admin.selectOption("[id='a0.type']", "NUMBER");
    admin.check("[id='a0.required']");
    admin.fill("[id='a1.name']", "cooling");
    admin.fill("[id='a1.label']", "Cooling");
    admin.selectOption("[id='a1.type']", "CHOICE");
    admin.click("button:has-text('Create class')");
    assertThat(admin.locator("#label-error")).containsText("is required");
    assertThat(admin.locator("[id='a1.name']")).hasValue("cooling");
    admin.fill("#label", "Rack");
    admin.click("button:has-text('Create class')");
    assertThat(admin.locator("[id='a1-error']")).hasText("a choice needs its options");
    shoot(admin, "cmdb-class-errors");
    admin.fill("[id='a1.options']", "air\nliquid");
    admin.click("button:has-text('Create class')");
    admin.waitForURL("**/admin/cmdb/classes/" + name);
    assertThat(admin.locator("#notice")).containsText("Class Rack created.");
    shoot(admin, "cmdb-class");

    admin.navigate("/cmdb/cis/new?class=" + name);
    assertThat(admin.locator("[id='attr.units']")).isVisible();
    assertThat(admin.locator("select[id='attr.cooling'] option[value=liquid]")).hasCount(1);

    final Page alice = app.signedIn("alice");
    assertThat(alice.navigate("/admin/cmdb/classes").status()).isEqualTo(403);
  }
}
