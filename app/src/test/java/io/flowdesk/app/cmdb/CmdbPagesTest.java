package io.flowdesk.app.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.record.Actor;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The CMDB pages: search, the CI page with its impact picture, forms with inline errors. */
class CmdbPagesTest extends WebTestSupport {

  @Autowired Cmdb cmdb;

  ConfigurationItem ci(final String className, final String name) {
    return cmdb.create(
        new CiDraft(
            className,
            name,
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            null,
            null,
            Map.of()),
        Actor.person("admin"));
  }

  @Test
  void anAgentFindsACiAndSeesItsImpactAsAListAndAPictureWithNamesEscaped() throws Exception {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final ConfigurationItem server = ci("server", "pg-" + tag);
    final ConfigurationItem app = ci("application", "<b>ledger</b>-" + tag);
    cmdb.relate(app.id(), RelationshipType.RUNS_ON, server.id(), Actor.person("admin"));
    final MockHttpSession anna = signIn("agent.anna");

    final Document list = html(get("/cmdb").param("text", tag).session(anna));
    assertThat(list.select("#cis tbody tr")).hasSize(2);
    assertThat(list.select("#new-ci")).isEmpty();

    final Document page = html(get("/cmdb/cis/" + server.id()).session(anna));
    assertThat(page.getElementById("ci-name").text()).isEqualTo(server.name());
    // People read labels, not the API's names (also in the search and the history).
    assertThat(page.getElementById("environment").text()).isEqualTo("Production");
    assertThat(page.getElementById("status").text()).isEqualTo("In service");
    assertThat(page.select("#history").text()).contains("In service").doesNotContain("IN_SERVICE");
    assertThat(list.select("#cis tbody tr").first().text())
        .contains("Production")
        .doesNotContain("PRODUCTION");
    assertThat(page.select("#relationship-list tbody tr")).hasSize(1);
    assertThat(page.select("#relationship-form")).isEmpty();
    assertThat(page.select("#impact-list tbody tr td:first-child a").eachText())
        .containsExactly(app.name());
    assertThat(page.select("#impact-list tbody tr td:last-child").text())
        .isEqualTo(server.name() + " → " + app.name());
    final Element svg = page.selectFirst("#impact-picture svg.cmdb-impact");
    assertThat(svg).isNotNull();
    assertThat(svg.select("g.cmdb-node")).hasSize(2);
    assertThat(svg.select("g.cmdb-service title").first().text())
        .isEqualTo(app.name() + " (Application)");
    assertThat(svg.select("g.cmdb-service text").first().text())
        .isEqualTo(app.name().substring(0, 19) + "…");
    assertThat(svg.select("b")).isEmpty();
    assertThat(svg.select("line")).hasSize(1);
    assertThat(page.select("#history tbody tr")).isNotEmpty();
  }

  @Test
  void endUsersMayNotOpenTheCmdbAndAgentsMayNotChangeIt() throws Exception {
    final ConfigurationItem server = ci("server", "locked-" + UUID.randomUUID());
    final MockHttpSession alice = signIn("alice");
    mvc.perform(get("/cmdb").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/cmdb/cis/" + server.id()).session(alice)).andExpect(status().isForbidden());
    final MockHttpSession anna = signIn("agent.anna");
    mvc.perform(get("/cmdb/cis/new").session(anna)).andExpect(status().isForbidden());
    mvc.perform(
            post("/cmdb/cis/" + server.id())
                .session(anna)
                .with(csrf())
                .param("name", "taken-over")
                .param("environment", "TEST")
                .param("status", "RETIRED"))
        .andExpect(status().isForbidden());
    assertThat(cmdb.get(server.id()).name()).isEqualTo(server.name());
  }

  @Test
  void theFormsShowRefusedInputAtItsFieldAndKeepWhatWasTyped() throws Exception {
    final MockHttpSession maria = signIn("manager.maria");
    final String name = "form-" + UUID.randomUUID();

    final Document refused =
        html(
            post("/cmdb/cis")
                .session(maria)
                .with(csrf())
                .param("class", "server")
                .param("name", name)
                .param("environment", "PRODUCTION")
                .param("status", "IN_SERVICE")
                .param("attr.cpus", "eight"));

    assertThat(refused.getElementById("attr.cpus-error").text())
        .contains("'eight' is not a number");
    assertThat(refused.getElementById("name").val()).isEqualTo(name);
    assertThat(refused.getElementById("attr.cpus").val()).isEqualTo("eight");
    assertThat(cmdb.findByName("server", name)).isEmpty();

    final String created =
        mvc.perform(
                post("/cmdb/cis")
                    .session(maria)
                    .with(csrf())
                    .param("class", "server")
                    .param("name", name)
                    .param("environment", "PRODUCTION")
                    .param("status", "IN_SERVICE")
                    .param("attr.cpus", "8"))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final ConfigurationItem server = cmdb.findByName("server", name).orElseThrow();
    assertThat(created).isEqualTo("/cmdb/cis/" + server.id());

    final Document page =
        html(
            post("/cmdb/cis/" + server.id() + "/relationships")
                .session(maria)
                .with(csrf())
                .param("type", "DEPENDS_ON")
                .param("targetClass", "server")
                .param("targetName", "no-such-" + name));
    assertThat(page.getElementById("target-error").text())
        .contains("there is no Server named no-such-");
    assertThat(page.getElementById("targetName").val()).isEqualTo("no-such-" + name);
    assertThat(cmdb.relationships(server.id())).isEmpty();
  }
}
