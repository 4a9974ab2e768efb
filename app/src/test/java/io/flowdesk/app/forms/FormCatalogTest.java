package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

class FormCatalogTest {

  private static final FormExpressions EXPRESSIONS = new FormExpressions();

  @TempDir Path dir;

  private Resource file(final String name, final String json) throws IOException {
    final Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
    return new FileSystemResource(file);
  }

  @Test
  void formsAreFoundByTheirId() throws IOException {
    final FormCatalog catalog =
        new FormCatalog(
            List.of(
                file("b.form", "{\"id\": \"second\", \"components\": []}"),
                file("a.form", "{\"id\": \"first\", \"components\": []}")),
            EXPRESSIONS);

    assertThat(catalog.find("first").orElseThrow().source()).isEqualTo("forms/a.form");
    assertThat(catalog.find("missing")).isEmpty();
    assertThat(catalog.all()).extracting(FormSchema::id).containsExactly("first", "second");
  }

  @Test
  void anInvalidFileStopsTheStartNamingTheFile() throws IOException {
    final List<Resource> resources =
        List.of(
            file("good.form", "{\"id\": \"good\", \"components\": []}"),
            file("broken.form", "{\"id\": \"broken\", \"components\": ["));

    assertThatThrownBy(() -> new FormCatalog(resources, EXPRESSIONS))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageStartingWith("forms/broken.form: not a valid Camunda form");
  }

  @Test
  void twoFilesWithTheSameIdStopTheStartNamingBoth() throws IOException {
    final List<Resource> resources =
        List.of(
            file("one/incident.form", "{\"id\": \"incident\", \"components\": []}"),
            file("two/incident-copy.form", "{\"id\": \"incident\", \"components\": []}"));

    assertThatThrownBy(() -> new FormCatalog(resources, EXPRESSIONS))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageContaining("two/incident-copy.form: form id \"incident\" is already used by")
        .hasMessageContaining("one/incident.form");
  }

  @Test
  void thePackagedExampleFormsLoad() throws IOException {
    final List<Resource> packaged =
        List.of(
            new FileSystemResource(Path.of("../forms/report-incident.form")),
            new FileSystemResource(Path.of("../forms/resolve-incident.form")));

    assertThat(new FormCatalog(packaged, EXPRESSIONS).all())
        .extracting(FormSchema::id)
        .containsExactly("report-incident", "resolve-incident");
  }

  @Test
  void feelThatDoesNotParseStopsTheStartNamingFileFieldAndProperty() throws IOException {
    final List<Resource> resources =
        List.of(
            file(
                "hold.form",
                """
                {"id": "hold", "components": [
                  {"type": "group", "components": [
                    {"type": "textfield", "key": "reason", "conditional": {"hide": "=state =="}}
                  ]}
                ]}"""));

    assertThatThrownBy(() -> new FormCatalog(resources, EXPRESSIONS))
        .isInstanceOf(InvalidFormException.class)
        .hasMessageStartingWith(
            "forms/hold.form: conditional.hide of reason is not valid FEEL: failed to parse");
  }
}
