package org.commonweal.platform;

import java.util.Locale;
import java.util.Objects;

/**
 * The one notification outbox of every module ({@code platform.outbox}). A module queues a message in the same
 * transaction as the change it reports, already written in the person's language; the dispatcher hands it to the
 * first {@link OutboxAdapter} for its channel (a provider when one is configured, else the log adapter, so nothing is
 * lost) and retries a failure with backoff ({@link OutboxRetry}) until it is marked failed.
 */
public interface Outbox {

    /** Queues a message; returns its id. Call inside the transaction of the change it reports. */
    long queue(Message message);

    /**
     * Sends the pending messages that are due, oldest first, each in its own transaction, so one failing message
     * (or adapter) neither blocks nor undoes the others. Returns how many were sent.
     */
    int dispatch();

    /** Removes every message of {@code module} and what the log adapter kept of them (a demo reset). */
    int discard(String module);

    /** How a message reaches a person. */
    enum Channel {
        EMAIL,
        SMS;

        /** The value stored in {@code platform.outbox.channel}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Channel of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** Where a message is in its life. */
    enum Status {
        PENDING,
        SENT,
        FAILED;

        /** The value stored in {@code platform.outbox.status}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A message to queue.
     *
     * @param module   the module that writes it ({@code centers}, {@code grants}, …)
     * @param template the message's kind, for reports and tests ({@code confirmed}, {@code reportDue}, …)
     * @param calendar an RFC 5545 calendar entry sent with the message (an e-mail attachment), or null
     */
    record Message(
            String module,
            Channel channel,
            String recipient,
            String template,
            Locale locale,
            String subject,
            String body,
            String calendar) {

        /** A message without a calendar entry. */
        public Message(
                String module,
                Channel channel,
                String recipient,
                String template,
                Locale locale,
                String subject,
                String body) {
            this(module, channel, recipient, template, locale, subject, body, null);
        }

        public Message {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
        }
    }

    /** A message as an adapter receives it; {@code calendar} is null when it carries no calendar entry. */
    record Delivery(
            long id, String module, Channel channel, String recipient, String subject, String body, String calendar) {}
}
