package io.flowdesk.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MailWatermarkTest {

  private final MailWatermark watermark = new MailWatermark("flowdesk.example.com");

  @Test
  void ourMessageIdCarriesTheTokenAndIsUnique() {
    final String first = watermark.newMessageId("INC0001234");
    final String second = watermark.newMessageId("INC0001234");

    assertThat(first).matches("<INC0001234\\.[0-9a-f-]{36}@flowdesk\\.example\\.com>");
    assertThat(first).isNotEqualTo(second);
    assertThat(watermark.tokenInMessageId(first)).contains("INC0001234");
  }

  @Test
  void foreignOrUntaggedMessageIdsCarryNoToken() {
    assertThat(
            watermark.tokenInMessageId(
                "<INC0001234.0b7c9a52-5a6e-4c43-9d43-2f4c1d2e3f40@evil.example>"))
        .isEmpty();
    assertThat(watermark.tokenInMessageId(watermark.newMessageId(null))).isEmpty();
    assertThat(watermark.tokenInMessageId(null)).isEmpty();
  }

  @Test
  void subjectTagIsFoundAnywhereInTheSubject() {
    assertThat(MailWatermark.tokenInSubject("Re: AW: [CHG0000042] Rollout")).contains("CHG0000042");
    assertThat(MailWatermark.tokenInSubject("[EXTERNAL] Hello")).isEmpty();
  }

  @Test
  void headersWinOverTheSubjectAndTheNearestReferenceWins() {
    final String older = watermark.newMessageId("INC0000001");
    final String newer = watermark.newMessageId("INC0000002");

    assertThat(watermark.tokenOf(null, List.of(older, newer), "[INC0000003] x"))
        .contains("INC0000002");
    assertThat(watermark.tokenOf(null, List.of("<a@b.c>"), "[INC0000003] x"))
        .contains("INC0000003");
  }

  @Test
  void invalidDomainOrTokenIsRefusedByName() {
    assertThatThrownBy(() -> new MailWatermark("not a domain"))
        .hasMessageContaining("'not a domain' is not a valid Message-ID domain");
    assertThatThrownBy(() -> watermark.newMessageId("INC-1"))
        .hasMessageContaining("'INC-1' is not a record token");
  }
}
