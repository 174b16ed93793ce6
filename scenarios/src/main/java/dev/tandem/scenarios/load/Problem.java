package dev.tandem.scenarios.load;

/**
 * One thing wrong with a scenario file, located for a person: file, line and column (1-based; 0 when unknown).
 *
 * @param file    the file as given
 * @param line    the line, 1-based (0: the file as a whole)
 * @param column  the column, 1-based (0: unknown)
 * @param message a sentence saying what is wrong and, where possible, what would be right
 */
public record Problem(String file, int line, int column, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(final Problem o) {
        final int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    /** {@code file: line 12, column 5: message}. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return file + ": line " + line + ", column " + column + ": " + message;
    }
}
