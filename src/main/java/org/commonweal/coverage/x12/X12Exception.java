package org.commonweal.coverage.x12;

/**
 * An X12 interchange that cannot be read or whose envelope is broken; the message is meant for the sender. When the
 * envelope scan knows it, the exception carries the acknowledgment level and code (a {@code TA1} TA105 note code
 * for the interchange, a 999 AK905 code for the functional group) and what could be read of the envelope.
 */
public class X12Exception extends Exception {

    /** Where an envelope error sits: the interchange (answered with a TA1) or the functional group (a 999). */
    public enum Level {
        INTERCHANGE,
        GROUP
    }

    private final Level level;
    private final String code;
    private final transient Envelope partial;

    public X12Exception(String message) {
        this(message, null, null, null);
    }

    public X12Exception(String message, Throwable cause) {
        super(message, cause);
        this.level = null;
        this.code = null;
        this.partial = null;
    }

    public X12Exception(String message, Level level, String code, Envelope partial) {
        super(message);
        this.level = level;
        this.code = code;
        this.partial = partial;
    }

    /** Null when the error is not an envelope error (the file could not be read at all). */
    public Level level() {
        return level;
    }

    /** TA105 when the level is the interchange, AK905 when it is the group. */
    public String code() {
        return code;
    }

    /** What was read of the envelope before the error (null when not even the ISA could be read). */
    public Envelope partial() {
        return partial;
    }
}
