package org.commonweal.audit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.platform.Csv;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

@Controller
class AuditController {

    private final AuditSearch search;
    private final AuditTrail audit;

    AuditController(AuditSearch search, AuditTrail audit) {
        this.search = search;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String page(@ModelAttribute("filter") AuditSearch.Filter filter, Model model) {
        audit.record(new AuditEntry(
                AuditAction.SEARCH, "audit-log", null, blankToNull(filter.member()), "audit review", describe(filter)));
        model.addAttribute("page", search.page(filter));
        model.addAttribute("entityTypes", search.entityTypes());
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    void export(@ModelAttribute AuditSearch.Filter requested, HttpServletResponse response) throws IOException {
        var filter = new AuditSearch.Filter(
                requested.user(),
                requested.member(),
                requested.entity(),
                requested.entityId(),
                requested.from(),
                requested.to(),
                null);
        audit.record(new AuditEntry(
                AuditAction.EXPORT, "audit-log", null, blankToNull(filter.member()), "audit review", describe(filter)));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        try (var csv = Csv.to(response.getWriter())) {
            csv.row(
                    "id",
                    "occurred_at",
                    "username",
                    "roles",
                    "action",
                    "entity_type",
                    "entity_id",
                    "member_id",
                    "purpose",
                    "ip",
                    "request_id",
                    "detail");
            search.stream(
                    filter,
                    r -> csv.row(
                            String.valueOf(r.id()),
                            r.occurredAt().toString(),
                            r.username(),
                            r.roles(),
                            r.action(),
                            r.entityType(),
                            r.entityId(),
                            r.memberId(),
                            r.purpose(),
                            r.ip(),
                            r.requestId(),
                            r.detail()));
        }
    }

    private static String describe(AuditSearch.Filter f) {
        return Stream.of(
                        f.user() == null || f.user().isBlank() ? null : "user=" + f.user(),
                        f.entity() == null || f.entity().isBlank() ? null : "entity=" + f.entity(),
                        f.from() == null ? null : "from=" + f.from(),
                        f.to() == null ? null : "to=" + f.to())
                .filter(s -> s != null)
                .collect(Collectors.joining(" "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
