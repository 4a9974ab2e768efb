package io.flowdesk.engine.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * In-process signals sent after a command committed: new jobs of a type (wakes long-polling workers
 * and job streams) and ended process instances (answers CreateProcessInstanceWithResult).
 */
public final class EngineEvents {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition jobsChanged = lock.newCondition();
  private final List<Consumer<String>> jobListeners = new CopyOnWriteArrayList<>();
  private final Map<Long, BiConsumer<Long, Map<String, Object>>> endListeners =
      new ConcurrentHashMap<>();
  private volatile long jobGeneration;

  // Only ever written under the lock; volatile so that jobGeneration() reads it without the lock.
  @SuppressWarnings("NonAtomicVolatileUpdate")
  public void jobsAvailable(final String type) {
    lock.lock();
    try {
      jobGeneration++;
      jobsChanged.signalAll();
    } finally {
      lock.unlock();
    }
    jobListeners.forEach(listener -> listener.accept(type));
  }

  public long jobGeneration() {
    return jobGeneration;
  }

  /** Waits until jobs may have become available after {@code generation}, or the time is up. */
  public void awaitJobs(final long generation, final long maxWaitMillis)
      throws InterruptedException {
    lock.lock();
    try {
      long remaining = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
      while (jobGeneration == generation && remaining > 0) {
        remaining = jobsChanged.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  public void onJobsAvailable(final Consumer<String> listener) {
    jobListeners.add(listener);
  }

  public void removeJobListener(final Consumer<String> listener) {
    jobListeners.remove(listener);
  }

  /**
   * Tells the waiter of an instance that it ended; {@code variables} is null when it was
   * terminated.
   */
  public void instanceEnded(final long processInstanceKey, final Map<String, Object> variables) {
    final BiConsumer<Long, Map<String, Object>> listener = endListeners.remove(processInstanceKey);
    if (listener != null) {
      listener.accept(processInstanceKey, variables);
    }
  }

  public void onInstanceEnded(
      final long processInstanceKey, final BiConsumer<Long, Map<String, Object>> listener) {
    endListeners.put(processInstanceKey, listener);
  }

  public void removeEndListener(final long processInstanceKey) {
    endListeners.remove(processInstanceKey);
  }
}
