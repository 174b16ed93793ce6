/**
 * {@link dev.tandem.kernel.digest.StateDigest}: the canonical SHA-256 digest every stateful component writes its
 * state into, in a fixed order, so that "same state" can be checked across runs, replays, restores and JVMs. It sits
 * in its own package because every other package uses it and it uses none of them.
 */
package dev.tandem.kernel.digest;
