package org.commonweal.platform.internal;

import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxAdapter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The default adapter: writes the message to {@code platform.outbox_log} (not to the application log). */
@Component
class LogOutboxAdapter implements OutboxAdapter {

    static final String NAME = "log";

    private final JdbcClient jdbc;

    LogOutboxAdapter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(Outbox.Channel channel) {
        return true;
    }

    @Override
    public void send(Outbox.Delivery d) {
        jdbc.sql(
                        "insert into platform.outbox_log (outbox_id, channel, recipient, subject, body) values (?, ?, ?, ?, ?)")
                .params(d.id(), d.channel().code(), d.recipient(), d.subject(), d.body())
                .update();
    }
}
