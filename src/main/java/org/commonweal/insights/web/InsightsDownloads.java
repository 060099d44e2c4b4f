package org.commonweal.insights.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Region;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Exports of the current view and the region briefs; each download is recorded in the audit trail. */
@Controller
class InsightsDownloads {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final InsightsViews views;
    private final InsightsBrief brief;
    private final Names names;
    private final AuditTrail audit;

    InsightsDownloads(InsightsViews views, InsightsBrief brief, Names names, AuditTrail audit) {
        this.views = views;
        this.brief = brief;
        this.names = names;
        this.audit = audit;
    }

    @GetMapping("/insights/export.csv")
    ResponseEntity<byte[]> csv(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String period,
            Locale locale) {
        var view = views.map(Selection.parse(measure, level, group, period), locale);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "insights-figures",
                null,
                null,
                "equity insights export",
                "csv " + describe(view.selection())));
        return download(
                InsightsExports.csv(InsightsExports.header(view.selection().measure()), InsightsExports.lines(view)),
                MediaType.parseMediaType("text/csv;charset=UTF-8"),
                file(view.selection(), "csv"));
    }

    @GetMapping("/insights/export.xlsx")
    ResponseEntity<byte[]> xlsx(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String period,
            Locale locale)
            throws IOException {
        var view = views.map(Selection.parse(measure, level, group, period), locale);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "insights-figures",
                null,
                null,
                "equity insights export",
                "xlsx " + describe(view.selection())));
        var bytes = new ByteArrayOutputStream();
        InsightsExports.xlsx(InsightsExports.header(view.selection().measure()), InsightsExports.lines(view), bytes);
        return download(bytes.toByteArray(), XLSX, file(view.selection(), "xlsx"));
    }

    @GetMapping("/insights/trends.csv")
    ResponseEntity<byte[]> trendsCsv(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "0") int area,
            Locale locale) {
        var view = views.trends(Selection.forTrend(measure, level, group, area, names), area, locale);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "insights-figures",
                null,
                null,
                "equity insights trends export",
                "csv " + describeTrend(view)));
        return download(
                InsightsExports.csv(
                        InsightsExports.trendHeader(view.selection().measure()), InsightsExports.trendLines(view)),
                MediaType.parseMediaType("text/csv;charset=UTF-8"),
                trendFile(view, "csv"));
    }

    @GetMapping("/insights/trends.xlsx")
    ResponseEntity<byte[]> trendsXlsx(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "0") int area,
            Locale locale)
            throws IOException {
        var view = views.trends(Selection.forTrend(measure, level, group, area, names), area, locale);
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "insights-figures",
                null,
                null,
                "equity insights trends export",
                "xlsx " + describeTrend(view)));
        var bytes = new ByteArrayOutputStream();
        InsightsExports.xlsx(
                InsightsExports.trendHeader(view.selection().measure()), InsightsExports.trendLines(view), bytes);
        return download(bytes.toByteArray(), XLSX, trendFile(view, "xlsx"));
    }

    @GetMapping("/insights/briefs")
    String briefs(Model model) {
        model.addAttribute("spas", names.areas("spa"));
        model.addAttribute("regions", names.areas("rcac"));
        return "insights/briefs";
    }

    @GetMapping("/insights/briefs/{level}/{area}.pdf")
    ResponseEntity<byte[]> brief(
            @PathVariable String level, @PathVariable int area, @RequestParam(defaultValue = "en") String lang) {
        if (!level.equals("spa") && !level.equals("rcac")) {
            throw new Selection.BadSelection("level: spa or rcac, not '" + level + "'");
        }
        if (names.areas(level).stream().map(Region::number).noneMatch(n -> n == area)) {
            throw new Selection.BadSelection("area: no " + level + " numbered " + area);
        }
        if (!lang.equals("en") && !lang.equals("es")) {
            throw new Selection.BadSelection("lang: en or es, not '" + lang + "'");
        }
        audit.record(new AuditEntry(
                AuditAction.EXPORT, "insights-brief", level + "-" + area, null, "region brief", "pdf " + lang));
        return download(
                brief.pdf(level, area, Locale.forLanguageTag(lang)),
                MediaType.APPLICATION_PDF,
                "insights-" + level + "-" + area + "-" + lang + ".pdf");
    }

    private static String describe(Selection s) {
        return s.measure().code() + " " + s.level() + " " + s.group() + " " + s.periodParam();
    }

    private static String describeTrend(InsightsViews.TrendView v) {
        return "trends " + v.selection().measure().code() + " " + v.level() + " " + v.area() + " "
                + v.selection().group();
    }

    private static String trendFile(InsightsViews.TrendView v, String extension) {
        String group = v.selection().group().replaceAll("[^A-Za-z0-9-]", "-");
        return "insights-trends-" + v.selection().measure().code() + "-" + v.level() + "-" + v.area() + "-" + group
                + "." + extension;
    }

    private static String file(Selection s, String extension) {
        return "insights-" + s.measure().code() + "-" + s.level() + "-"
                + s.periodParam().replace(':', '-') + "." + extension;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .body(body);
    }
}
