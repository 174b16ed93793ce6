package dev.tandem.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A small HTML writer: escaping, and the inline style sheet and scripts every report page embeds. */
final class Html {
    private final StringBuilder out = new StringBuilder(1 << 16);

    /** Appends raw markup. */
    Html raw(final String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    Html text(final String text) {
        out.append(esc(text));
        return this;
    }

    /** Appends {@code <tag attrs>escaped text</tag>}. */
    Html el(final String tag, final String attrs, final String text) {
        out.append('<').append(tag);
        if (attrs != null && !attrs.isEmpty()) {
            out.append(' ').append(attrs);
        }
        out.append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes text for element content and double-quoted attribute values. */
    static String esc(final String s) {
        if (s == null) {
            return "";
        }
        final StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A JSON string literal (for data embedded in attributes, escape the result again with {@link #esc}). */
    static String jsonString(final String s) {
        final StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A resource of this package as text (the inline CSS and JS). */
    static String resource(final String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The start of a page: doctype, head with the inline style sheet, the body, and first of all the error trap that
     * lists every script error on the page itself (so a person, and the browser test, can see it).
     */
    static void pageStart(final Html h, final String title) {
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta name=\"generator\" content=\"Tandem reports\">\n")
                .raw("<title>").text(title).raw("</title>\n<style>\n").raw(resource("report.css")).raw("</style>\n</head>\n<body>\n")
                .raw("<div id=\"js-errors\" class=\"js-errors\" hidden><strong>Script errors on this page:</strong><ul></ul></div>\n")
                .raw("<script>\n").raw(resource("errors.js")).raw("</script>\n");
    }

    /** The end of a page: the interaction script (sorting, chart read-outs, copy buttons), then the closing tags. */
    static void pageEnd(final Html h) {
        h.raw("<script>\n").raw(resource("report.js")).raw("</script>\n</body>\n</html>\n");
    }
}
