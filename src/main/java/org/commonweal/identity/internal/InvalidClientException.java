package org.commonweal.identity.internal;

/** A registration an administrator must correct; {@code messageKey} names the reason in the identity bundle. */
class InvalidClientException extends IllegalArgumentException {

    private final String messageKey;

    InvalidClientException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    String messageKey() {
        return messageKey;
    }
}
