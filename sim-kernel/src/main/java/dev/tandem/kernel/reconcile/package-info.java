/**
 * Reconciliation as pure functions: {@link dev.tandem.kernel.reconcile.Reconciler} compares our orders, positions
 * and balances with a venue snapshot and returns every difference as a {@link dev.tandem.kernel.reconcile.Drift},
 * in a deterministic order. It changes nothing: the kernel emits a
 * {@link dev.tandem.kernel.event.DriftDetected} per drift and then adopts the venue's values (the venue's truth
 * wins), e.g. with {@link dev.tandem.kernel.portfolio.Portfolio#adoptPosition} and
 * {@link dev.tandem.kernel.portfolio.Portfolio#adoptBalance}.
 */
package dev.tandem.kernel.reconcile;
