package io.flowdesk.app.operate.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.camunda.client.api.search.response.ProcessInstance;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the instance list says about how many it found, when the engine counted them all and when it
 * stopped counting at 10,000 (Camunda's {@code hasMoreTotalItems}). A result that large is too
 * costly to make in the app's shared test engine; the engine's {@code SearchTotalLimitTest} shows
 * the engine answering it.
 */
class InstanceListPageTest {

  private static List<ProcessInstance> full() {
    return Collections.nCopies(InstanceList.PAGE_SIZE, mock(ProcessInstance.class));
  }

  @Test
  void anExactTotalIsShownAsCountedAndEndsThePages() {
    final InstanceListPage page = new InstanceListPage(full(), 0, 50, 1234, false);
    final InstanceListPage last = new InstanceListPage(full(), 24, 50, 1234, false);

    assertThat(page.totalText()).isEqualTo("1,234");
    assertThat(page.pagesText()).isEqualTo("25");
    assertThat(page.hasNext()).isTrue();
    assertThat(last.hasNext()).isFalse();
  }

  @Test
  void aTotalTheEngineStoppedCountingIsALowerBoundAndFullPagesGoOn() {
    final InstanceListPage first = new InstanceListPage(full(), 0, 50, 10_000, true);
    final InstanceListPage beyond = new InstanceListPage(full(), 200, 50, 10_000, true);
    final InstanceListPage end =
        new InstanceListPage(List.of(mock(ProcessInstance.class)), 201, 50, 10_000, true);

    assertThat(first.totalText()).isEqualTo("10,000+");
    assertThat(first.pagesText()).isEqualTo("200+");
    assertThat(beyond.hasNext()).isTrue();
    assertThat(beyond.pagesText()).isEqualTo("201+");
    assertThat(end.hasNext()).isFalse();
  }
}
