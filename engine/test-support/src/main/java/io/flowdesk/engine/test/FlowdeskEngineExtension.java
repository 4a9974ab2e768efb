package io.flowdesk.engine.test;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineCredentialsProvider;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a Flowdesk engine in-process for a test class: a fresh database on the shared test
 * PostgreSQL, the gRPC gateway and the REST API on free loopback ports, and a {@link CamundaClient}
 * connected to both, preferring the {@link FlowdeskEngineTest#protocol() protocol} the test asks
 * for. Fields of type {@link CamundaClient}, {@link EngineRecords}, {@link EngineClock}, {@link
 * Engine} and {@link ClientProtocol} are injected, and so are parameters of those types.
 *
 * <pre>{@code
 * @FlowdeskEngineTest
 * class OrderProcessTest {
 *   CamundaClient client;
 *   EngineRecords records;
 * }
 * }</pre>
 */
public final class FlowdeskEngineExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlowdeskEngineExtension.class);

  /** Everything the extension starts for one test class, closed after it. */
  private record RunningEngine(
      HikariDataSource dataSource,
      Engine engine,
      CamundaClient client,
      EngineRecords records,
      ClientProtocol protocol)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      client.close();
      engine.close();
      dataSource.close();
    }
  }

  @Override
  public void beforeAll(final ExtensionContext context) {
    final HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(20);
    final ClientProtocol protocol =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), FlowdeskEngineTest.class)
            .map(FlowdeskEngineTest::protocol)
            .orElse(ClientProtocol.CONFIGURED)
            .resolve();
    final Engine engine =
        EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock());
    context
        .getStore(NAMESPACE)
        .put(
            RunningEngine.class,
            new RunningEngine(
                dataSource,
                engine,
                client(engine, protocol),
                new EngineRecords(dataSource),
                protocol));
  }

  /**
   * A camunda client for {@code engine} that prefers {@code protocol}, authenticated as the
   * engine's own client.
   */
  public static CamundaClient client(final Engine engine, final ClientProtocol protocol) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
        .restAddress(
            engine
                .restAddress()
                .orElseThrow(() -> new IllegalStateException("The engine has no REST listener")))
        .preferRestOverGrpc(protocol.resolve() == ClientProtocol.REST)
        .credentialsProvider(EngineCredentialsProvider.of(engine))
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Override
  public void beforeEach(final ExtensionContext context) throws IllegalAccessException {
    final RunningEngine running = running(context);
    running.engine().clock().reset();
    for (final Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
        for (final Field field : type.getDeclaredFields()) {
          final Object value = valueFor(field.getType(), running);
          if (value != null) {
            field.setAccessible(true);
            field.set(instance, value);
          }
        }
      }
    }
  }

  @Override
  public boolean supportsParameter(
      final ParameterContext parameter, final ExtensionContext context) {
    final Class<?> type = parameter.getParameter().getType();
    return type == CamundaClient.class
        || type == EngineRecords.class
        || type == EngineClock.class
        || type == Engine.class
        || type == ClientProtocol.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return valueFor(parameter.getParameter().getType(), running(context));
  }

  private static Object valueFor(final Class<?> type, final RunningEngine running) {
    if (type == CamundaClient.class) {
      return running.client();
    }
    if (type == EngineRecords.class) {
      return running.records();
    }
    if (type == EngineClock.class) {
      return running.engine().clock();
    }
    if (type == Engine.class) {
      return running.engine();
    }
    if (type == ClientProtocol.class) {
      return running.protocol();
    }
    return null;
  }

  private static RunningEngine running(final ExtensionContext context) {
    ExtensionContext current = context;
    while (current != null) {
      final RunningEngine running =
          current.getStore(NAMESPACE).get(RunningEngine.class, RunningEngine.class);
      if (running != null) {
        return running;
      }
      current = current.getParent().orElse(null);
    }
    throw new IllegalStateException(
        "No Flowdesk engine runs for this test: annotate the class with @FlowdeskEngineTest");
  }
}
