package io.flowdesk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.engine.feel.FeelLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code flowdesk.engine.*} as a Spring Boot application binds it. */
class EnginePropertiesTest {

  private static EngineProperties bind(final Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("flowdesk.engine", EngineProperties.class);
  }

  @Test
  void feelBoundsDefaultToOneSecondAHundredThousandItemsAndAMillionCharacters() {
    assertThat(bind(Map.of()).feel())
        .isEqualTo(FeelLimits.DEFAULT)
        .isEqualTo(new FeelLimits(Duration.ofSeconds(1), 100_000, 1_000_000));
  }

  @Test
  void feelBoundsAreConfigurableOneByOne() {
    assertThat(
            bind(Map.of(
                    "flowdesk.engine.feel.timeout", "250ms",
                    "flowdesk.engine.feel.max-items", "500"))
                .feel())
        .isEqualTo(new FeelLimits(Duration.ofMillis(250), 500, 1_000_000));
  }
}
