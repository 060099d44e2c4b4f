package org.commonweal.coverage.x12;

/** An X12 interchange that cannot be read or whose envelope is broken; the message is meant for the sender. */
public class X12Exception extends Exception {

    public X12Exception(String message) {
        super(message);
    }

    public X12Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
