package io.flowdesk.domain.delivery;

/** Where one delivery stands. */
public enum DeliveryStatus {
  /** Claimed by a worker; the provider may or may not have accepted it yet. */
  PENDING,
  /** The provider accepted it; a retried job must not send it again. */
  SENT,
  /** The last attempt failed; a retry of the job may try again. */
  FAILED
}
