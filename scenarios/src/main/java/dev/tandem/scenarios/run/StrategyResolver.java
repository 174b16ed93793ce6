package dev.tandem.scenarios.run;

import dev.tandem.kernel.strategy.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiFunction;
import dev.tandem.kernel.model.Instrument;
import java.util.function.Supplier;

/**
 * The seam through which scenario files name strategies: a built-in name ({@code strategy: {name: sma-cross}}) or
 * a class ({@code strategy: {class: com.example.MyStrategy}}). The kernel's strategy library plugs in here as one
 * more resolver (see {@link #chain}).
 */
public interface StrategyResolver {

    /**
     * A strategy the resolver knows.
     *
     * @param reference  the name or class as written
     * @param maker       makes a fresh instance per run from the file's parameters and the strategy's first
     *                    instrument
     * @param parameters  the parameter names it accepts, or null when it does not say (then any are passed on)
     * @param check       checks parameter values against the strategy's first instrument; returns one sentence per
     *                    problem (empty when fine)
     * @param marketMaker true if the strategy is a market maker by nature (the risk engine's inventory-edge check
     *                    applies even when the file does not say {@code market-maker: true})
     */
    record Resolved(String reference, BiFunction<SortedMap<String, String>, Instrument, Strategy> maker,
                    Set<String> parameters, BiFunction<SortedMap<String, String>, Instrument, List<String>> check,
                    boolean marketMaker) {

        /** A strategy made without looking at its parameters (it reads them from its context at start). */
        public Resolved(final String reference, final Supplier<Strategy> factory, final Set<String> parameters,
                final BiFunction<SortedMap<String, String>, Instrument, List<String>> check) {
            this(reference, (params, instrument) -> factory.get(), parameters, check, false);
        }
    }

    /**
     * Resolves a reference.
     *
     * @param reference the name or class name
     * @param byClass   true if the file said {@code class:}, false for {@code name:}
     * @return the strategy, or null if this resolver does not know it
     * @throws IllegalArgumentException if it knows the reference but cannot use it (with the reason)
     */
    Resolved resolve(String reference, boolean byClass);

    /** The names this resolver knows (for "did you mean" and help texts). */
    default List<String> names() {
        return List.of();
    }

    /** The first resolver that knows a reference wins. */
    static StrategyResolver chain(final StrategyResolver... resolvers) {
        final List<StrategyResolver> all = List.of(resolvers);
        return new StrategyResolver() {
            @Override
            public Resolved resolve(final String reference, final boolean byClass) {
                for (final StrategyResolver r : all) {
                    final Resolved found = r.resolve(reference, byClass);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }

            @Override
            public List<String> names() {
                final List<String> out = new ArrayList<>();
                all.forEach(r -> out.addAll(r.names()));
                return out;
            }
        };
    }

    /**
     * The default: the kernel's strategy library ({@link LibraryStrategies}), then the scenario-only built-ins
     * ({@link BuiltinStrategies}: test helpers such as {@code interval-trader}), then class names.
     */
    static StrategyResolver defaults() {
        return chain(new LibraryStrategies(), new BuiltinStrategies(), new ClassNameStrategyResolver());
    }
}
