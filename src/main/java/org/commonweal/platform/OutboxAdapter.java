package org.commonweal.platform;

/**
 * Delivers outbox messages on a channel (a mail or SMS provider). A provider adapter is a bean of this type; without
 * one, the log adapter keeps each message in {@code platform.outbox_log}, so nothing is lost. The dispatcher tries
 * provider adapters before the log adapter.
 */
public interface OutboxAdapter {

    /** The name stored with each message it sent; {@code log} is the fallback's. */
    String name();

    boolean handles(Outbox.Channel channel);

    /** Sends the message, or throws: the dispatcher then retries it later ({@link OutboxRetry}). */
    void send(Outbox.Delivery delivery);
}
