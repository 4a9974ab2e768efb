package io.flowdesk.app.operate.instance;

import io.camunda.client.api.search.sort.ProcessInstanceSort;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/** The instance list's sortable columns, by the name the page's links carry. */
enum InstanceSort {
  KEY("key", ProcessInstanceSort::processInstanceKey),
  PROCESS("process", ProcessInstanceSort::processDefinitionId),
  VERSION("version", ProcessInstanceSort::processDefinitionVersion),
  STATE("state", ProcessInstanceSort::state),
  STARTED("started", ProcessInstanceSort::startDate),
  ENDED("ended", ProcessInstanceSort::endDate);

  private final String param;
  private final Consumer<ProcessInstanceSort> field;

  InstanceSort(final String param, final Consumer<ProcessInstanceSort> field) {
    this.param = param;
    this.field = field;
  }

  String param() {
    return param;
  }

  static Optional<InstanceSort> parse(final String param) {
    return Arrays.stream(values()).filter(s -> s.param.equals(param)).findFirst();
  }

  Consumer<ProcessInstanceSort> sort(final boolean descending) {
    return s -> {
      field.accept(s);
      if (descending) {
        s.desc();
      } else {
        s.asc();
      }
    };
  }
}
