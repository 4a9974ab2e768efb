package io.flowdesk.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FlowdeskApplication {

  public static void main(final String[] args) {
    SpringApplication.run(FlowdeskApplication.class, args);
  }
}
