package org.commonweal.platform;

import java.time.Instant;
import java.util.List;

/**
 * The mail the application sent in demo mode, as the embedded SMTP server (GreenMail) received it, newest first: what
 * a demo visitor reads on the demo mail page instead of a real inbox. Absent when a real SMTP server is configured
 * ({@code spring.mail.host}) or in production mode.
 */
public interface DemoMailbox {

    List<SentMail> messages(int limit);

    /** One received message: recipients, subject, the plain text and the names and types of its attachments. */
    record SentMail(Instant received, String to, String subject, String text, List<String> attachments) {}
}
