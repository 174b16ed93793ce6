package dev.tandem.scenarios.run;

import dev.tandem.kernel.strategy.Strategy;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Resolves {@code class: com.example.MyStrategy}: a public class implementing {@link Strategy} with a public no-argument
 * constructor, loaded from the classpath; it reads its parameters from {@code StrategyContext.params()}. Parameter
 * names are not checked (the class does not declare them).
 */
public final class ClassNameStrategyResolver implements StrategyResolver {

    @Override
    public Resolved resolve(final String reference, final boolean byClass) {
        if (!byClass) {
            return null;
        }
        final Class<?> type;
        try {
            type = Class.forName(reference, false, ClassNameStrategyResolver.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("class '" + reference + "' is not on the classpath");
        }
        if (!Strategy.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class '" + reference + "' does not implement " + Strategy.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException("class '" + reference + "' must be public and not abstract");
        }
        final Constructor<?> ctor;
        try {
            ctor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("class '" + reference + "' needs a public constructor without arguments");
        }
        return new Resolved(reference, () -> {
            try {
                return (Strategy) ctor.newInstance();
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot create " + reference + ": " + e.getMessage(), e);
            }
        }, null, (params, instrument) -> List.of());
    }
}
