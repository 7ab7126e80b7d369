package dev.keyvet.runtime.server;

/**
 * A token bucket: {@code perSecond} requests a second on average, bursts of up to {@code
 * perSecond}. Over the quota a request is answered with {@code ThrottlingException}, so that
 * clients' retry paths can be tested.
 */
final class RateQuota {
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long last;

  RateQuota(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("the request quota must be at least 1 a second");
    }
    this.perSecond = perSecond;
    this.burst = perSecond;
    this.tokens = perSecond;
    this.last = System.nanoTime();
  }

  /** Takes one token if there is one. */
  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
