package org.commonweal.grants.internal;

/**
 * Delivers one grants message by email. A mail provider is a bean of this type; without one,
 * {@link LogGrantsNotificationAdapter} keeps the message in {@code grants.notification_log}, so nothing is lost.
 */
interface GrantsNotificationAdapter {

    /** A short name stored with each message it sent. */
    String name();

    void send(long notificationId, String recipient, String subject, String body);
}

/** The default adapter: writes the message to {@code grants.notification_log} (not to the application log). */
@org.springframework.stereotype.Component
class LogGrantsNotificationAdapter implements GrantsNotificationAdapter {

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    LogGrantsNotificationAdapter(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(long notificationId, String recipient, String subject, String body) {
        jdbc.sql("insert into grants.notification_log (notification_id, recipient, subject, body) values (?, ?, ?, ?)")
                .params(notificationId, recipient, subject, body).update();
    }
}
