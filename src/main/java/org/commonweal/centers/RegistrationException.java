package org.commonweal.centers;

/** A registration rule was broken; {@code field} names what (a form field or a rule). Shown to users as 422. */
public class RegistrationException extends RuntimeException {

    private final String field;

    public RegistrationException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
