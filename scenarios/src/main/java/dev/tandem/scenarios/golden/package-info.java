/**
 * Golden trace hashes ({@code expected/<name>.digest} beside each scenario file) and the
 * {@link dev.tandem.scenarios.golden.Verifier} shared by {@code tandem verify} and the build's replay test.
 */
package dev.tandem.scenarios.golden;
