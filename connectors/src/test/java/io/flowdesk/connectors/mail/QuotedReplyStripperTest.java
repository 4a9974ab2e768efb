package io.flowdesk.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedReplyStripperTest {

  @Test
  void cutsAtTheAttributionLine() {
    assertThat(
            QuotedReplyStripper.strip(
                """
                Thanks, that works.

                On Tue, 3 Mar 2026 at 10:00, Desk <d@x.y> wrote:
                > Try again.
                """))
        .isEqualTo("Thanks, that works.");
  }

  @Test
  void cutsAtAnAttributionWrappedOverTwoLines() {
    assertThat(
            QuotedReplyStripper.strip(
                "Fine now.\r\n\r\nOn Tue, 3 Mar 2026 at 10:00, Service Desk <\r\n"
                    + "desk@flowdesk.test> wrote:\r\n\r\n> Try again."))
        .isEqualTo("Fine now.");
  }

  @Test
  void cutsAtOutlooksOriginalMessageSeparator() {
    assertThat(
            QuotedReplyStripper.strip(
                "Still broken.\n\n-----Original Message-----\nFrom: Desk\nSent: Monday\n"
                    + "Subject: Printer\n\nTry again."))
        .isEqualTo("Still broken.");
  }

  @Test
  void cutsAtOutlooksHeaderBlock() {
    assertThat(
            QuotedReplyStripper.strip(
                "Done.\n\n________________________________\nFrom: Service Desk\nSent: Monday\n"))
        .isEqualTo("Done.");
    assertThat(
            QuotedReplyStripper.strip(
                "Done.\n\nFrom: Service Desk <d@x.y>\nSent: Monday, 2 March 2026 10:00\n"
                    + "To: Alice\nSubject: Printer\n\nTry again."))
        .isEqualTo("Done.");
  }

  @Test
  void cutsAtGermanAndFrenchAttributions() {
    assertThat(
            QuotedReplyStripper.strip(
                "Danke.\n\nAm 03.03.2026 um 10:00 schrieb Service Desk <d@x.y>:\n> Hallo"))
        .isEqualTo("Danke.");
    assertThat(
            QuotedReplyStripper.strip(
                "Merci.\n\nLe 3 mars 2026, Service Desk a écrit :\n> Bonjour"))
        .isEqualTo("Merci.");
  }

  @Test
  void dropsInlineQuotesButKeepsTheAnswersBetweenThem() {
    assertThat(
            QuotedReplyStripper.strip("> Which floor?\nThird floor.\n> Which room?\nRoom 301.\n"))
        .isEqualTo("Third floor.\nRoom 301.");
  }

  @Test
  void keepsAMailWithoutQuotesAsItIs() {
    assertThat(QuotedReplyStripper.strip("Line one.\n\nFrom: the third floor we see smoke."))
        .isEqualTo("Line one.\n\nFrom: the third floor we see smoke.");
    assertThat(QuotedReplyStripper.strip("On Monday the printer broke.\nPlease help."))
        .isEqualTo("On Monday the printer broke.\nPlease help.");
  }

  @Test
  void emptyOrMissingTextIsEmpty() {
    assertThat(QuotedReplyStripper.strip(null)).isEmpty();
    assertThat(QuotedReplyStripper.strip("")).isEmpty();
  }
}
