package org.commonweal.centers.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The default adapter: writes the message to {@code centers.notification_log} (not to the application log). */
@Component
class LogNotificationAdapter implements NotificationAdapter {

    private final JdbcClient jdbc;

    LogNotificationAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean handles(String channel) {
        return true;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void send(long notificationId, String channel, String recipient, String subject, String body) {
        jdbc.sql("insert into centers.notification_log (notification_id, channel, recipient, subject, body) values (?, ?, ?, ?, ?)")
                .params(notificationId, channel, recipient, subject, body).update();
    }
}
