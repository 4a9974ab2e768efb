package io.flowdesk.app.system;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import org.junit.jupiter.api.Test;

class ApiDescriptionTest extends WebTestSupport {

  @Test
  void theOpenApiDocumentNamesTheApiItsSchemesAndIsReadWithTheApisCredentials() throws Exception {
    mvc.perform(get("/v3/api-docs").with(httpBasic("agent.anna", DEMO_PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.info.title").value("Flowdesk API"))
        .andExpect(jsonPath("$.info.version").isNotEmpty())
        .andExpect(jsonPath("$.components.securitySchemes.personalToken.scheme").value("bearer"))
        .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
        .andExpect(jsonPath("$.security[0].personalToken").isArray())
        .andExpect(jsonPath("$.paths['/api/alerts'].post").exists())
        .andExpect(jsonPath("$.paths['/api/incidents'].post").exists());
    mvc.perform(get("/v3/api-docs").session(signIn("bob"))).andExpect(status().isOk());
  }

  @Test
  void withoutCredentialsTheDocumentIsRefusedWith401NotTheLoginPage() throws Exception {
    mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
    mvc.perform(get("/v3/api-docs").with(httpBasic("agent.anna", "wrong")).with(freshAddress()))
        .andExpect(status().isUnauthorized());
  }
}
