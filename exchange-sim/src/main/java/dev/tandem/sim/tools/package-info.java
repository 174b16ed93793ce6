/**
 * Command-line tools over the simulator's parts. {@link dev.tandem.sim.tools.BookReplay} runs the matching engine
 * alone over a JSON-lines command file and writes trades, per-command results and the final book. Only the tools'
 * entry points touch files; parsing and replay are plain functions over strings.
 */
package dev.tandem.sim.tools;
