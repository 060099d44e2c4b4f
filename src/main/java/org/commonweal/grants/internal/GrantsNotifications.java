package org.commonweal.grants.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.commonweal.platform.Outbox;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The grants notification outbox: a message to each contact of an organization (its registered contact and every
 * grantee colleague added since), queued on platform's {@link Outbox} in the same transaction as what it reports, so
 * nothing is lost when no mail provider is configured.
 */
@Component
class GrantsNotifications {

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Outbox outbox;

    GrantsNotifications(JdbcClient jdbc, MessageSource messages, Outbox outbox) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.outbox = outbox;
    }

    /** Queues {@code grants.notify.<template>.subject|body} to every contact; returns how many messages. */
    int toOrganization(long organizationId, String template, Object... args) {
        Set<String> recipients = new LinkedHashSet<>(jdbc.sql("""
                select contact_email from grants.organization where id = ? and contact_email is not null and contact_email <> ''
                union all
                select email from grants.organization_contact where organization_id = ? order by 1""")
                .params(organizationId, organizationId)
                .query(String.class)
                .list());
        String subject = messages.getMessage("grants.notify." + template + ".subject", args, Locale.ENGLISH);
        String body = messages.getMessage("grants.notify." + template + ".body", args, Locale.ENGLISH);
        for (String recipient : recipients) {
            outbox.queue(new Outbox.Message(
                    "grants",
                    Outbox.Channel.EMAIL,
                    recipient.trim().toLowerCase(Locale.ROOT),
                    template,
                    Locale.ENGLISH,
                    subject,
                    body));
        }
        return recipients.size();
    }
}
