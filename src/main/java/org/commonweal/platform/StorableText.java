package org.commonweal.platform;

/**
 * Text from outside (a file, a query) that is to be stored or compared in PostgreSQL. PostgreSQL's {@code text} and
 * {@code jsonb} refuse NUL (U+0000): one such character would fail the statement, and with it a whole import, with a
 * database error instead of the line and field at fault. The other C0 control characters (but tab and line breaks)
 * are stored but never typed on purpose; they are refused the same way so that what is kept can be shown and exported.
 * Found by fuzzing (#20, docs/reliability.md).
 */
public final class StorableText {

    private StorableText() {}

    /** Why {@code value} cannot be taken (e.g. "contains the control character U+0000"), or null when it can. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("contains the control character U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }
}
