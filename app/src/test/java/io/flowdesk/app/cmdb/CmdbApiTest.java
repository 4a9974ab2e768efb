package io.flowdesk.app.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.WebTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The CMDB REST API: CIs, relationships and impact analysis with the pages' permissions (agents
 * read; managers and admins write; end users nothing), problem documents naming the field.
 */
class CmdbApiTest extends WebTestSupport {

  @Autowired ObjectMapper json;

  static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  static String unique(final String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static MockHttpServletRequestBuilder json(
      final MockHttpServletRequestBuilder request, final String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  JsonNode body(final ResultActions result) throws Exception {
    return json.readTree(
        result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
  }

  String createCi(final String className, final String name, final String extra) throws Exception {
    return body(mvc.perform(
                json(
                        post("/api/cmdb/cis"),
                        "{\"class\":\""
                            + className
                            + "\",\"name\":\""
                            + name
                            + "\",\"environment\":\"production\",\"status\":\"IN_SERVICE\""
                            + extra
                            + "}")
                    .with(as("manager.maria")))
            .andExpect(status().isCreated()))
        .get("id")
        .asText();
  }

  void relate(final String source, final String type, final String target) throws Exception {
    mvc.perform(
            json(
                    post("/api/cmdb/cis/" + source + "/relationships"),
                    "{\"type\":\"" + type + "\",\"target\":\"" + target + "\"}")
                .with(as("admin")))
        .andExpect(status().isCreated());
  }

  void assertProblem(final ResultActions result, final int status, final String field)
      throws Exception {
    result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    final JsonNode problem = body(result);
    assertThat(problem.get("field").asText()).isEqualTo(field);
    assertThat(problem.get("errors").has(field)).isTrue();
  }

  @Test
  void aManagerRecordsAServiceItsApplicationAndServerAndTheImpactFindsThemBothWays()
      throws Exception {
    final String server =
        createCi(
            "server",
            unique("srv"),
            ",\"owner\":\"agent.nils\",\"supportGroup\":\"network-team\","
                + "\"maintenanceWindow\":\"sun 02:00-06:00\",\"attributes\":{\"cpus\":8}");
    final String app = createCi("application", unique("billing"), ",\"criticality\":\"HIGH\"");
    final String serviceName = unique("Invoicing");
    final String service = createCi("business_service", serviceName, "");
    relate(app, "runs on", server);
    relate(service, "DEPENDS_ON", app);

    final JsonNode got =
        body(
            mvc.perform(get("/api/cmdb/cis/" + server).with(as("agent.anna")))
                .andExpect(status().isOk()));
    assertThat(got.get("class").asText()).isEqualTo("server");
    assertThat(got.get("maintenanceWindow").asText()).isEqualTo("Sun 02:00-06:00");
    assertThat(got.get("attributes").get("cpus").asInt()).isEqualTo(8);

    final JsonNode up =
        body(
            mvc.perform(get("/api/cmdb/cis/" + server + "/impact").with(as("agent.anna")))
                .andExpect(status().isOk()));
    assertThat(up.get("direction").asText()).isEqualTo("UP");
    assertThat(up.get("depth").asInt()).isEqualTo(5);
    final JsonNode reached = up.get("reached");
    assertThat(reached).hasSize(2);
    assertThat(reached.get(0).get("id").asText()).isEqualTo(app);
    assertThat(reached.get(0).get("via").asText()).isEqualTo("RUNS_ON");
    assertThat(reached.get(0).get("criticality").asText()).isEqualTo("HIGH");
    assertThat(reached.get(1).get("name").asText()).isEqualTo(serviceName);
    assertThat(reached.get(1).get("depth").asInt()).isEqualTo(2);
    assertThat(reached.get(1).get("service").asBoolean()).isTrue();
    final List<String> path = new ArrayList<>();
    reached.get(1).get("path").forEach(id -> path.add(id.asText()));
    assertThat(path).containsExactly(server, app, service);

    final JsonNode down =
        body(
            mvc.perform(
                    get("/api/cmdb/cis/" + service + "/impact?direction=down&depth=1")
                        .with(as("agent.anna")))
                .andExpect(status().isOk()));
    assertThat(down.get("reached")).hasSize(1);
    assertThat(down.get("reached").get(0).get("id").asText()).isEqualTo(app);

    final JsonNode relationships =
        body(mvc.perform(get("/api/cmdb/cis/" + app + "/relationships").with(as("agent.anna"))));
    assertThat(relationships).hasSize(2);
    final JsonNode found =
        body(
            mvc.perform(
                    get("/api/cmdb/cis?text="
                            + serviceName.toUpperCase()
                            + "&class=business_service")
                        .with(as("agent.anna")))
                .andExpect(status().isOk()));
    assertThat(found.get("totalItems").asInt()).isEqualTo(1);
    assertThat(found.get("items").get(0).get("id").asText()).isEqualTo(service);
  }

  @Test
  void anUpdateReplacesTheFieldsAndRemovingARelationshipEndsItsImpact() throws Exception {
    final String server = createCi("server", unique("srv"), "");
    final String db = createCi("database", unique("db"), "");
    relate(db, "HOSTED_ON", server);
    final JsonNode relationship =
        body(mvc.perform(get("/api/cmdb/cis/" + server + "/relationships").with(as("admin"))))
            .get(0);

    final JsonNode updated =
        body(
            mvc.perform(
                    json(
                            put("/api/cmdb/cis/" + db),
                            "{\"name\":\"renamed-"
                                + db
                                + "\",\"environment\":\"TEST\","
                                + "\"status\":\"RETIRED\",\"attributes\":{\"engine\":\"PostgreSQL\"}}")
                        .with(as("manager.maria")))
                .andExpect(status().isOk()));
    assertThat(updated.get("status").asText()).isEqualTo("RETIRED");
    assertThat(updated.get("attributes").get("engine").asText()).isEqualTo("PostgreSQL");

    mvc.perform(
            delete("/api/cmdb/cis/" + server + "/relationships/" + relationship.get("id").asLong())
                .with(as("manager.maria")))
        .andExpect(status().isNoContent());
    assertThat(
            body(mvc.perform(get("/api/cmdb/cis/" + server + "/impact").with(as("admin"))))
                .get("reached"))
        .isEmpty();
  }

  @Test
  void badInputIsAProblemDocumentNamingTheField() throws Exception {
    final String server = createCi("server", unique("srv"), "");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis"),
                    "{\"class\":\"toaster\",\"name\":\"t\",\"environment\":\"TEST\",\"status\":\"PLANNED\"}")
                .with(as("admin"))),
        400,
        "class");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis"),
                    "{\"class\":\"server\",\"name\":\""
                        + unique("s")
                        + "\",\"environment\":\"TEST\","
                        + "\"status\":\"PLANNED\",\"attributes\":{\"cpus\":\"lots\"}}")
                .with(as("admin"))),
        400,
        "attributes.cpus");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis"),
                    "{\"class\":\"server\",\"name\":\""
                        + unique("s")
                        + "\",\"environment\":\"MOON\","
                        + "\"status\":\"PLANNED\"}")
                .with(as("admin"))),
        400,
        "environment");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis"),
                    "{\"class\":\"server\",\"name\":\""
                        + unique("s")
                        + "\",\"environment\":\"TEST\","
                        + "\"status\":\"PLANNED\",\"owner\":\"nobody.here\"}")
                .with(as("admin"))),
        400,
        "owner");
    mvc.perform(get("/api/cmdb/cis/" + UUID.randomUUID()).with(as("admin")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis/" + server + "/relationships"),
                    "{\"type\":\"DEPENDS_ON\",\"target\":\"" + server + "\"}")
                .with(as("admin"))),
        400,
        "target");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis/" + server + "/relationships"),
                    "{\"type\":\"DEPENDS_ON\",\"target\":\"" + UUID.randomUUID() + "\"}")
                .with(as("admin"))),
        400,
        "target");
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis/" + server + "/relationships"),
                    "{\"type\":\"LIKES\",\"target\":\"" + server + "\"}")
                .with(as("admin"))),
        400,
        "type");
    final String other = createCi("server", unique("srv"), "");
    relate(server, "CONNECTS_TO", other);
    assertProblem(
        mvc.perform(
            json(
                    post("/api/cmdb/cis/" + server + "/relationships"),
                    "{\"type\":\"CONNECTS_TO\",\"target\":\"" + other + "\"}")
                .with(as("admin"))),
        409,
        "target");
    assertProblem(
        mvc.perform(get("/api/cmdb/cis/" + server + "/impact?depth=99").with(as("admin"))),
        400,
        "depth");
  }

  @Test
  void endUsersGetForbiddenAgentsMayOnlyReadAndSessionWritesNeedTheCsrfToken() throws Exception {
    final String server = createCi("server", unique("srv"), "");
    for (final String path :
        List.of(
            "/api/cmdb/classes",
            "/api/cmdb/cis",
            "/api/cmdb/cis/" + server,
            "/api/cmdb/cis/" + server + "/relationships",
            "/api/cmdb/cis/" + server + "/impact")) {
      mvc.perform(get(path).with(as("alice"))).andExpect(status().isForbidden());
      mvc.perform(get(path).with(as("agent.anna"))).andExpect(status().isOk());
    }
    final String body =
        "{\"class\":\"server\",\"name\":\""
            + unique("s")
            + "\",\"environment\":\"TEST\",\"status\":\"PLANNED\"}";
    mvc.perform(json(post("/api/cmdb/cis"), body).with(as("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(json(post("/api/cmdb/cis"), body).with(as("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(json(put("/api/cmdb/cis/" + server), body).with(as("agent.anna")))
        .andExpect(status().isForbidden());

    final MockHttpSession maria = signIn("manager.maria");
    mvc.perform(json(post("/api/cmdb/cis"), body).session(maria)).andExpect(status().isForbidden());
    mvc.perform(json(post("/api/cmdb/cis"), body).session(maria).with(csrf()))
        .andExpect(status().isCreated());
  }
}
