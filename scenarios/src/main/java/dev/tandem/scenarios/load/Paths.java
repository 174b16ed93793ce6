package dev.tandem.scenarios.load;

/** Turns JSON pointers into the words messages use: {@code /faults/2/at} → {@code 'faults[2].at'}. */
final class Paths {
    private Paths() {}

    /** {@code the top level} or {@code 'faults[2]'}. */
    static String describe(final String pointer) {
        return pointer.isEmpty() ? "the top level" : "'" + dotted(pointer) + "'";
    }

    /** {@code faults[2].at}. */
    static String dotted(final String pointer) {
        final StringBuilder sb = new StringBuilder();
        for (final String raw : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/", -1)) {
            if (raw.isEmpty() && pointer.isEmpty()) {
                break;
            }
            final String part = raw.replace("~1", "/").replace("~0", "~");
            if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(part);
            }
        }
        return sb.toString();
    }

    /** The last segment of a pointer (a key). */
    static String last(final String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    /** The pointer without its last segment. */
    static String parent(final String pointer) {
        final int i = pointer.lastIndexOf('/');
        return i <= 0 ? "" : pointer.substring(0, i);
    }
}
