package org.commonweal.platform.internal;

import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxAdapter;
import org.commonweal.platform.SmsChannel;

/** Hands the outbox's SMS to the configured {@link SmsChannel} (registered only when there is one). */
class SmsOutboxAdapter implements OutboxAdapter {

    private final SmsChannel channel;

    SmsOutboxAdapter(SmsChannel channel) {
        this.channel = channel;
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public boolean handles(Outbox.Channel c) {
        return c == Outbox.Channel.SMS;
    }

    @Override
    public void send(Outbox.Delivery d) {
        channel.send(d.recipient(), d.body());
    }
}
