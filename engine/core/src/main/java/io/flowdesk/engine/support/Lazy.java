package io.flowdesk.engine.support;

import java.util.function.Supplier;

/** A value made on first use, then kept; safe to ask from several threads. */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private volatile T value;

  public Lazy(final Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = factory.get();
          value = current;
        }
      }
    }
    return current;
  }
}
