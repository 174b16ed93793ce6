/**
 * Time, injected: the kernel reads time only through {@link dev.tandem.kernel.time.Clock}. In a backtest the
 * {@link dev.tandem.kernel.time.SimClock} is advanced by the event loop and refuses to go backwards; live, a
 * wall clock outside the kernel stamps events. Timers are kept in a {@link dev.tandem.kernel.time.TimerQueue}
 * and fire in (deadline, name, sequence) order, so same-time timers fire identically in every run.
 */
package dev.tandem.kernel.time;
