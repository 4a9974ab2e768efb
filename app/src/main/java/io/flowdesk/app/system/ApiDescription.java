package io.flowdesk.app.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document at {@code /v3/api-docs} says of the API as a whole: its name, the
 * running version and how callers sign in (a personal token or HTTP Basic, as the API's security
 * chain accepts them; a browser session works too but is no scheme for a client to use).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  static final String TOKEN = "personalToken";
  static final String BASIC = "basic";

  @Bean
  OpenAPI flowdeskOpenApi(final FlowdeskVersion version) {
    return new OpenAPI()
        .info(
            new Info()
                .title("Flowdesk API")
                .version(version.value())
                .description(
                    "Flowdesk's REST API for incidents, requests, changes, problems, the CMDB,"
                        + " reports and monitoring alerts, with the same permissions as the pages."
                        + " Errors are RFC 9457 problem documents naming the problem. The"
                        + " embedded engine's API is Camunda 8's /v2, documented by Camunda.")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    TOKEN,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("fdp_…")
                        .description("A personal API token from the account page (/account)."))
                .addSecuritySchemes(
                    BASIC,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("Username and password, where two-factor sign-in allows.")))
        .addSecurityItem(new SecurityRequirement().addList(TOKEN))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }
}
