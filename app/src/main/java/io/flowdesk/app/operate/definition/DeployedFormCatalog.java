package io.flowdesk.app.operate.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.system.PageNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The deployed forms with their versions, and one version's schema for a preview. Matched and paged
 * here, over at most {@value #MAX_VERSIONS} form versions, as the decisions are.
 */
@Component
class DeployedFormCatalog {

  static final int MAX_VERSIONS = 1000;

  private final EngineForms engine;

  DeployedFormCatalog(final EngineForms engine) {
    this.engine = engine;
  }

  /** Page {@code page} of the forms whose id contains {@code query} (any case). */
  Listing<DeployedForm> list(final String query, final int page) {
    final String text = query == null ? "" : query.strip();
    final String wanted = text.toLowerCase(Locale.ROOT);
    final JsonNode answer =
        engine.search(
            Map.of(
                "sort",
                List.of(
                    Map.of("field", "formId", "order", "ASC"),
                    Map.of("field", "version", "order", "DESC")),
                "page",
                Map.of("limit", MAX_VERSIONS)));
    final Map<String, List<DeployedForm.Version>> byId = new LinkedHashMap<>();
    for (final JsonNode item : answer.path("items")) {
      final String formId = item.path("formId").asText();
      if (formId.toLowerCase(Locale.ROOT).contains(wanted)) {
        byId.computeIfAbsent(formId, id -> new ArrayList<>())
            .add(
                new DeployedForm.Version(
                    item.path("formKey").asLong(),
                    item.path("version").asInt(),
                    item.path("versionTag").asText(""),
                    item.path("resourceName").asText("")));
      }
    }
    final int at = PageNumbers.within(page);
    final List<DeployedForm> shown =
        byId.entrySet().stream()
            .skip((long) at * Listing.PAGE_SIZE)
            .limit(Listing.PAGE_SIZE)
            .map(e -> new DeployedForm(e.getKey(), e.getValue()))
            .toList();
    return new Listing<>(shown, at, byId.size(), text);
  }

  /** The deployed version {@code formKey}: its id, version and schema; empty when unknown. */
  Optional<FormVersion> version(final long formKey) {
    return engine
        .get(formKey)
        .map(
            form -> {
              final JsonNode schema = form.path("schema");
              final String formId = form.path("formId").asText();
              return new FormVersion(
                  formKey,
                  formId,
                  form.path("version").asInt(),
                  FormSchema.parse(
                      schema.isTextual() ? schema.asText() : schema.toString(),
                      "form " + formId + " version " + form.path("version").asInt()));
            });
  }

  /** A deployed form version read for a preview. */
  public record FormVersion(long formKey, String formId, int version, FormSchema schema) {}
}
