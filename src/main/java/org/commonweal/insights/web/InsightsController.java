package org.commonweal.insights.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.commonweal.geography.Region;
import org.commonweal.insights.internal.FigureMasks;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.InsightsRefresh;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.UploadJobPage;
import org.commonweal.platform.UploadJobs;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The insights pages: they read only the summary tables. */
@Controller
class InsightsController {

    private final InsightsViews views;
    private final Names names;
    private final FigureStore store;
    private final InsightsRefresh refresh;
    private final ClusterJobs jobs;
    private final Forms forms;
    private final UploadJobPage refreshJobs;

    InsightsController(
            InsightsViews views,
            Names names,
            FigureStore store,
            InsightsRefresh refresh,
            ClusterJobs jobs,
            UploadJobs backgroundJobs,
            Forms forms) {
        this.forms = forms;
        this.refreshJobs = new UploadJobPage(backgroundJobs, "/insights/refresh/");
        this.views = views;
        this.names = names;
        this.store = store;
        this.refresh = refresh;
        this.jobs = jobs;
    }

    @GetMapping("/insights")
    String map(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String colour,
            Locale locale,
            Model model) {
        Selection s = Selection.parse(measure, level, group, period);
        // "gap": each area's difference from the county's rate, on a diverging scale (measures with a rate only)
        boolean gap = "gap".equals(colour) && s.measure().unit() != org.commonweal.insights.internal.Measure.Unit.COUNT;
        model.addAttribute("view", views.map(s, gap, locale));
        model.addAttribute("gap", gap);
        model.addAttribute("gapPossible", s.measure().unit() != org.commonweal.insights.internal.Measure.Unit.COUNT);
        controls(s, locale, model);
        model.addAttribute("refreshes", store.refreshes());
        model.addAttribute("mask", org.commonweal.insights.internal.SmallCells.MASK);
        return "insights/map";
    }

    @GetMapping("/insights/gaps")
    String gaps(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String period,
            Locale locale,
            Model model) {
        Selection s = Selection.parse(measure, level, "all", period);
        model.addAttribute("gaps", views.gaps(s, locale));
        model.addAttribute("measureName", names.measure(s.measure(), locale));
        model.addAttribute("hasRate", s.measure().unit() != org.commonweal.insights.internal.Measure.Unit.COUNT);
        model.addAttribute("periodLabel", views.periodLabel(views.resolve(s), locale));
        controls(s, locale, model);
        return "insights/gaps";
    }

    @GetMapping("/insights/compare")
    String compare(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "1") int a,
            @RequestParam(defaultValue = "2") int b,
            Locale locale,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Selection s = Selection.parse(measure, level, "all", period);
        checkArea(s.level(), a, "a");
        checkArea(s.level(), b, "b");
        // an area compared with itself says nothing: the page asks for a second, different area
        boolean sameArea = a == b;
        if (sameArea) {
            // the one error experience (#18): the summary links to the second area, named in words
            var result = new MapBindingResult(new java.util.HashMap<>(), "compare");
            FieldChecks.reject(result, "b", "insights.compare.same", names.area(s.level(), a, locale));
            forms.rejected(result, model, "insights.compare.field", "");
            response.setStatus(400);
        }
        model.addAttribute("sameArea", sameArea);
        model.addAttribute("rows", sameArea ? java.util.List.of() : views.compare(s, a, b, locale));
        model.addAttribute("a", a);
        model.addAttribute("b", b);
        model.addAttribute("nameA", names.area(s.level(), a, locale));
        model.addAttribute("nameB", names.area(s.level(), b, locale));
        model.addAttribute("areas", names.areas(s.level()));
        model.addAttribute("measureName", names.measure(s.measure(), locale));
        model.addAttribute("periodLabel", views.periodLabel(views.resolve(s), locale));
        controls(s, locale, model);
        return "insights/compare";
    }

    @GetMapping("/insights/trends")
    String trends(
            @RequestParam(required = false) String measure,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "0") int area,
            Locale locale,
            Model model) {
        Selection s = Selection.forTrend(measure, level, group, area, names);
        var view = views.trends(s, area, locale);
        model.addAttribute("trend", view);
        model.addAttribute("months", view.months());
        model.addAttribute("years", view.years());
        model.addAttribute("runs", view.runs());
        model.addAttribute("area", area);
        model.addAttribute("areaName", view.areaName());
        model.addAttribute("areas", names.areas(s.level()));
        model.addAttribute("measureName", names.measure(s.measure(), locale));
        controls(s, locale, model);
        return "insights/trends";
    }

    /**
     * "Refresh all now": the refresh (minutes, with its masks) runs as a background job on the upload workers' pool
     * ({@link UploadJobs}) and the answer is its page at once, which polls until it ends (#19). One refresh at a time,
     * here and across instances: the job takes the refresh's cluster lock, and a job that finds it taken ends at once
     * saying a refresh is already running. The job's result is whether it refreshed.
     */
    @PostMapping("/insights/refresh")
    String refresh(Principal user, Model model, HttpServletResponse response) {
        return refreshJobs.start(
                "insights refresh",
                user.getName(),
                () -> jobs.runOnce(
                        "insights-refresh", Duration.ofHours(2), Duration.ZERO, () -> refresh.refreshAll("button")),
                model,
                response,
                () -> refreshPage(model));
    }

    /** The refresh's job: queued / running (the page polls), then refreshed, already running, failed. */
    @GetMapping("/insights/refresh/{id}")
    String refreshJob(@PathVariable String id, Principal user, Model model) {
        refreshPage(model);
        return refreshJobs.show(id, user, model, "insights/refresh");
    }

    private String refreshPage(Model model) {
        model.addAttribute("jobWords", "insights.refresh.job");
        model.addAttribute("refreshes", store.refreshes());
        return "insights/refresh";
    }

    /** What the small-cell rule did to each measure at its last refresh (insights.mask_audit), in words. */
    @GetMapping("/insights/disclosure")
    String disclosure(Locale locale, Model model) {
        var audits = store.maskAudits();
        var rows = Arrays.stream(org.commonweal.insights.internal.Measure.values())
                .filter(m -> audits.containsKey(m.code()))
                .map(m -> new MaskAuditRow(names.measure(m, locale), audits.get(m.code())))
                .toList();
        model.addAttribute("audits", rows);
        model.addAttribute(
                "unaudited", rows.stream().mapToInt(r -> r.audit().unaudited()).sum());
        model.addAttribute("mask", org.commonweal.insights.internal.SmallCells.MASK);
        model.addAttribute("refreshes", store.refreshes());
        return "insights/disclosure";
    }

    /** A measure's audit with the measure in words. */
    record MaskAuditRow(String measure, FigureMasks.Audit audit) {}

    private void controls(Selection s, Locale locale, Model model) {
        model.addAttribute("selection", s);
        model.addAttribute("measures", views.measures(s, locale));
        model.addAttribute("groups", views.groups(s, locale));
        model.addAttribute("periods", views.periods(s, locale));
        model.addAttribute("unitName", names.unit(s.measure(), locale));
    }

    private void checkArea(String level, int area, String parameter) {
        if (names.areas(level).stream().map(Region::number).noneMatch(n -> n == area)) {
            throw new Selection.BadSelection(parameter + ": no " + level + " numbered " + area);
        }
    }
}
