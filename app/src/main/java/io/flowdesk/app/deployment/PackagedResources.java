package io.flowdesk.app.deployment;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the diagrams, decisions and forms packaged with the app ({@code processes/} with its
 * subfolders such as {@code processes/catalog/}, {@code forms/}) when it is ready, in one
 * deployment: all of them or none. Unchanged files come back as their existing versions, so a
 * restart deploys nothing new; an analyst's later deployment from Camunda Modeler is a newer
 * version and wins. Works the same against a Camunda 8 cluster.
 */
@Component
class PackagedResources {

  private static final Logger LOG = LoggerFactory.getLogger(PackagedResources.class);
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  private final CamundaClient client;
  private final ResourcePatternResolver resolver;
  private final boolean enabled;
  private final List<String> locations;

  PackagedResources(
      final CamundaClient client,
      final ResourcePatternResolver resolver,
      @Value("${flowdesk.deployment.packaged-resources:true}") final boolean enabled,
      @Value(
              "${flowdesk.deployment.locations:classpath*:processes/**/*.bpmn,"
                  + "classpath*:processes/**/*.dmn,classpath*:forms/*.form}")
          final String[] locations) {
    this.client = client;
    this.resolver = resolver;
    this.enabled = enabled;
    this.locations = List.of(locations);
  }

  @EventListener(ApplicationReadyEvent.class)
  void deploy() throws IOException {
    if (!enabled) {
      return;
    }
    final List<Resource> resources = new ArrayList<>();
    for (final String location : locations) {
      resources.addAll(Arrays.asList(resolver.getResources(location.strip())));
    }
    resources.sort(Comparator.comparing(Resource::getFilename));
    if (resources.isEmpty()) {
      return;
    }
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    for (final Resource resource : resources) {
      try (InputStream content = resource.getInputStream()) {
        final byte[] bytes = content.readAllBytes();
        command =
            command == null
                ? client.newDeployResourceCommand().addResourceBytes(bytes, resource.getFilename())
                : command.addResourceBytes(bytes, resource.getFilename());
      }
    }
    // Every packaged file in one deployment, each validated (FEEL included): on a busy machine this
    // takes longer than the client's default request timeout, and a timeout here fails the start.
    final DeploymentEvent deployed = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    LOG.info(
        "Packaged resources deployed (deployment {}): {} processes, {} decisions, {} forms",
        deployed.getKey(),
        deployed.getProcesses().size(),
        deployed.getDecisions().size(),
        deployed.getForm().size());
  }
}
