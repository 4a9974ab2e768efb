package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoDataConditionTest {

  @Test
  void theLocalDefaultWithItsEmbeddedDatabaseGetsDemoData() {
    assertThat(DemoDataCondition.enabled(new MockEnvironment().withProperty("flowdesk.db.url", "")))
        .isTrue();
  }

  @Test
  void aConfiguredDatabaseMeansProductionAndNoDemoData() {
    assertThat(
            DemoDataCondition.enabled(
                new MockEnvironment()
                    .withProperty("flowdesk.db.url", "jdbc:postgresql://db:5432/flowdesk")))
        .isFalse();
    assertThat(
            DemoDataCondition.enabled(
                new MockEnvironment()
                    .withProperty("spring.datasource.url", "jdbc:postgresql://db/flowdesk")))
        .isFalse();
  }

  @Test
  void anExplicitSettingWins() {
    assertThat(
            DemoDataCondition.enabled(
                new MockEnvironment()
                    .withProperty("flowdesk.db.url", "jdbc:postgresql://db:5432/flowdesk")
                    .withProperty("flowdesk.demo-data", "true")))
        .isTrue();
    assertThat(
            DemoDataCondition.enabled(
                new MockEnvironment().withProperty("flowdesk.demo-data", "false")))
        .isFalse();
  }

  @Test
  void aMistypedSettingStopsTheStartNamingTheVariable() {
    assertThatThrownBy(
            () ->
                DemoDataCondition.enabled(
                    new MockEnvironment().withProperty("flowdesk.demo-data", "yes")))
        .hasMessage(
            "flowdesk.demo-data (FLOWDESK_DEMO_DATA) must be true, false or empty, not \"yes\"");
  }
}
