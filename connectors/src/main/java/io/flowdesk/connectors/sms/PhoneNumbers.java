package io.flowdesk.connectors.sms;

import java.util.regex.Pattern;

/**
 * E.164 phone numbers: {@code +}, country code and subscriber number, 7 to 15 digits. Spaces,
 * hyphens, dots and parentheses that people write into numbers are removed first; anything else is
 * an error naming the number.
 */
public final class PhoneNumbers {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");

  private PhoneNumbers() {}

  /**
   * @return the number in E.164 form
   * @throws InvalidRecipientException naming the number when it is not E.164
   */
  public static String requireE164(final String number) {
    if (number == null || number.isBlank()) {
      throw new InvalidRecipientException(number, "phone number is missing");
    }
    final String compact = SEPARATORS.matcher(number).replaceAll("");
    if (!E164.matcher(compact).matches()) {
      throw new InvalidRecipientException(
          number,
          "'"
              + number
              + "' is not an E.164 phone number (+, country code and number, 7-15 digits,"
              + " e.g. +41791234567)");
    }
    return compact;
  }
}
