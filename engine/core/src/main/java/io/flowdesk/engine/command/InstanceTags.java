package io.flowdesk.engine.command;

import io.flowdesk.engine.support.Rejection;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tags a client gives a process instance at creation, checked as Camunda 8.8 checks them: at
 * most ten, each starting with a letter, then letters, digits, {@code _ - : .}, at most 100
 * characters. A tag given twice is kept once (the API's tags are a set).
 */
public final class InstanceTags {

  static final int MAX_TAGS = 10;
  static final int MAX_LENGTH = 100;
  private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-:.]*");

  private InstanceTags() {}

  /** The tags as a set in the order given; refused as INVALID_ARGUMENT naming the first bad one. */
  public static Set<String> of(final Collection<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Set.of();
    }
    final Set<String> checked = new LinkedHashSet<>();
    for (final String tag : tags) {
      if (tag == null || tag.length() > MAX_LENGTH || !TAG.matcher(tag).matches()) {
        throw Rejection.invalidArgument(
            "Expected every tag to start with a letter, followed by letters, digits, '_', '-', ':'"
                + " or '.', at most "
                + MAX_LENGTH
                + " characters, but tag '"
                + tag
                + "' is not");
      }
      checked.add(tag);
    }
    if (checked.size() > MAX_TAGS) {
      throw Rejection.invalidArgument(
          "Expected at most "
              + MAX_TAGS
              + " tags on a process instance, but "
              + checked.size()
              + " were given");
    }
    return Collections.unmodifiableSet(checked);
  }
}
