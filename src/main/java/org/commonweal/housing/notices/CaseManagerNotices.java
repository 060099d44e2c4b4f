package org.commonweal.housing.notices;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What housing tells a case manager by e-mail (#22): a client assigned to them by someone else. The message goes
 * through platform's {@link Outbox} in the transaction of the assignment, in the case manager's language (English when
 * none is chosen), and says only what happened with a link to the client file, which asks for sign-in and applies the
 * caseload rules: no name, birth date or other detail of the client travels in the mail (minimum necessary). Every
 * notice is kept in {@code housing.notice} with the outbox message, or the reason it was not sent (the case manager's
 * login has no e-mail address), which the client file shows.
 */
@Component
public class CaseManagerNotices {

    /** Why a notice was not sent, as stored; the client file shows {@code housing.notice.notSent.<code>}. */
    public static final String NO_EMAIL = "no-email";

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Outbox outbox;
    private final UserAccounts accounts;
    private final String planName;
    private final String publicUrl;

    CaseManagerNotices(
            JdbcClient jdbc,
            MessageSource messages,
            Outbox outbox,
            UserAccounts accounts,
            PlanIdentity plan,
            @Value("${commonweal.public-url:http://localhost:8080}") String publicUrl) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.outbox = outbox;
        this.accounts = accounts;
        this.planName = plan.name();
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /**
     * A client was assigned to {@code caseManager} by {@code by}; nothing is sent when they assigned it to
     * themselves. Call inside the assignment's transaction.
     */
    public void assigned(long clientId, String caseManager, String by) {
        if (caseManager.equalsIgnoreCase(by)) {
            return;
        }
        var email = accounts.email(caseManager);
        Long outboxId = null;
        if (email.isPresent()) {
            Locale locale = email.get().language() == null
                    ? Locale.ENGLISH
                    : email.get().language();
            Object[] args = {by, planName, publicUrl + "/housing/clients/" + clientId};
            outboxId = outbox.queue(new Outbox.Message(
                    "housing",
                    Outbox.Channel.EMAIL,
                    email.get().address(),
                    "assigned",
                    locale,
                    messages.getMessage("housing.notify.assigned.subject", args, locale),
                    messages.getMessage("housing.notify.assigned.body", args, locale)));
        }
        jdbc.sql("""
                insert into housing.notice (client_id, recipient, kind, created_by, outbox_id, not_sent)
                values (?, ?, 'assigned', ?, ?, ?)""")
                .params(clientId, caseManager, by, outboxId, outboxId == null ? NO_EMAIL : null)
                .update();
    }

    /** The notices about a client, newest first (shown on its file, to those who may open it). */
    public List<Notice> of(long clientId) {
        return jdbc.sql("""
                select created_at, recipient, kind, created_by, outbox_id is not null, not_sent from housing.notice
                where client_id = ? order by created_at desc, id desc""")
                .param(clientId)
                .query((rs, n) -> new Notice(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
    }

    /** One notice: to whom, what, by whom; {@code queued} when it went to the outbox, else {@code notSent} says why. */
    public record Notice(
            Instant createdAt, String recipient, String kind, String createdBy, boolean queued, String notSent) {}
}
