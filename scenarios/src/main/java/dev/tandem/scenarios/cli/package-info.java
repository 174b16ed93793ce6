/** The {@code tandem} command line (picocli): {@code run}, {@code validate}, {@code verify}, {@code report}, {@code sweep}, {@code book-replay}; the wiring of runs to the reports module. */
package dev.tandem.scenarios.cli;
