package org.commonweal.centers.registration;

import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;

/**
 * E-mail through Spring's mail support to whatever SMTP server is configured: {@code spring.mail.host} (and port,
 * username, password) from the environment, or demo mode's embedded server. A confirmation or reminder carries its
 * session as an {@code .ics} attachment. Without a mail sender this adapter declines, and the log adapter keeps
 * the message.
 */
@Component
class MailNotificationAdapter implements NotificationAdapter {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailNotificationAdapter(ObjectProvider<JavaMailSender> sender,
            @Value("${commonweal.mail.from:Commonweal <no-reply@commonweal.example.org>}") String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public boolean handles(String channel) {
        return channel.equals("email") && sender.getIfAvailable() != null;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void send(long notificationId, String channel, String recipient, String subject, String body) {
        send(notificationId, channel, recipient, subject, body, null);
    }

    @Override
    public void send(long notificationId, String channel, String recipient, String subject, String body,
            String calendar) {
        JavaMailSender mail = sender.getObject();
        var message = mail.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, calendar != null, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient);
            helper.setSubject(subject);
            helper.setText(body, false);
            if (calendar != null) {
                helper.addAttachment("class.ics", new ByteArrayResource(calendar.getBytes(StandardCharsets.UTF_8)),
                        "text/calendar; charset=UTF-8; method=PUBLISH");
            }
            message.setHeader("X-Commonweal-Notification", Long.toString(notificationId));
        } catch (MessagingException e) {
            throw new IllegalStateException("message " + notificationId + " could not be built", e);
        }
        mail.send(message);
    }
}
