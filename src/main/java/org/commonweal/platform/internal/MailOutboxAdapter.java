package org.commonweal.platform.internal;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxAdapter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The outbox's e-mail channel for every module: mail through Spring's mail support to whatever SMTP server is configured: {@code spring.mail.host} (and port,
 * username, password) from the environment, or demo mode's embedded server. A message that carries a calendar entry
 * (a class confirmation or reminder) gets it as an {@code .ics} attachment. Without a mail sender this adapter
 * declines, and platform's log adapter keeps the message.
 */
@Component
class MailOutboxAdapter implements OutboxAdapter {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailOutboxAdapter(
            ObjectProvider<JavaMailSender> sender,
            @Value("${commonweal.mail.from:Commonweal <no-reply@commonweal.example.org>}") String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public boolean handles(Outbox.Channel channel) {
        return channel == Outbox.Channel.EMAIL && sender.getIfAvailable() != null;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void send(Outbox.Delivery d) {
        JavaMailSender mail = sender.getObject();
        var message = mail.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, d.calendar() != null, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(d.recipient());
            helper.setSubject(d.subject());
            helper.setText(d.body(), false);
            if (d.calendar() != null) {
                helper.addAttachment(
                        "class.ics",
                        new ByteArrayResource(d.calendar().getBytes(StandardCharsets.UTF_8)),
                        "text/calendar; charset=UTF-8; method=PUBLISH");
            }
            message.setHeader("X-Commonweal-Notification", Long.toString(d.id()));
        } catch (MessagingException e) {
            throw new IllegalStateException("message " + d.id() + " could not be built", e);
        }
        mail.send(message);
    }
}
