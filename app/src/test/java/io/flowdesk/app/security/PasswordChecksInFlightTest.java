package io.flowdesk.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordChecksInFlightTest {

  private final PasswordChecksInFlight inFlight = new PasswordChecksInFlight();

  @Test
  void anAddressGetsFourChecksAtOnceAndAnotherWhenOneEnds() {
    for (int i = 0; i < 4; i++) {
      assertThat(inFlight.tryStart("10.0.0.1")).isTrue();
    }

    assertThat(inFlight.tryStart("10.0.0.1")).isFalse();
    assertThat(inFlight.tryStart("10.0.0.2")).isTrue();

    inFlight.finish("10.0.0.1");
    assertThat(inFlight.tryStart("10.0.0.1")).isTrue();
  }

  @Test
  void aRefusedStartTakesNoShare() {
    for (int i = 0; i < 5; i++) {
      inFlight.tryStart(null);
    }
    for (int i = 0; i < 4; i++) {
      inFlight.finish(null);
    }

    assertThat(inFlight.tryStart(null)).isTrue();
    assertThat(inFlight.tryStart(null)).isTrue();
    assertThat(inFlight.tryStart(null)).isTrue();
    assertThat(inFlight.tryStart(null)).isTrue();
    assertThat(inFlight.tryStart(null)).isFalse();
  }
}
