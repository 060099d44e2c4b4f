package org.commonweal.platform;

/** A command was called with options it does not accept; the launcher prints usage and exits with 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
