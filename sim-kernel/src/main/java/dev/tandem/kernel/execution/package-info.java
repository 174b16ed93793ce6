/**
 * Order lifecycle and order management. {@link dev.tandem.kernel.execution.OrderStateMachine} is the explicit,
 * total transition table of an order's life (DESIGN §2.4); {@link dev.tandem.kernel.execution.OrderManager} owns
 * every {@link dev.tandem.kernel.execution.Order}, sends commands through the venues'
 * {@link dev.tandem.kernel.port.ExecutionPort}s and turns venue reports into exactly one order event per change,
 * applying the resilience rules of DESIGN §2.6 on the kernel clock: retries with seeded jitter and the same client
 * order id, rate-limit backoff, query-before-anything after an unknown outcome, a
 * {@link dev.tandem.kernel.execution.CircuitBreaker} and a {@link dev.tandem.kernel.execution.TokenBucket} per venue,
 * and a bounded, TTL-limited queue whose orders are re-checked by risk when they leave it. Client order ids come
 * from the deterministic {@link dev.tandem.kernel.execution.ClientOrderIdGenerator}.
 */
package dev.tandem.kernel.execution;
