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
}
