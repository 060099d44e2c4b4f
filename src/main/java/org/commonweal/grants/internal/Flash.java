package org.commonweal.grants.internal;

import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Post/redirect/get for grants forms: a refused action comes back as the rule's message on the same page. */
final class Flash {

    interface Action {
        void run() throws Exception;
    }

    private Flash() {}

    static String attempt(RedirectAttributes ra, String redirect, String doneKey, Action action) throws Exception {
        try {
            action.run();
            ra.addFlashAttribute("doneKey", doneKey);
        } catch (GrantRuleViolation | IllegalArgumentException refused) {
            ra.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:" + redirect;
    }
}
