package io.flowdesk.connectors.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;

/** Parses addresses strictly, with an error naming the field and the bad value. */
final class MailAddresses {

  private MailAddresses() {}

  static InternetAddress parse(final String address, final String field) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(field + " address is missing");
    }
    try {
      final InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      return parsed;
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          field + " address '" + address + "' is not valid: " + e.getMessage(), e);
    }
  }

  static InternetAddress[] parseAll(final List<String> addresses, final String field) {
    return addresses.stream().map(a -> parse(a, field)).toArray(InternetAddress[]::new);
  }
}
