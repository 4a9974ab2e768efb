package io.flowdesk.engine.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an in-process Flowdesk engine; see {@link FlowdeskEngineExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FlowdeskEngineExtension.class)
public @interface FlowdeskEngineTest {

  /**
   * The API the injected client prefers; by default the one the test run chooses ({@link
   * ClientProtocol#CONFIGURED}), so that one suite can run against both.
   */
  ClientProtocol protocol() default ClientProtocol.CONFIGURED;
}
