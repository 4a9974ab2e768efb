package io.flowdesk.app.forms;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Wires the forms feature: the catalog of packaged forms, rendering and validation. */
@Configuration(proxyBeanMethods = false)
class FormsConfiguration {

  @Bean
  FormCatalog formCatalog(
      final ResourcePatternResolver resources,
      final FormExpressions expressions,
      @Value("${flowdesk.forms.location:classpath*:forms/*.form}") final String location)
      throws IOException {
    return new FormCatalog(List.of(resources.getResources(location)), expressions);
  }

  @Bean
  FormExpressions formExpressions() {
    return new FormExpressions();
  }

  @Bean
  FormRenderer formRenderer(
      final FormExpressions expressions,
      final org.springframework.beans.factory.ObjectProvider<Pickers> pickers) {
    return new FormRenderer(
        expressions, Clock.systemDefaultZone(), pickers.getIfUnique(() -> Pickers.NONE));
  }

  @Bean
  FormValidator formValidator(
      final FormExpressions expressions,
      final org.springframework.beans.factory.ObjectProvider<Pickers> pickers) {
    return new FormValidator(
        expressions, Clock.systemDefaultZone(), pickers.getIfUnique(() -> Pickers.NONE));
  }
}
