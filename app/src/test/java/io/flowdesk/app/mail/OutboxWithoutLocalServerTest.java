package io.flowdesk.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.FlowdeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

// Same context configuration as the other app tests (an external database, no mail host), so the
// cached context is reused.
@SpringBootTest(classes = FlowdeskApplication.class)
class OutboxWithoutLocalServerTest {

  @Autowired WebApplicationContext context;

  @Test
  void withAnExternalDatabaseThereIsNoLocalServerAndNoOutbox() throws Exception {
    assertThat(context.getBeansOfType(LocalMailServer.class)).isEmpty();
    MockMvcBuilders.webAppContextSetup(context)
        .build()
        .perform(get("/admin/outbox"))
        .andExpect(status().isNotFound());
  }
}
