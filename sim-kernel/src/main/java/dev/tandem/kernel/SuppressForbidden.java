package dev.tandem.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one escape hatch from the determinism check (forbidden-apis, {@code config/forbidden/determinism.txt}).
 * Every use must say why the forbidden call cannot change a run's output.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {
    /** Why this use cannot break determinism. */
    String reason();
}
