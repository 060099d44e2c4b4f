package org.commonweal.centers.registration;

/**
 * Delivers one message on one channel (email or sms). A provider adapter is a bean for its channel; without one,
 * {@link LogNotificationAdapter} keeps the message in the log table, so nothing is lost.
 */
public interface NotificationAdapter {

    /** {@code email} or {@code sms}. */
    boolean handles(String channel);

    /** A short name stored with each message it sent. */
    String name();

    void send(long notificationId, String channel, String recipient, String subject, String body);

    /**
     * Sends a message that may carry a calendar entry (RFC 5545 text, or null); an adapter that cannot attach one
     * sends the message alone.
     */
    default void send(long notificationId, String channel, String recipient, String subject, String body,
            String calendar) {
        send(notificationId, channel, recipient, subject, body);
    }
}
