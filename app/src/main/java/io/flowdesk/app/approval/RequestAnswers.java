package io.flowdesk.app.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.app.forms.FormComponent;
import io.flowdesk.app.forms.FormField;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.domain.approval.Approval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the requester answered, for the approver to judge: the start form's fields of the process
 * that called the approval, with that process's values. Nothing when the approval was not called by
 * a process with a start form; the approver then sees the subject alone.
 */
@Component
class RequestAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(RequestAnswers.class);

  /** One answered field: its label and its value as text. */
  record Answer(String label, String value) {}

  private final CamundaClient client;
  private final ObjectMapper json;

  RequestAnswers(final CamundaClient client, final ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  List<Answer> of(final Approval approval) {
    try {
      final Long parent =
          client
              .newProcessInstanceGetRequest(approval.processInstanceKey())
              .send()
              .join()
              .getParentProcessInstanceKey();
      if (parent == null) {
        return List.of();
      }
      final ProcessInstance caller = client.newProcessInstanceGetRequest(parent).send().join();
      final Form form =
          client.newProcessDefinitionGetFormRequest(caller.getProcessDefinitionKey()).send().join();
      if (form == null) {
        return List.of();
      }
      final Object schema = form.getSchema();
      final FormSchema fields =
          FormSchema.parse(
              schema instanceof String s ? s : json.writeValueAsString(schema),
              "form " + form.getFormId());
      return answers(fields, variables(parent));
    } catch (ClientException | JsonProcessingException | IllegalArgumentException e) {
      // The answers help the approver; their absence must not keep them from deciding.
      LOG.warn("answers of approval {} not shown: {}", approval.id(), e.getMessage());
      return List.of();
    }
  }

  private Map<String, Object> variables(final long processInstanceKey)
      throws JsonProcessingException {
    final Map<String, Object> values = new HashMap<>();
    for (final Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items()) {
      values.put(variable.getName(), json.readValue(variable.getValue(), Object.class));
    }
    return values;
  }

  private static List<Answer> answers(final FormSchema form, final Map<String, Object> values) {
    final List<Answer> answers = new ArrayList<>();
    for (final FormField field : form.fields()) {
      final Object value = values.get(field.name());
      if (value == null || value instanceof String s && s.isBlank()) {
        continue;
      }
      answers.add(new Answer(label(field), text(field.component(), value)));
    }
    return answers;
  }

  private static String label(final FormField field) {
    final Object label = field.component().label();
    return label instanceof String text && !text.isBlank() && !text.startsWith("=")
        ? text
        : field.name();
  }

  /** The value as the requester chose it: an option's label rather than its value. */
  private static String text(final FormComponent component, final Object value) {
    if (value instanceof Collection<?> many) {
      return many.stream().map(v -> text(component, v)).collect(Collectors.joining(", "));
    }
    if (value instanceof Boolean yes) {
      return yes ? "Yes" : "No";
    }
    final List<FormComponent.Option> options =
        component.values() == null ? List.of() : component.values();
    for (final FormComponent.Option option : options) {
      if (Objects.equals(String.valueOf(option.value()), String.valueOf(value))) {
        return option.label();
      }
    }
    return String.valueOf(value);
  }
}
