package org.commonweal.quality.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.platform.Csv;
import org.commonweal.quality.gaps.GapWorklist;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Care-gap worklists: {@code /care-gaps} for Health Promoters (engagement staff) by RCAC region and language, member
 * services and case managers (a queue, soonest due first), and per PCP ({@code ?pcp=NPI}, also as CSV for the
 * provider). Each member listed is an audited read.
 */
@Controller
class GapWorklistController {

    static final String PURPOSE = "care gap worklist";
    static final String[] ROLES = {
        Role.ADMIN.name(), Role.MEMBER_SERVICES.name(), Role.ENGAGEMENT_STAFF.name(), Role.CASE_MANAGER.name()
    };

    private final GapWorklist worklist;

    GapWorklistController(GapWorklist worklist) {
        this.worklist = worklist;
    }

    @Bean
    static AccessRules gapWorklistRules() {
        return rules -> rules.requestMatchers("/care-gaps", "/care-gaps.csv").hasAnyRole(ROLES);
    }

    @Bean
    static NavigationItem gapWorklistNavigation() {
        return NavigationItem.forRoles("nav.care-gaps", "nav.care-gaps.description", "/care-gaps", 760, ROLES);
    }

    private static GapWorklist.Filter filter(String measure, Integer region, String language, String pcp) {
        measure = blank(measure);
        if (measure != null && !MeasureCatalog.SUPPORTED.contains(measure)) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "measure: not one of " + MeasureCatalog.SUPPORTED);
        }
        if (region != null && (region < 1 || region > 99)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "region: not an RCAC region");
        }
        pcp = blank(pcp);
        if (pcp != null && !pcp.matches("[0-9]{10}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "pcp: an NPI has 10 digits");
        }
        language = blank(language);
        if (language != null && language.length() > 40) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "language: too long");
        }
        return new GapWorklist.Filter(measure, region, language, pcp);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @GetMapping("/care-gaps")
    String list(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) Integer region,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String pcp,
            Model model,
            Principal principal) {
        var filter = filter(measure, region, language, pcp);
        model.addAttribute("filter", filter);
        model.addAttribute("measures", MeasureCatalog.SUPPORTED);
        model.addAttribute(
                "rows",
                worklist.list(filter, LocaleContextHolder.getLocale(), PURPOSE + " (" + principal.getName() + ")"));
        model.addAttribute("limit", GapWorklist.LIMIT);
        return "quality/worklist";
    }

    @GetMapping("/care-gaps.csv")
    void csv(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) Integer region,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String pcp,
            HttpServletResponse response,
            Principal principal)
            throws IOException {
        var filter = filter(measure, region, language, pcp);
        var rows =
                worklist.list(filter, LocaleContextHolder.getLocale(), PURPOSE + " CSV (" + principal.getName() + ")");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"care-gaps" + (filter.pcpNpi() == null ? "" : "-" + filter.pcpNpi()) + ".csv\"");
        try (var csv = Csv.to(response.getWriter())) {
            csv.row(
                    "member_id",
                    "name",
                    "language",
                    "spa",
                    "rcac_region",
                    "pcp_npi",
                    "pcp_name",
                    "measure",
                    "reason",
                    "due_by",
                    "pcp_attribution");
            for (var r : rows) {
                csv.row(
                        r.memberId(),
                        r.name(),
                        r.language(),
                        r.spa(),
                        r.rcacRegion(),
                        r.pcpNpi(),
                        r.pcpName(),
                        r.measureId(),
                        r.reason(),
                        r.dueBy(),
                        r.attribution());
            }
        }
    }
}
