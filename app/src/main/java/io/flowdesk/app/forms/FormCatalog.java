package io.flowdesk.app.forms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

/**
 * The Camunda forms packaged with Flowdesk ({@code classpath:forms/*.form}), by form id. Loaded
 * once at startup; a file that is not a valid form, or two files with the same id, stop the start
 * with an {@link InvalidFormException} naming the file.
 */
public final class FormCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(FormCatalog.class);

  private final Map<String, FormSchema> forms;

  /**
   * Parses every resource; all must be valid forms with distinct ids and FEEL that parses.
   *
   * @param expressions checks the FEEL in each form
   */
  public FormCatalog(final Collection<Resource> resources, final FormExpressions expressions) {
    final Map<String, FormSchema> byId = new TreeMap<>();
    final List<Resource> ordered =
        resources.stream().sorted(Comparator.comparing(FormCatalog::location)).toList();
    final Map<String, Resource> files = new TreeMap<>();
    for (final Resource resource : ordered) {
      final FormSchema form = FormSchema.parse(read(resource), name(resource));
      final List<String> feelErrors = expressions.syntaxErrors(form);
      if (!feelErrors.isEmpty()) {
        throw new InvalidFormException(form.source() + ": " + String.join("; ", feelErrors));
      }
      final FormSchema clash = byId.putIfAbsent(form.id(), form);
      if (clash != null) {
        throw new InvalidFormException(
            location(resource)
                + ": form id \""
                + form.id()
                + "\" is already used by "
                + location(files.get(form.id())));
      }
      files.put(form.id(), resource);
    }
    this.forms = Collections.unmodifiableMap(byId);
    LOG.info("Loaded {} Camunda form(s): {}", forms.size(), forms.keySet());
  }

  /** The form with this id. */
  public Optional<FormSchema> find(final String id) {
    return Optional.ofNullable(forms.get(id));
  }

  /** All forms, ordered by id. */
  public Collection<FormSchema> all() {
    return forms.values();
  }

  private static String read(final Resource resource) {
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read form " + location(resource), e);
    }
  }

  // The file name is what an analyst recognises; the full location only helps for clashes.
  private static String name(final Resource resource) {
    return "forms/" + resource.getFilename();
  }

  private static String location(final Resource resource) {
    try {
      return resource.getURL().toString();
    } catch (IOException noUrl) {
      return resource.getDescription();
    }
  }
}
