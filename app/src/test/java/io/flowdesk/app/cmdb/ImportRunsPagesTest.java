package io.flowdesk.app.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.cmdb.CiImport;
import io.flowdesk.domain.cmdb.CiImportRow;
import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ImportReject;
import io.flowdesk.domain.cmdb.ImportRun;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * The import run report: {@code /cmdb/imports} and {@code /cmdb/imports/{id}} with the rejected
 * rows, and the same as JSON; for CMDB readers only.
 */
class ImportRunsPagesTest extends WebTestSupport {

  @Autowired CmdbImport imports;
  @Autowired ObjectMapper json;

  private ImportRun runWithARejectedRow() {
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    return imports.importCis(
        new CiImport(
            "test-export-" + tag,
            false,
            List.of(
                new CiImportRow(
                    2,
                    "server",
                    "imp-" + tag,
                    null,
                    null,
                    null,
                    "PRODUCTION",
                    "IN_SERVICE",
                    Map.of()),
                new CiImportRow(
                    3, "no_such_class", "ghost-" + tag, null, null, null, null, null, Map.of())),
            List.of(),
            List.of(new ImportReject(ImportReject.Kind.CI, 4, "expected 8 fields, found 3"))));
  }

  private JsonNode api(final String url, final String user) throws Exception {
    return json.readTree(
        mvc.perform(get(url).with(httpBasic(user, DEMO_PASSWORD)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void anAgentSeesTheRunsCountsAndARunsRejectedRowsWithTheirReasons() throws Exception {
    final ImportRun run = runWithARejectedRow();
    assertThat(run.inserted()).isEqualTo(1);
    assertThat(run.rejected()).isEqualTo(2);
    final MockHttpSession anna = signIn("agent.anna");

    assertThat(html(get("/cmdb").session(anna)).select("#import-runs-link").attr("href"))
        .isEqualTo("/cmdb/imports");
    final Document list = html(get("/cmdb/imports").session(anna));
    final var row = list.select("#run-" + run.id());
    assertThat(row.select("td").get(1).text()).isEqualTo(run.source());
    assertThat(row.select(".run-created").text()).isEqualTo("1");
    assertThat(row.select(".run-rejected").text()).isEqualTo("2");
    assertThat(row.select(".run-status").text()).isEqualTo("Loaded, rows rejected");

    final Document one = html(get("/cmdb/imports/" + run.id()).session(anna));
    assertThat(one.select("#rejects .reject-row").eachText()).containsExactly("3", "4");
    assertThat(one.select("#rejects .reject-reason").text())
        .contains("no_such_class")
        .contains("expected 8 fields, found 3");

    final JsonNode runs = api("/api/cmdb/imports", "agent.anna");
    assertThat(runs.findValuesAsText("source")).contains(run.source());
    final JsonNode detail = api("/api/cmdb/imports/" + run.id(), "manager.maria");
    assertThat(detail.get("inserted").asInt()).isEqualTo(1);
    assertThat(detail.get("rejects").findValuesAsText("row")).containsExactly("3", "4");
  }

  @Test
  void anUnknownRunIsA404AndEndUsersGet403() throws Exception {
    mvc.perform(get("/api/cmdb/imports/987654321").with(httpBasic("admin", DEMO_PASSWORD)))
        .andExpect(status().isNotFound())
        .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    mvc.perform(get("/cmdb/imports/987654321").session(signIn("admin")))
        .andExpect(status().isNotFound());

    final ImportRun run = runWithARejectedRow();
    final MockHttpSession alice = signIn("alice");
    mvc.perform(get("/cmdb/imports").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/cmdb/imports/" + run.id()).session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/api/cmdb/imports").with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/cmdb/imports/" + run.id()).with(httpBasic("alice", DEMO_PASSWORD)))
        .andExpect(status().isForbidden());
  }
}
