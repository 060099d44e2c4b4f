package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.promoter.OutreachReports;
import org.commonweal.engagement.promoter.OutreachVocabulary;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.engagement.promoter.PublishedOutreach;
import org.commonweal.engagement.promoter.Referrals;
import org.commonweal.platform.Csv;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.Formats;
import org.commonweal.shell.Labels;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff pages of the Health Promoters program: roster, certification alerts, referrals, outreach reports. */
@Controller
class PromoterController {

    private final PromoterRoster roster;
    private final Referrals referrals;
    private final OutreachReports reports;
    private final AuditTrail audit;
    private final Labels labels;
    private final Formats formats;
    private final MessageSource messages;

    private final java.time.ZoneId zone;

    PromoterController(
            PromoterRoster roster,
            Referrals referrals,
            OutreachReports reports,
            AuditTrail audit,
            PlanIdentity plan,
            Labels labels,
            Formats formats,
            MessageSource messages) {
        this.zone = plan.timeZone();
        this.labels = labels;
        this.formats = formats;
        this.messages = messages;
        this.roster = roster;
        this.referrals = referrals;
        this.reports = reports;
        this.audit = audit;
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    @GetMapping("/engagement/promoters")
    String promoters(Model model) {
        LocalDate today = today();
        audit.record(
                new AuditEntry(AuditAction.SEARCH, "engagement-promoter", null, null, "promoter program", "roster"));
        model.addAttribute("promoters", roster.all(today));
        model.addAttribute("alerts", roster.alerts(today));
        model.addAttribute("policy", roster.policy());
        return "engagement/promoters";
    }

    @GetMapping("/engagement/promoters/{id}")
    String promoter(@PathVariable long id, Model model) {
        if (!model.containsAttribute("completionErrors")) {
            model.addAttribute("completionErrors", java.util.Map.of());
        }
        if (!model.containsAttribute("hoursErrors")) {
            model.addAttribute("hoursErrors", java.util.Map.of());
        }
        LocalDate today = today();
        var promoter = roster.find(id, today).orElseThrow(() -> new NoSuchElementException("promoter " + id));
        audit.record(AuditEntry.read(
                "engagement-promoter", String.valueOf(id), promoter.promoter().memberId(), "promoter program"));
        model.addAttribute("p", promoter);
        model.addAttribute("completions", roster.completions(id));
        model.addAttribute("events", reports.events(id, today.minusYears(1), today, 50));
        model.addAttribute("referrals", referrals.list(null, id, 50));
        model.addAttribute("courses", roster.courses());
        model.addAttribute("today", today);
        return "engagement/promoter";
    }

    @GetMapping("/engagement/referrals")
    String referralList(@RequestParam(required = false) String outcome, Model model) {
        model.addAttribute(
                "referrals", referrals.list(outcome == null || outcome.isBlank() ? null : outcome, null, 200));
        model.addAttribute("outcomes", OutreachVocabulary.OUTCOMES);
        model.addAttribute("outcome", outcome == null ? "" : outcome);
        return "engagement/referrals";
    }

    @PostMapping("/engagement/referrals/{id}/outcome")
    String outcome(
            @PathVariable long id,
            @RequestParam String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        referrals.recordOutcome(id, outcome, on == null ? today() : on, null);
        return "redirect:/engagement/referrals";
    }

    @GetMapping("/engagement/outreach")
    String outreach(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication auth,
            Locale locale,
            Model model) {
        boolean suppressed = ReportViewers.suppressed(auth);
        model.addAttribute("suppressed", suppressed);
        LocalDate end = to == null ? today() : to;
        LocalDate start = from == null ? end.minusYears(1) : from;
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from " + start + " is after to " + end);
        }
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        var outreach = reports.published(start, end, suppressed);
        model.addAttribute("outreach", outreach);
        for (String d : PublishedOutreach.DIMENSIONS) {
            model.addAttribute(
                    "words_" + d,
                    outreach.reach(d).stream()
                            .map(r -> word(d, r.label(), locale))
                            .toList());
        }
        return "engagement/outreach";
    }

    /**
     * A bar's label as people read it, for the chart and its table alike: an outreach type or topic by its bundle
     * label, a language by its name, a month in words ("Mar 2026" / "mar 2026"), an SPA by its number.
     */
    private String word(String dimension, String label, Locale locale) {
        return switch (dimension) {
            case "type", "topic" -> messages.getMessage("engagement." + dimension + "." + label, null, label, locale);
            case "language" -> labels.language(label);
            case "month" -> formats.month(YearMonth.parse(label));
            default -> label;
        };
    }

    @GetMapping("/engagement/outreach.csv")
    void outreachCsv(
            @RequestParam(defaultValue = "events") String report,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Authentication auth,
            HttpServletResponse response)
            throws IOException {
        if (!List.of("events", "activity", "topic", "language", "spa", "month", "type")
                .contains(report)) {
            throw new IllegalArgumentException("report must be events, activity, topic, language, spa, month or type");
        }
        boolean suppressed = ReportViewers.suppressed(auth);
        LocalDate end = to == null ? today() : to;
        LocalDate start = from == null ? end.minusYears(1) : from;
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("from " + start + " is after to " + end);
        }
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "engagement-outreach",
                null,
                null,
                "outreach reporting",
                report + " " + start + ".." + end));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"outreach-" + report + ".csv\"");
        PrintWriter out = response.getWriter();
        var outreach = reports.published(start, end, suppressed);
        switch (report) {
            case "events" -> {
                // analysts get each event's own facts; its people counts tie the margins together, unpublished
                boolean people = outreach.peopleOfEvents();
                out.print(Csv.line((Object[]) ("event_id,held_on,type,promoter,place,zip,spa,language,topics,"
                                + (people ? "members,non_members,age_0_17,age_18_64,age_65_plus," : "")
                                + "materials_count")
                        .split(",")));
                for (var e : outreach.events()) {
                    List<Object> row = new ArrayList<>(Arrays.asList(
                            e.id(),
                            e.heldOn(),
                            e.type(),
                            e.promoter(),
                            e.placeName(),
                            e.zip(),
                            e.spa(),
                            e.language(),
                            String.join(";", e.topics())));
                    if (people) {
                        row.addAll(List.of(e.members(), e.nonMembers(), e.age0to17(), e.age18to64(), e.age65plus()));
                    }
                    row.add(e.materialsCount());
                    out.print(Csv.line(row.toArray()));
                }
            }
            case "activity" -> {
                out.print(Csv.line((Object[])
                        ("promoter_id,promoter,spa,events,reached,contacts,referrals,completed").split(",")));
                outreach.activity()
                        .forEach(a -> out.print(Csv.line(
                                a.promoterId(),
                                a.promoter(),
                                a.spa(),
                                a.events(),
                                outreach.activity(a, "reached"),
                                outreach.activity(a, "contacts"),
                                outreach.activity(a, "referrals"),
                                outreach.activity(a, "completed"))));
            }
            default -> {
                out.print(Csv.line(report, "events", "reached"));
                outreach.reach(report)
                        .forEach(r -> out.print(Csv.line(r.label(), r.events(), outreach.reached(report, r))));
            }
        }
        out.flush();
    }
}
