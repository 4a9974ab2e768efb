package io.flowdesk.app.operate.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.engine.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;

/** Engine health at {@code /operate/health}, through HTTP, over what the engine has waiting. */
class HealthPageTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired DeliveryLog deliveries;
  @Autowired Engine engine;
  @Autowired Scheduler scheduler;

  private final String id = "health" + UUID.randomUUID().toString().replace("-", "");

  @Test
  void showsWaitingJobsWorkersSubscriptionsAndFailedDeliveriesWithTheirInstances()
      throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("work", t -> t.zeebeJobType(id + "-work"))
                .endEvent()
                .moveToNode("fork")
                .intermediateCatchEvent("reply")
                .message(m -> m.name(id + "-reply").zeebeCorrelationKeyExpression("\"k\""))
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
    final List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(id)
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey());
    }
    final ActivatedJob taken =
        client
            .newActivateJobsCommand()
            .jobType(id + "-work")
            .maxJobsToActivate(1)
            .workerName("health-mailer")
            .send()
            .join()
            .getJobs()
            .get(0);
    client
        .newActivateJobsCommand()
        .jobType(id + "-idle")
        .maxJobsToActivate(1)
        .workerName("health-idler")
        .requestTimeout(Duration.ofMillis(100))
        .send()
        .join();
    final Delivery delivery = deliveries.claim(taken.getKey(), "email", "someone@example.org");
    deliveries.markFailed(delivery.id(), "Connection refused by " + id);

    final Document page = html(get("/operate/health").session(signIn("owner.otto")));

    final Element jobs = page.selectFirst("#health-jobs tr[data-type=" + id + "-work]");
    assertThat(jobs).isNotNull();
    assertThat(jobs.select("td").get(1).text()).isEqualTo("2");
    assertThat(jobs.select("td").get(2).text()).isEqualTo("1");
    assertThat(jobs.select("a.fd-instance-link")).hasSize(2);
    jobs.select("a.fd-instance-link")
        .forEach(
            a ->
                assertThat(instances)
                    .contains(Long.parseLong(a.attr("href").replace("/operate/instances/", ""))));

    final Element mailer =
        page.selectFirst(
            "#health-workers tr[data-type=" + id + "-work][data-worker=health-mailer]");
    assertThat(mailer).isNotNull();
    assertThat(mailer.select("td").get(3).text()).isNotEqualTo("never");
    final Element idler =
        page.selectFirst("#health-workers tr[data-type=" + id + "-idle][data-worker=health-idler]");
    assertThat(idler).isNotNull();
    assertThat(idler.select("td").get(3).text()).isEqualTo("never");

    final Element subscriptions =
        page.selectFirst("#health-subscriptions tr[data-message=" + id + "-reply]");
    assertThat(subscriptions).isNotNull();
    assertThat(subscriptions.select("td").get(1).text()).isEqualTo("3");
    assertThat(page.select("#timers-due")).hasSize(1);

    final Element failed =
        page.selectFirst("#health-deliveries tr[data-job=" + taken.getKey() + "]");
    assertThat(failed).isNotNull();
    assertThat(failed.text()).contains("Connection refused by " + id).doesNotContain("someone@");
    assertThat(failed.select("a").attr("href"))
        .isEqualTo("/operate/instances/" + taken.getProcessInstanceKey());
  }

  /**
   * Retention is work nothing asks for: the page shows that Quartz schedules it (hourly) and what
   * its last run removed, once the engine's clock is past the retention of an ended instance.
   */
  @Test
  void showsWhenHistoryCleanupRunsAndWhatItRemoved() throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id).startEvent().endEvent().done(), id + ".bpmn")
        .send()
        .join();
    final long ended =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    final Element scheduled =
        html(get("/operate/health").session(signIn("owner.otto")))
            .selectFirst("#health-history-cleanup");
    assertThat(scheduled).isNotNull();
    assertThat(scheduled.selectFirst("#history-retention").text()).isEqualTo("30 days");
    final Instant nextRun =
        Instant.parse(
            scheduled
                .selectFirst("#history-next-run")
                .text()
                .replace(" UTC", "Z")
                .replace(' ', 'T'));
    assertThat(nextRun).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600));

    final Instant before = Instant.now().minusSeconds(1);
    engine.clock().advance(Duration.ofDays(31));
    try {
      scheduler.triggerJob(JobKey.jobKey("engine-history-cleanup", "housekeeping"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                      .newProcessInstanceSearchRequest()
                      .filter(f -> f.processInstanceKey(ended))
                      .send()
                      .join()
                      .items()
                      .isEmpty());
    } finally {
      engine.clock().reset();
    }
    final Element ran =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    html(get("/operate/health").session(signIn("owner.otto")))
                        .selectFirst("#health-history-cleanup"),
                e -> e.selectFirst("#history-last-removed") != null);
    assertThat(Integer.parseInt(ran.selectFirst("#history-last-removed").text()))
        .isGreaterThanOrEqualTo(1);
    final Instant lastRun =
        Instant.parse(
            ran.selectFirst("#history-last-run .fd-nowrap")
                .text()
                .replace(" UTC", "Z")
                .replace(' ', 'T'));
    assertThat(lastRun).isAfter(before);
  }

  @Test
  void onlyProcessOwnersAndAdmins() throws Exception {
    mvc.perform(get("/operate/health").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/operate/health").session(signIn("alice"))).andExpect(status().isForbidden());
    mvc.perform(get("/operate/health").session(signIn("admin"))).andExpect(status().isOk());
  }
}
