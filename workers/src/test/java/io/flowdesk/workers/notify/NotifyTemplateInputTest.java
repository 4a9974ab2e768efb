package io.flowdesk.workers.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A task naming a template that does not exist is told which ones do (an incident's message). */
class NotifyTemplateInputTest {

  @Test
  void anUnknownTemplateIsInvalidInputNamingTheKnownOnes() {
    final NotifyWorker worker =
        new NotifyWorker(
            new PersonNotifier(null, Optional::empty, Optional::empty, Optional::empty),
            Duration.ZERO);
    final ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(1L);
    when(job.getVariablesAsMap())
        .thenReturn(Map.of("person", "alice", "template", "incident-resolvd"));
    when(job.getCustomHeaders()).thenReturn(Map.of());

    assertThatThrownBy(() -> worker.notify(new JobInputs(job)))
        .isInstanceOf(InvalidJobInputException.class)
        .hasMessageStartingWith("input 'template' must be one of [incident-created,")
        .hasMessageContaining("incident-resolved")
        .hasMessageEndingWith(", was incident-resolvd");
  }
}
