package io.flowdesk.workers.notify;

import io.flowdesk.domain.approval.ApprovalReplyCodes;
import io.flowdesk.domain.directory.Recipients;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.chat.ChatNotices;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.sms.SmsWorker;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link PersonNotifier} every worker telling a person uses, over the email worker (the
 * configured mail server's or the app's local one) and the SMS worker when they exist, and the
 * {@code flowdesk:notify} worker for processes.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationWorkersConfiguration {

  @Bean
  public PersonNotifier personNotifier(
      final Recipients recipients,
      final ObjectProvider<EmailWorker> mail,
      final ObjectProvider<SmsWorker> sms,
      final ObjectProvider<ChatNotices> chat,
      final NotificationTemplates templates,
      @Value("${flowdesk.public-url:}") final String publicUrl) {
    return new PersonNotifier(
        recipients,
        () -> Optional.ofNullable(mail.getIfUnique()),
        () -> Optional.ofNullable(sms.getIfUnique()),
        () -> Optional.ofNullable(chat.getIfUnique()),
        // Unset (the local default): links for a browser on this machine, as approval links are.
        publicUrl.isBlank() ? "http://localhost:8080" : publicUrl,
        templates);
  }

  @Bean
  public NotifyWorker notifyWorker(
      final PersonNotifier notifier,
      final ApprovalReplyCodes replyCodes,
      final ConnectorProperties properties) {
    return new NotifyWorker(notifier, replyCodes, properties.retryBackoff());
  }
}
