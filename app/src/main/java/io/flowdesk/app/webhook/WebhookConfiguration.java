package io.flowdesk.app.webhook;

import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.domain.webhook.WebhookDeliveries;
import io.flowdesk.domain.webhook.WebhookOutbox;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbound webhooks: the URL guard, the sender and the job that runs them. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  static final String JOB = "webhook-dispatch";

  @Bean
  WebhookDestinations webhookDestinations(final WebhookProperties properties) {
    return new WebhookDestinations(properties);
  }

  @Bean(destroyMethod = "close")
  WebhookSender webhookSender(
      final WebhookDestinations destinations,
      final WebhookProperties properties,
      final SecretStore secrets) {
    return new WebhookSender(destinations, properties, secrets);
  }

  @Bean
  WebhookDispatch webhookDispatch(
      final WebhookOutbox outbox,
      final WebhookDeliveries deliveries,
      final WebhookSubscriptions subscriptions,
      final WebhookSender sender,
      final WebhookProperties properties) {
    return new WebhookDispatch(outbox, deliveries, subscriptions, sender, properties);
  }

  @Bean
  JobDetail webhookDispatchJob() {
    return JobBuilder.newJob(WebhookJob.class)
        .withIdentity(JOB, "webhooks")
        .withDescription("Sends outbound webhooks and retries failed ones")
        .storeDurably()
        .requestRecovery()
        .build();
  }

  /** When ({@code flowdesk.webhooks.cron}); every 10 seconds by default. */
  @Bean
  Trigger webhookDispatchTrigger(
      final JobDetail webhookDispatchJob, final WebhookProperties properties) {
    return TriggerBuilder.newTrigger()
        .forJob(webhookDispatchJob)
        .withIdentity(JOB, "webhooks")
        .withSchedule(
            CronScheduleBuilder.cronSchedule(properties.cron())
                .withMisfireHandlingInstructionDoNothing())
        .build();
  }
}
