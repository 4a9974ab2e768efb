package io.flowdesk.engine.rest;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.support.EngineLimits;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own HTTP listener for {@code /v2}, an embedded Tomcat, for engines that run outside
 * a Spring Boot web application (tests, benchmarks). Needs {@code tomcat-embed-core} on the
 * classpath.
 */
public final class StandaloneRestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneRestServer.class);

  private final Tomcat tomcat;
  private final Path baseDir;
  private final String host;

  private StandaloneRestServer(final Tomcat tomcat, final Path baseDir, final String host) {
    this.tomcat = tomcat;
    this.baseDir = baseDir;
    this.host = host;
  }

  /**
   * Starts the listener; refuses a host other machines can reach when no credentials are
   * configured.
   */
  public static StandaloneRestServer start(
      final String host, final int port, final RestApiServlet servlet, final ApiAccess access) {
    access.requireCredentialsForRemoteListener("REST API", host, "flowdesk.engine.rest-host");
    final Path baseDir;
    try {
      baseDir = Files.createTempDirectory("flowdesk-rest");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the REST listener's work directory", e);
    }
    final Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    final Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", host);
    connector.setProperty("maxThreads", "64");
    // Bodies over the limit are read to the end, so the client receives the 413.
    connector.setProperty("maxSwallowSize", "-1");
    connector.setThrowOnFailure(true);
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    final Context context = tomcat.addContext("", baseDir.toString());
    final Wrapper wrapper = Tomcat.addServlet(context, "flowdesk-rest", servlet);
    wrapper.setAsyncSupported(true);
    wrapper.setMultipartConfigElement(
        new MultipartConfigElement(
            null, EngineLimits.MAX_MESSAGE_BYTES, EngineLimits.MAX_MESSAGE_BYTES + 65_536L, 0));
    context.addServletMappingDecoded(RestApiServlet.MAPPING, "flowdesk-rest");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      deleteQuietly(baseDir);
      throw new IllegalStateException(
          "Cannot start the engine's REST listener on " + host + ":" + port, e);
    }
    if (connector.getLocalPort() <= 0) {
      stop(tomcat);
      deleteQuietly(baseDir);
      throw new IllegalStateException(
          "Cannot start the engine's REST listener on " + host + ":" + port + " (port in use?)");
    }
    LOG.info("Camunda REST API (/v2) listening on {}:{}", host, connector.getLocalPort());
    return new StandaloneRestServer(tomcat, baseDir, host);
  }

  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  public String host() {
    return host;
  }

  @Override
  public void close() {
    stop(tomcat);
    deleteQuietly(baseDir);
  }

  private static void stop(final Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      LOG.warn("The engine's REST listener did not stop cleanly", e);
    }
  }

  private static void deleteQuietly(final Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not remove {}", directory, e);
    }
  }
}
