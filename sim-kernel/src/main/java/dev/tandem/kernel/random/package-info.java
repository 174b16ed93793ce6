/**
 * Seeded randomness. A run has one required master seed; each component draws from its own
 * {@link dev.tandem.kernel.random.RandomSource} whose seed is derived from (master seed, stable component name)
 * by {@link dev.tandem.kernel.random.Seeds#derive}, so adding a component never shifts another's stream.
 */
package dev.tandem.kernel.random;
