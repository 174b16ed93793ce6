package dev.tandem.scenarios.run;

import dev.tandem.kernel.model.Instrument;
import dev.tandem.kernel.strategy.library.StrategyDescriptor;
import dev.tandem.kernel.strategy.library.StrategyLibrary;
import dev.tandem.kernel.strategy.library.StrategyParameterException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;

/**
 * The kernel's strategy library ({@link StrategyLibrary}: sma-cross, rsi-reversion, market-maker, pump-detector and
 * the deliberately bad rogue-loop, fat-finger, cancel-replace-storm) by name. Parameters are checked by the library
 * itself, so a scenario file gets the same sentences as the CLI's help; the strategy id used while checking is a
 * placeholder because ids are checked by the loader.
 */
public final class LibraryStrategies implements StrategyResolver {
    /** Id used only to build a throwaway instance while checking parameters. */
    private static final String CHECK_ID = "check";

    @Override
    public Resolved resolve(final String reference, final boolean byClass) {
        if (byClass || !StrategyLibrary.exists(reference)) {
            return null;
        }
        final StrategyDescriptor d = StrategyLibrary.describe(reference);
        return new Resolved(reference,
                (params, instrument) -> StrategyLibrary.create(reference, params, CHECK_ID, instrument).strategy(),
                new LinkedHashSet<>(d.paramNames()),
                (params, instrument) -> check(reference, params, instrument),
                d.marketMaker());
    }

    @Override
    public List<String> names() {
        return StrategyLibrary.names();
    }

    private static List<String> check(final String name, final SortedMap<String, String> params, final Instrument instrument) {
        try {
            StrategyLibrary.create(name, params, CHECK_ID, instrument);
            return List.of();
        } catch (StrategyParameterException e) {
            return List.of(e.getMessage());
        }
    }
}
