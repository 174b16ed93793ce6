/** The {@code tandem} command line (picocli): {@code run}, {@code validate}, {@code verify}. */
package dev.tandem.scenarios.cli;
