package dev.tandem.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the harness's own tests, which assert on values from explicit seeds: a {@code -Dtandem.seed} given to the whole
 * build must not apply. Clears {@link Property#SEED_PROPERTY} before each test and puts it back after. Use with
 * {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)}.
 */
final class IgnoreCommandLineSeed implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IgnoreCommandLineSeed.class);
    private static final String KEY = "commandLineSeed";

    @Override
    public void beforeEach(final ExtensionContext context) {
        final String commandLineSeed = System.getProperty(Property.SEED_PROPERTY);
        if (commandLineSeed != null) {
            context.getStore(NAMESPACE).put(KEY, commandLineSeed);
        }
        System.clearProperty(Property.SEED_PROPERTY);
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        final String commandLineSeed = context.getStore(NAMESPACE).remove(KEY, String.class);
        if (commandLineSeed != null) {
            System.setProperty(Property.SEED_PROPERTY, commandLineSeed);
        }
    }
}
