package org.commonweal.quality.claims;

/** A file that cannot be read as an 837 at all (no ISA, wrong transaction set): refused whole, nothing stored. */
public class ClaimFileException extends RuntimeException {

    public ClaimFileException(String message) {
        super(message);
    }
}
