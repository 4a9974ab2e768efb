package io.flowdesk.app;

import io.flowdesk.app.backup.BackupCommandLine;
import io.flowdesk.workers.FlowdeskWorkersConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(FlowdeskWorkersConfiguration.class)
public class FlowdeskApplication {

  public static void main(final String[] args) {
    // ./flowdesk backup|restore: a command that works on the data directory, no server.
    if (BackupCommandLine.handles(args)) {
      System.exit(BackupCommandLine.run(args));
    }
    SpringApplication.run(FlowdeskApplication.class, args);
  }
}
