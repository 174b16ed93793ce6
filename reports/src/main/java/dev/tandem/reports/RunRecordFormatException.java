package dev.tandem.reports;

/**
 * A run-record file could not be read: malformed JSON, a field of the wrong type, a missing or unknown field, or
 * values that contradict each other. The message names the file, the line and column (when known), the JSON path and
 * what is wrong, e.g. {@code result.json:12:17: equity.samples[3].t: 1700000000 is not after the previous sample (1700000060)}.
 */
public final class RunRecordFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /**
     * @param source  file name (or another description of the input)
     * @param line    1-based line, or -1 if unknown
     * @param column  1-based column, or -1 if unknown
     * @param path    JSON path of the offending value ({@code equity.samples[3].t}), or "" for the document
     * @param problem what is wrong
     */
    public RunRecordFormatException(final String source, final int line, final int column, final String path, final String problem) {
        super(source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** The file or input name. */
    public String source() {
        return source;
    }

    /** 1-based line, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1. */
    public int column() {
        return column;
    }

    /** JSON path of the offending value, "" for the whole document. */
    public String path() {
        return path;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
