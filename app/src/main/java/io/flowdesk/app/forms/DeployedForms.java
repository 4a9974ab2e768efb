package io.flowdesk.app.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.system.RecentlyUsed;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Forms as the engine deployed them, read through the camunda client and kept: a deployed form
 * version never changes, so a page that shows one (an approval, a request's answers) asks the
 * engine once per version rather than on every view.
 */
@Component
public class DeployedForms {

  // Every version of every form in use fits many times over; an old version is read again if asked.
  private static final int CACHED = 512;

  private final CamundaClient client;
  private final ObjectMapper json;
  private final RecentlyUsed<Long, Optional<FormSchema>> byFormKey = new RecentlyUsed<>(CACHED);
  private final RecentlyUsed<ProcessVersion, Optional<FormSchema>> startForms =
      new RecentlyUsed<>(CACHED);

  DeployedForms(final CamundaClient client, final ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** A deployed version of a process. */
  private record ProcessVersion(String processId, int version) {}

  /**
   * The form the engine links to the task (the deployed version), if any.
   *
   * @throws InvalidFormException the deployed form cannot be read
   * @throws io.camunda.client.api.command.ClientException the engine could not be asked (nothing is
   *     kept)
   */
  public Optional<FormSchema> ofTask(final UserTask task) {
    final Long formKey = task.getFormKey();
    if (formKey == null) {
      return Optional.empty();
    }
    return byFormKey.get(
        formKey,
        key ->
            Optional.ofNullable(
                    client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join())
                .map(this::schema));
  }

  /**
   * The start form of version {@code version} of process {@code processId}, as it was first read
   * for that version (the form the catalog offered with it); empty when the version links none or
   * is no longer deployed.
   *
   * @throws InvalidFormException the deployed form cannot be read
   * @throws io.camunda.client.api.command.ClientException the engine could not be asked (nothing is
   *     kept)
   */
  public Optional<FormSchema> startForm(final String processId, final int version) {
    return startForms.get(
        new ProcessVersion(processId, version),
        wanted ->
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(processId).version(version))
                .page(p -> p.limit(1))
                .send()
                .join()
                .items()
                .stream()
                .findFirst()
                .map(ProcessDefinition::getProcessDefinitionKey)
                .flatMap(
                    key ->
                        Optional.ofNullable(
                            client.newProcessDefinitionGetFormRequest(key).send().join()))
                .map(this::schema));
  }

  private FormSchema schema(final Form form) {
    final Object schema = form.getSchema();
    try {
      return FormSchema.parse(
          schema instanceof String text ? text : json.writeValueAsString(schema),
          "form " + form.getFormId());
    } catch (JsonProcessingException e) {
      throw new InvalidFormException("form " + form.getFormId() + " is not JSON", e);
    }
  }
}
