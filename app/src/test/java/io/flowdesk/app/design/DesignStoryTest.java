package io.flowdesk.app.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.portal.catalog.ServiceCatalog;
import io.flowdesk.app.request.RequestItems;
import io.flowdesk.app.request.RequestOrdering;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.story.Chromium;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.request.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The product's look in Debian's Chromium: an end user's portal and report form; an agent's inbox,
 * incident, request, change and problem pages, the change calendar and the reports; an admin's
 * operations console; shot at 1280 and 375 px into target/screenshots/ for a person to look at. On
 * the phone and the desktop nothing sticks out sideways and no date breaks over lines; on the phone
 * the header is one row whose menu button opens the links from the keyboard; at 1280 px an admin's
 * header is one row as an agent's is, the less used links behind More; request, change and problem
 * states (record pages, lists, the portal) wear their colours.
 */
class DesignStoryTest extends WebTestSupport {

  private static final int PHONE = 375;

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([A-Z]{3}\\d{7})\"");

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;
  @Autowired ServiceCatalog catalog;
  @Autowired RequestOrdering ordering;

  @Test
  void portalReportFormInboxAndIncidentPageFitDesktopAndPhone() {
    final IncidentTasks.Waiting waiting =
        new IncidentTasks(client, records)
            .reportedBy(
                "alice",
                "The projector in meeting room Aurora-4 shows no picture from any laptop",
                "Since this morning the projector in Aurora-4 stays blue whatever we connect:"
                    + " HDMI, USB-C and the wireless dongle. We restarted it twice and tried"
                    + " three laptops. The 14:00 customer presentation depends on it.");

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page alice = signInThroughTheForm(browser, "alice");
      look(alice, "/portal", "design-portal");
      look(alice, "/portal/report", "design-report-form");

      final Page anna = signInThroughTheForm(browser, "agent.anna");
      look(anna, "/inbox?view=groups&sort=created", "design-inbox");
      assertThat(anna.locator("tr[data-task-key='" + waiting.key() + "']").count()).isEqualTo(1);
      look(anna, "/incidents/" + waiting.number(), "design-incident-record");
      menuOpensFromTheKeyboard(anna);
    }
  }

  @Test
  void requestChangeProblemCalendarReportAndOperatePagesFitDesktopAndPhone() throws Exception {
    final IncidentTasks.Waiting waiting =
        new IncidentTasks(client, records)
            .reportedBy(
                "alice",
                "Printers on the second floor drop off the network every afternoon",
                "All four printers near the kitchen vanish from the print queue around 15:00.");
    final Request request = laptopOrderedByAlice();
    final String change =
        raised(
            "/api/changes",
            "agent.anna",
            """
            {"type": "normal", "summary": "Replace the second-floor access switch with a managed one",
             "assignmentGroup": "service-desk",
             "plannedStart": "%sT20:00Z", "plannedEnd": "%sT22:00Z",
             "description": "The switch drops its uplink when the printers wake from sleep.",
             "implementationPlan": "Rack the new switch, move the uplink, then the printers one by one.",
             "backoutPlan": "Move the cables back to the old switch."}
            """
                .formatted(
                    LocalDate.now(ZoneOffset.UTC).plusDays(2),
                    LocalDate.now(ZoneOffset.UTC).plusDays(2)));
    final String problem =
        raised(
            "/api/problems",
            "manager.maria",
            """
            {"summary": "Second-floor printers drop off the network", "assignmentGroup":
             "problem-management", "priority": "P3", "incidents": ["%s"]}
            """
                .formatted(waiting.number()));

    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page anna = signInThroughTheForm(browser, "agent.anna");
      look(anna, "/requests/" + request.number(), "design-request-record");
      coloured(anna, "#state > .fd-state:first-child");
      look(anna, "/changes/" + change, "design-change-record");
      coloured(anna, "#state > .fd-state:first-child");
      look(anna, "/problems/" + problem, "design-problem-record");
      coloured(anna, "#state > .fd-state:first-child");
      look(anna, "/requests", "design-request-list");
      coloured(anna, "#requests .fd-state");
      look(anna, "/changes", "design-change-list");
      coloured(anna, "#changes td[data-label=State] .fd-state");
      look(anna, "/problems", "design-problem-list");
      coloured(anna, "#problems td[data-label=State] .fd-state");
      look(anna, "/changes/calendar", "design-calendar");
      final Page alice = signInThroughTheForm(browser, "alice");
      look(alice, "/portal/requests/" + request.number(), "design-portal-request");
      coloured(alice, "#state > .fd-state");
      look(alice, "/portal/requests", "design-my-requests");
      coloured(alice, "#requests .fd-state");
      final Page maria = signInThroughTheForm(browser, "manager.maria");
      maria.navigate("/reports");
      maria.locator("details.fd-report-table > summary").all().forEach(s -> s.click());
      look(maria, null, "design-reports");
      final Page admin = signInThroughTheForm(browser, "admin");
      look(admin, "/operate", "design-operate-processes");
      look(admin, "/operate/instances", "design-operate-instances");
      look(
          admin,
          "/operate/instances/" + waiting.task().getProcessInstanceKey(),
          "design-operate-instance");
    }
  }

  private Request laptopOrderedByAlice() {
    final String id = RequestItems.deploy(client, catalog, Map.of());
    return ordering.order(
        catalog.item(id).orElseThrow(),
        new Viewer("alice", "Alice Andersen", Set.of(Role.END_USER), Set.of()),
        "alice",
        Map.of("model", "14 inch, light", "reason", "The hinge of mine broke on the train"));
  }

  /** POSTs {@code json} to {@code path} as {@code username}; the new record's number. */
  private String raised(final String path, final String username, final String json)
      throws Exception {
    final String body =
        mvc.perform(
                post(path)
                    .with(httpBasic(username, DEMO_PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    final Matcher number = NUMBER.matcher(body);
    assertThat(number.find()).as(body).isTrue();
    return number.group(1);
  }

  /**
   * On a phone the header is one row with a menu button; Enter on the focused button shows the
   * links, and the signed-in person's name with them.
   */
  private static void menuOpensFromTheKeyboard(final Page page) {
    page.setViewportSize(PHONE, 844);
    page.navigate("/inbox");
    assertThat(page.locator("header").boundingBox().height).isLessThanOrEqualTo(56);
    assertThat(page.locator("nav.fd-nav a[href='/reports']").isVisible()).isFalse();
    page.locator("#main-menu > summary").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("nav.fd-nav a[href='/reports']").isVisible()).isTrue();
    assertThat(page.locator("#signed-in-user").isVisible()).isTrue();
    Chromium.shoot(page, "design-menu-open", PHONE);
    page.setViewportSize(1280, 900);
    page.navigate("/inbox");
    assertThat(page.locator("nav.fd-nav a[href='/incidents']").isVisible())
        .as("the links stand in the desktop header without opening the menu")
        .isTrue();
    assertThat(page.locator("nav.fd-nav a[href='/reports']").isVisible())
        .as("the less used links wait behind More on the desktop")
        .isFalse();
  }

  @Test
  void anAdminsHeaderIsOneRowAtDesktopWidthAsAnAgentsIs() {
    try (Playwright playwright = Chromium.playwright();
        Browser browser = Chromium.launch(playwright)) {
      final Page anna = signInThroughTheForm(browser, "agent.anna");
      final Page admin = signInThroughTheForm(browser, "admin");

      final double agents = headerHeight(anna, 1280);
      final double admins = headerHeight(admin, 1280);

      assertThat(admins).as("the admin's header at 1280 px").isEqualTo(agents);
      assertThat(admins).as("one row, as the 56 px phone header").isLessThanOrEqualTo(56);
      assertThat(oneRow(admin)).as("brand, links, More and name on one line").isTrue();
      // Admin, Operate, Reports and CMDB wait behind More, which opens from the keyboard.
      assertThat(admin.locator("nav.fd-nav a[href='/admin']").isVisible()).isFalse();
      admin.locator("#more-menu > summary").focus();
      admin.keyboard().press("Enter");
      for (final String link : List.of("/cmdb", "/reports", "/operate", "/admin")) {
        assertThat(admin.locator("nav.fd-nav a[href='" + link + "']").isVisible())
            .as("%s in the open More menu", link)
            .isTrue();
      }
      admin.screenshot(
          new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("design-header-admin.png")));
      admin.keyboard().press("Escape");
      assertThat(admin.locator("nav.fd-nav a[href='/admin']").isVisible())
          .as("Escape closes More")
          .isFalse();

      // On the phone the same links follow the others in the menu, without a second step.
      assertThat(headerHeight(admin, PHONE)).isLessThanOrEqualTo(56);
      admin.locator("#main-menu > summary").focus();
      admin.keyboard().press("Enter");
      for (final String link : List.of("/inbox", "/cmdb", "/reports", "/operate", "/admin")) {
        assertThat(admin.locator("nav.fd-nav a[href='" + link + "']").isVisible())
            .as("%s in the open phone menu", link)
            .isTrue();
      }
      assertThat(
              (Boolean)
                  admin.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as("the open phone menu sticks out sideways")
          .isTrue();
      admin.screenshot(
          new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve("design-menu-admin-phone.png"))
              .setFullPage(true));
    }
  }

  /** The header's height on the portal at {@code width} px. */
  private static double headerHeight(final Page page, final int width) {
    page.setViewportSize(width, 900);
    page.navigate("/portal");
    return page.locator("header").boundingBox().height;
  }

  /** Whether the brand, the links, More and the signed-in name share one line across the header. */
  private static boolean oneRow(final Page page) {
    return (Boolean)
        page.evaluate(
            """
            () => {
              const boxes = [...document.querySelectorAll('.fd-brand, nav.fd-nav > ul > li > a,'
                  + ' #more-menu > summary, #signed-in-user')].map(e => e.getBoundingClientRect());
              return Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom));
            }
            """);
  }

  /**
   * The state badges {@code selector} finds are there, and none has the plain badge's background
   * (each state's tone from flowdesk.css applies).
   */
  @SuppressWarnings("unchecked")
  private static void coloured(final Page page, final String selector) {
    final Locator badges = page.locator(selector);
    assertThat(badges.count()).as("state badges %s on %s", selector, page.url()).isPositive();
    final List<String> plain =
        (List<String>)
            badges.evaluateAll(
                """
                badges => {
                  const probe = document.createElement('span');
                  probe.className = 'fd-state';
                  document.body.append(probe);
                  const grey = getComputedStyle(probe).backgroundColor;
                  probe.remove();
                  return badges.filter(b => getComputedStyle(b).backgroundColor === grey)
                    .map(b => b.textContent.trim());
                }
                """);
    assertThat(plain).as("state badges without a colour on %s", page.url()).isEmpty();
  }

  /**
   * Opens {@code path} (null: stays on the page), shoots it, and checks it on the phone and the
   * desktop.
   */
  private static void look(final Page page, final String path, final String name) {
    if (path != null) {
      page.navigate(path);
    }
    Chromium.shoot(page, name, PHONE);
    for (final int width : new int[] {PHONE, 1280}) {
      page.setViewportSize(width, 900);
      assertThat(
              (Boolean)
                  page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as("%s sticks out sideways at %d px", name, width)
          .isTrue();
      assertThat(wrappedDates(page))
          .as("dates broken over lines on %s at %d px", name, width)
          .isEmpty();
    }
  }

  /** The dates (and other texts kept on one line) that take more than one line. */
  private static List<String> wrappedDates(final Page page) {
    return Chromium.wrappedTexts(page, "time, .fd-nowrap, .fd-number");
  }
}
