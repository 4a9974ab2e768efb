package io.flowdesk.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** When the local mail server runs: the local default, the explicit settings, the conflict. */
class LocalMailServerConditionTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Probe.class);

  @Test
  void aLocalInstallationWithoutMailHostGetsTheLocalServer() {
    runner.run(context -> assertThat(context).hasSingleBean(Marker.class));
  }

  @Test
  void anExternalDatabaseMeansNoLocalServerByDefault() {
    runner
        .withPropertyValues("flowdesk.db.url=jdbc:postgresql://db.example.com/flowdesk")
        .run(context -> assertThat(context).doesNotHaveBean(Marker.class));
    runner
        .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.com/flowdesk")
        .run(context -> assertThat(context).doesNotHaveBean(Marker.class));
  }

  @Test
  void aConfiguredMailHostMeansNoLocalServer() {
    runner
        .withPropertyValues("flowdesk.connectors.mail.host=smtp.example.com")
        .run(context -> assertThat(context).doesNotHaveBean(Marker.class));
  }

  @Test
  void trueRunsItAlongsideAnExternalDatabase() {
    runner
        .withPropertyValues(
            "flowdesk.mail.local-server=true",
            "flowdesk.db.url=jdbc:postgresql://db.example.com/flowdesk")
        .run(context -> assertThat(context).hasSingleBean(Marker.class));
  }

  @Test
  void falseTurnsItOff() {
    runner
        .withPropertyValues("flowdesk.mail.local-server=false")
        .run(context -> assertThat(context).doesNotHaveBean(Marker.class));
  }

  @Test
  void trueTogetherWithAMailHostIsRefusedNamingBoth() {
    runner
        .withPropertyValues(
            "flowdesk.mail.local-server=true", "flowdesk.connectors.mail.host=smtp.example.com")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("flowdesk.mail.local-server is true")
                    .hasMessageContaining("flowdesk.connectors.mail.host"));
  }

  @Test
  void anUnknownSettingIsRefusedNamingIt() {
    runner
        .withPropertyValues("flowdesk.mail.local-server=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("'sometimes'")
                    .hasMessageContaining("auto, true or false"));
  }

  record Marker() {}

  @Configuration(proxyBeanMethods = false)
  static class Probe {
    @Bean
    @Conditional(LocalMailServerCondition.class)
    Marker marker() {
      return new Marker();
    }
  }
}
