package org.commonweal.centers.web;

import java.security.Principal;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.platform.DemoMailbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Demo mode's inbox: the mail the application sent (class confirmations with their calendar entry, reminders,
 * waitlist offers), as the embedded SMTP server received it. For administrators; not there when a real SMTP server
 * or production mode is configured. Reading it is audited (the messages name people).
 */
@Controller
class DemoMailController {

    private final ObjectProvider<DemoMailbox> mailbox;
    private final AuditTrail audit;

    DemoMailController(ObjectProvider<DemoMailbox> mailbox, AuditTrail audit) {
        this.mailbox = mailbox;
        this.audit = audit;
    }

    @Bean
    static AccessRules demoMailRules() {
        return rules -> rules.requestMatchers("/admin/demo-mail").hasRole(Role.ADMIN.name());
    }

    @GetMapping("/admin/demo-mail")
    String inbox(Model model, Principal principal) {
        DemoMailbox box = mailbox.getIfAvailable();
        if (box == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no demo mail server");
        }
        audit.record(AuditEntry.read("demo-mail", null, null, "demo mail page"));
        model.addAttribute("messages", box.messages(100));
        return "centers/demo-mail";
    }
}
