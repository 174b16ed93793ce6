package dev.tandem.kernel;

import dev.tandem.kernel.execution.ExecutionConfig;
import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.model.InstrumentId;
import dev.tandem.kernel.risk.RiskLimits;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything that configures a kernel run. The seed is required: there is no fallback to entropy.
 *
 * @param seed                         the run's master seed; every component's randomness derives from it
 * @param runTag                       ≤ 8 chars of [A-Za-z0-9], prefix of every client order id (default: from the seed)
 * @param startTimeNanos               the kernel clock's start (UTC epoch nanos)
 * @param accountCurrency              the currency equity is measured in, e.g. USDT
 * @param initialBalances              starting wallet per asset, money units (8 decimals)
 * @param instruments                  tradable instruments
 * @param leverage                     leverage per perpetual (default 1)
 * @param risk                         risk limits
 * @param execution                    order-manager configuration (retries, breaker, queue, limiter)
 * @param reconcileIntervalNanos       periodic reconciliation with every venue; 0 = only on startup/after breaker
 * @param maxStrategyCallbacksPerEvent a bound on one strategy's callbacks caused by one inbound event (rogue-loop guard)
 */
public record KernelConfig(
        long seed,
        String runTag,
        long startTimeNanos,
        String accountCurrency,
        SortedMap<String, Long> initialBalances,
        List<Instrument> instruments,
        SortedMap<InstrumentId, Integer> leverage,
        RiskLimits risk,
        ExecutionConfig execution,
        long reconcileIntervalNanos,
        int maxStrategyCallbacksPerEvent) {

    public KernelConfig {
        if (runTag == null || runTag.isEmpty()) {
            runTag = defaultRunTag(seed);
        }
        if (runTag.length() > 8 || !runTag.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("runTag must be 1..8 letters or digits, got '" + runTag + "'");
        }
        initialBalances = Collections.unmodifiableSortedMap(new TreeMap<>(initialBalances));
        instruments = List.copyOf(instruments);
        leverage = Collections.unmodifiableSortedMap(new TreeMap<>(leverage));
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("a kernel needs at least one instrument");
        }
        if (reconcileIntervalNanos < 0 || maxStrategyCallbacksPerEvent < 1) {
            throw new IllegalArgumentException("reconcileIntervalNanos >= 0 and maxStrategyCallbacksPerEvent >= 1 required");
        }
    }

    /** The default run tag: 6 base-36 characters derived from the seed (stable across restarts of the same run). */
    public static String defaultRunTag(final long seed) {
        final String s = Long.toString(dev.tandem.kernel.random.Seeds.derive(seed, "runTag") & Long.MAX_VALUE, 36);
        return s.substring(0, Math.min(6, s.length()));
    }

    /** A configuration with default limits, one USDT balance, and the given instruments. */
    public static KernelConfig defaults(final long seed, final long startTimeNanos, final long usdtBalanceMoney, final List<Instrument> instruments) {
        final TreeMap<String, Long> balances = new TreeMap<>();
        balances.put("USDT", usdtBalanceMoney);
        return new KernelConfig(seed, null, startTimeNanos, "USDT", balances, instruments, new TreeMap<>(),
                RiskLimits.defaults(), ExecutionConfig.defaults(), 0, 10_000);
    }

    /** A copy with other risk limits. */
    public KernelConfig withRisk(final RiskLimits r) {
        return new KernelConfig(seed, runTag, startTimeNanos, accountCurrency, initialBalances, instruments, leverage, r, execution,
                reconcileIntervalNanos, maxStrategyCallbacksPerEvent);
    }

    /** A copy with another execution configuration. */
    public KernelConfig withExecution(final ExecutionConfig e) {
        return new KernelConfig(seed, runTag, startTimeNanos, accountCurrency, initialBalances, instruments, leverage, risk, e,
                reconcileIntervalNanos, maxStrategyCallbacksPerEvent);
    }

    /** A copy with a leverage setting for one instrument. */
    public KernelConfig withLeverage(final InstrumentId id, final int lev) {
        final TreeMap<InstrumentId, Integer> l = new TreeMap<>(leverage);
        l.put(id, lev);
        return new KernelConfig(seed, runTag, startTimeNanos, accountCurrency, initialBalances, instruments, l, risk, execution,
                reconcileIntervalNanos, maxStrategyCallbacksPerEvent);
    }

    /** A copy with periodic reconciliation. */
    public KernelConfig withReconcileInterval(final long nanos) {
        return new KernelConfig(seed, runTag, startTimeNanos, accountCurrency, initialBalances, instruments, leverage, risk, execution,
                nanos, maxStrategyCallbacksPerEvent);
    }

    /** A short fingerprint of this configuration (part of KernelStarted), stable across JVMs. */
    public String fingerprint() {
        final var d = new dev.tandem.kernel.digest.StateDigest();
        d.putLong(seed).putString(runTag).putLong(startTimeNanos).putString(accountCurrency);
        initialBalances.forEach((k, v) -> d.putString(k).putLong(v));
        instruments.forEach(i -> d.putString(i.toString()));
        leverage.forEach((k, v) -> d.putString(k.toString()).putInt(v));
        d.putString(risk.toString()).putString(execution.toString()).putLong(reconcileIntervalNanos).putInt(maxStrategyCallbacksPerEvent);
        return d.hex().substring(0, 16);
    }
}
