package org.commonweal.platform.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.commonweal.platform.DemoMailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Demo mode's mail: a real SMTP server (GreenMail) inside the process, on a free local port unless
 * {@code commonweal.mail.demo-port} says which, and the {@link JavaMailSender} that talks to it. With
 * {@code spring.mail.host} set, Spring Boot's own sender talks to that server instead and this stays off; production
 * mode ({@code COMMONWEAL_DB_URL}) never starts it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${commonweal.db.url:}'.isBlank() and '${spring.mail.host:}'.isBlank()"
        + " and '${commonweal.mail.demo-server:true}' == 'true'")
class DemoMailServer {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    @Bean(destroyMethod = "stop")
    GreenMail demoSmtpServer(@Value("${commonweal.mail.demo-port:0}") int port) {
        var server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        log.info(
                "Demo mail: embedded SMTP server on 127.0.0.1:{} (read the mail at /admin/demo-mail)",
                server.getSmtp().getPort());
        return server;
    }

    @Bean
    JavaMailSender demoMailSender(GreenMail server) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        Properties p = sender.getJavaMailProperties();
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return sender;
    }

    @Bean
    DemoMailbox demoMailbox(GreenMail server) {
        return limit -> {
            List<DemoMailbox.SentMail> out = new ArrayList<>();
            for (MimeMessage m : server.getReceivedMessages()) {
                try {
                    List<String> attachments = new ArrayList<>();
                    StringBuilder text = new StringBuilder();
                    read(m, text, attachments);
                    out.add(new DemoMailbox.SentMail(
                            m.getSentDate() == null ? null : m.getSentDate().toInstant(),
                            String.join(
                                    ", ",
                                    java.util.Arrays.stream(m.getAllRecipients())
                                            .map(Object::toString)
                                            .toList()),
                            m.getSubject(),
                            text.toString().strip(),
                            attachments));
                } catch (Exception e) {
                    log.warn(
                            "Demo mail: a message could not be read ({})",
                            e.getClass().getSimpleName());
                }
            }
            out.sort(Comparator.comparing(
                    DemoMailbox.SentMail::received, Comparator.nullsLast(Comparator.reverseOrder())));
            return out.subList(0, Math.min(limit, out.size()));
        };
    }

    private static void read(Part part, StringBuilder text, List<String> attachments) throws Exception {
        if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.add(part.getFileName() + " ("
                    + part.getContentType().split(";")[0].strip() + ")");
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent()).append('\n');
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                read(multipart.getBodyPart(i), text, attachments);
            }
        }
    }
}
