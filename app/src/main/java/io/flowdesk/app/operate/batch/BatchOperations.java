package io.flowdesk.app.operate.batch;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.BatchOperation;
import io.camunda.client.api.search.response.BatchOperationItems.BatchOperationItem;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The engine's batch operations through the camunda client ({@code /v2}, as against a Camunda 8.8
 * cluster): creating them for a selection of process instances, listing and reading them with their
 * per-instance items, suspending, resuming and canceling.
 */
@Service
class BatchOperations {

  private static final int ITEMS_SHOWN = 1000;
  private static final int BATCHES_SHOWN = 100;

  private final CamundaClient client;

  BatchOperations(final CamundaClient client) {
    this.client = client;
  }

  String cancel(final BatchSelection selection) {
    return client
        .newCreateBatchOperationCommand()
        .processInstanceCancel()
        .filter(selection.searchFilter())
        .send()
        .join()
        .getBatchOperationKey();
  }

  String resolveIncidents(final BatchSelection selection) {
    return client
        .newCreateBatchOperationCommand()
        .resolveIncident()
        .filter(selection.searchFilter())
        .send()
        .join()
        .getBatchOperationKey();
  }

  /** Migrates to {@code target}, each source element id mapped to its target element id. */
  String migrate(
      final BatchSelection selection, final long target, final Map<String, String> mapping) {
    var command =
        client
            .newCreateBatchOperationCommand()
            .migrateProcessInstance()
            .targetProcessDefinitionKey(target);
    for (final Map.Entry<String, String> instruction : mapping.entrySet()) {
      command = command.addMappingInstruction(instruction.getKey(), instruction.getValue());
    }
    return command.filter(selection.searchFilter()).send().join().getBatchOperationKey();
  }

  /** Moves the tokens of each source element id to its target element id. */
  String move(final BatchSelection selection, final Map<String, String> moves) {
    var command = client.newCreateBatchOperationCommand().modifyProcessInstance();
    for (final Map.Entry<String, String> move : moves.entrySet()) {
      command = command.addMoveInstruction(move.getKey(), move.getValue());
    }
    return command.filter(selection.searchFilter()).send().join().getBatchOperationKey();
  }

  List<BatchOperation> latest() {
    return client
        .newBatchOperationSearchRequest()
        .sort(s -> s.startDate().desc())
        .page(p -> p.limit(BATCHES_SHOWN))
        .send()
        .join()
        .items();
  }

  BatchOperation get(final String key) {
    return client.newBatchOperationGetRequest(key).send().join();
  }

  List<BatchOperationItem> items(final String key) {
    return client
        .newBatchOperationItemsSearchRequest()
        .filter(f -> f.batchOperationKey(key))
        .page(p -> p.limit(ITEMS_SHOWN))
        .send()
        .join()
        .items();
  }

  void suspend(final String key) {
    client.newSuspendBatchOperationCommand(key).send().join();
  }

  void resume(final String key) {
    client.newResumeBatchOperationCommand(key).send().join();
  }

  void cancelBatch(final String key) {
    client.newCancelBatchOperationCommand(key).send().join();
  }
}
