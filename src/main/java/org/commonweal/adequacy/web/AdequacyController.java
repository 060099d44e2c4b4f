package org.commonweal.adequacy.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.adequacy.internal.AdequacyDisclosure;
import org.commonweal.adequacy.internal.AdequacyExports;
import org.commonweal.adequacy.internal.AdequacyReport;
import org.commonweal.adequacy.internal.AdequacyService;
import org.commonweal.adequacy.internal.AdequacyStore;
import org.commonweal.adequacy.internal.RunMasks;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.geography.Geography;
import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adequacy pages for network managers and analysts: summary, SPA/region breakdown, trend, gaps, exports. */
@Controller
class AdequacyController implements AccessRules {

    private final AdequacyService service;
    private final AdequacyStore store;
    private final AdequacyExports exports;
    private final Coverage coverage;
    private final Geography geography;
    private final AuditTrail audit;

    private final Forms forms;

    /** Each run's masks, decided once per run after it is stored (#19), not on every view. */
    private final RunMasks masks;

    AdequacyController(
            AdequacyService service,
            AdequacyStore store,
            AdequacyExports exports,
            Coverage coverage,
            Geography geography,
            AuditTrail audit,
            Forms forms,
            RunMasks masks) {
        this.masks = masks;
        this.forms = forms;
        this.service = service;
        this.store = store;
        this.exports = exports;
        this.coverage = coverage;
        this.geography = geography;
        this.audit = audit;
    }

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/adequacy/**").hasRole(Role.NETWORK_MANAGER.name());
        rules.requestMatchers("/adequacy", "/adequacy/**").hasAnyRole(Role.NETWORK_MANAGER.name(), Role.ANALYST.name());
    }

    @Bean
    static NavigationItem adequacyNavigation() {
        return NavigationItem.forRoles(
                "nav.adequacy",
                "nav.adequacy.description",
                "/adequacy",
                320,
                Role.NETWORK_MANAGER.name(),
                Role.ANALYST.name());
    }

    static boolean suppress(Authentication auth) {
        return auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(Role.NETWORK_MANAGER.authority()));
    }

    private Optional<RunSummary> run(Long id) {
        if (id != null) {
            return Optional.of(
                    service.findRun(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        }
        return service.runs().stream().findFirst();
    }

    @GetMapping("/adequacy")
    String summary(
            @RequestParam(required = false) Long run,
            @RequestParam(required = false) String productLine,
            @RequestParam(required = false) String type,
            Authentication auth,
            Locale locale,
            Model model) {
        boolean suppress = suppress(auth);
        var types = store.providerTypes();
        model.addAttribute("suppress", suppress);
        model.addAttribute("runs", service.runs());
        model.addAttribute("productLines", coverage.productLines());
        model.addAttribute("types", types);
        model.addAttribute("typeNames", typeNames(types, locale));
        model.addAttribute("today", LocalDate.now());
        run(run).ifPresent(r -> {
            List<ZipResult> results = store.results(r.id());
            String line = productLine != null
                    ? productLine
                    : results.stream().map(ZipResult::productLine).findFirst().orElse(null);
            String t = type != null ? type : types.getFirst().code();
            model.addAttribute("run", r);
            model.addAttribute("line", line);
            model.addAttribute("type", t);
            var disclosure = masks.disclosure(r.id(), results, suppress);
            model.addAttribute("rows", view(AdequacyReport.byLineAndType(results), disclosure::county));
            var spaViews = view(filter(AdequacyReport.bySpa(results), line, t), disclosure::spa);
            model.addAttribute("spaRows", spaViews);
            model.addAttribute(
                    "regionRows", view(filter(AdequacyReport.byRegion(results), line, t), disclosure::region));
            model.addAttribute("spaNames", regionNames(geography.servicePlanningAreas()));
            model.addAttribute("regionNames", regionNames(geography.rcacRegions()));
            var trend = trend(line, t, suppress);
            model.addAttribute("trend", trend);
            model.addAttribute(
                    "chartLabels",
                    String.join(
                            "|",
                            spaViews.stream().map(v -> "SPA " + v.row().key()).toList()));
            model.addAttribute(
                    "chartValues",
                    String.join(
                            "|",
                            spaViews.stream()
                                    .map(AdequacyDisclosure.Shown::percent)
                                    .toList()));
            model.addAttribute(
                    "trendLabels",
                    String.join(
                            "|",
                            trend.stream()
                                    .map(p -> "#" + p.runId() + " " + p.date())
                                    .toList()));
            model.addAttribute(
                    "trendValues",
                    String.join("|", trend.stream().map(TrendPoint::percent).toList()));
        });
        return "adequacy/summary";
    }

    private static Map<String, String> typeNames(List<AdequacyStore.ProviderType> types, Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        types.forEach(t -> names.put(t.code(), t.name(locale)));
        return names;
    }

    private static Map<Integer, String> regionNames(List<org.commonweal.geography.Region> regions) {
        Map<Integer, String> names = new LinkedHashMap<>();
        regions.forEach(r -> names.put(r.number(), r.name()));
        return names;
    }

    private static List<AdequacyReport.Row> filter(List<AdequacyReport.Row> rows, String line, String type) {
        return rows.stream()
                .filter(r -> r.productLine().equals(line) && r.providerType().equals(type))
                .toList();
    }

    /** Each row as shown, with small cells (and their complements) suppressed where asked. */
    private static List<AdequacyDisclosure.Shown> view(
            List<AdequacyReport.Row> rows, Function<AdequacyReport.Row, AdequacyDisclosure.Shown> shown) {
        return rows.stream().map(shown).toList();
    }

    /** Percent meeting the standard in the last runs, oldest first, for one product line and type. */
    record TrendPoint(long runId, LocalDate date, String kind, String percent, String notMet) {}

    private List<TrendPoint> trend(String line, String type, boolean suppress) {
        List<TrendPoint> points = new ArrayList<>();
        for (RunSummary r : service.runs().stream().limit(12).toList().reversed()) {
            // only the publication shown: its masks are decided over exactly these results
            List<ZipResult> results = store.results(r.id(), line, type);
            var disclosure = masks.disclosure(r.id(), results, suppress);
            filter(AdequacyReport.byLineAndType(results), line, type).stream()
                    .findFirst()
                    .ifPresent(row -> {
                        var shown = disclosure.county(row);
                        points.add(new TrendPoint(r.id(), r.measuredOn(), r.kind(), shown.percent(), shown.notMet()));
                    });
        }
        return points;
    }

    @PostMapping("/adequacy/runs")
    String startRun(
            @RequestParam String date,
            @RequestParam(required = false) String productLine,
            Authentication auth,
            RedirectAttributes redirect) {
        LocalDate measured;
        try {
            measured = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("error", "date: not a date (YYYY-MM-DD): " + date);
            return "redirect:/adequacy";
        }
        String line = productLine == null || productLine.isBlank() ? null : productLine;
        if (line != null
                && coverage.productLines().stream().noneMatch(p -> p.code().equals(line))) {
            redirect.addFlashAttribute("error", "productLine: unknown product line " + line);
            return "redirect:/adequacy";
        }
        RunSummary run = service.run(measured, line, auth.getName());
        return "redirect:/adequacy?run=" + run.id();
    }

    @GetMapping("/adequacy/gaps")
    String gaps(
            @RequestParam(required = false) Long run,
            @RequestParam(required = false) String productLine,
            @RequestParam(required = false) String type,
            Authentication auth,
            Locale locale,
            Model model) {
        boolean suppress = suppress(auth);
        var types = store.providerTypes();
        model.addAttribute("types", types);
        model.addAttribute("typeNames", typeNames(types, locale));
        model.addAttribute("productLines", coverage.productLines());
        model.addAttribute("line", productLine);
        model.addAttribute("type", type);
        model.addAttribute("suppress", suppress);
        run(run).ifPresent(r -> {
            model.addAttribute("run", r);
            model.addAttribute("header", AdequacyExports.GAP_COLUMNS);
            model.addAttribute("gaps", exports.gapRows(r, suppress, blankToNull(productLine), blankToNull(type)));
        });
        return "adequacy/gaps";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @GetMapping("/adequacy/export/{what}.{format}")
    void export(
            @PathVariable String what,
            @PathVariable String format,
            @RequestParam(required = false) Long run,
            Authentication auth,
            HttpServletResponse response)
            throws IOException {
        if (!List.of("summary", "gaps").contains(what)
                || !List.of("csv", "xlsx").contains(format)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        RunSummary r = run(run).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run yet"));
        boolean suppress = suppress(auth);
        List<String> header = what.equals("summary") ? AdequacyExports.SUMMARY_COLUMNS : AdequacyExports.GAP_COLUMNS;
        var rows = what.equals("summary") ? exports.summaryRows(r, suppress) : exports.gapRows(r, suppress, null, null);
        audit.record(AuditEntry.change(
                AuditAction.EXPORT,
                "adequacy-run",
                String.valueOf(r.id()),
                null,
                "network adequacy report",
                what + "." + format + (suppress ? " (small cells suppressed)" : "")));
        String file = "adequacy-" + what + "-run" + r.id() + "." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        if (format.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            exports.writeCsv(header, rows, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        } else {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            exports.writeXlsx(what.equals("summary") ? "Summary" : "Gaps", header, rows, response.getOutputStream());
        }
    }

    @GetMapping("/adequacy/standards")
    String standards(Authentication auth, Locale locale, Model model) {
        var types = store.providerTypes();
        model.addAttribute("standards", store.standards());
        model.addAttribute("alternatives", store.alternatives());
        model.addAttribute("mapping", store.networkProductLines());
        model.addAttribute("unmapped", store.unmapped());
        model.addAttribute("types", types);
        model.addAttribute("typeNames", typeNames(types, locale));
        model.addAttribute("productLines", coverage.productLines());
        model.addAttribute("canEdit", !suppress(auth));
        return "adequacy/standards";
    }

    /** A county standard's new distance and time, as the column's numeric(6, 1) and the ranges of the rules (#18). */
    record StandardForm(
            @NotBlank String productLine,
            @NotBlank String tier,
            @NotBlank String providerType,

            @NotNull @DecimalMin(value = "0.1") @DecimalMax("500") @Digits(integer = 3, fraction = 1)
            BigDecimal miles,

            @NotNull @Min(1) @Max(600) Integer minutes) {}

    /**
     * Changes a standard; a bad one comes back on the standards page with what was typed and every error at once,
     * each field named in words (#18).
     */
    @PostMapping("/adequacy/standards")
    String updateStandard(
            @Valid @ModelAttribute("standardForm") StandardForm posted,
            BindingResult result,
            Authentication auth,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var form = forms.complete(StandardForm.class, posted, result);
        var before = form.productLine() == null || form.tier() == null || form.providerType() == null
                ? java.util.Optional.<AdequacyStore.StandardRow>empty()
                : store.standard(form.productLine(), form.tier(), form.providerType());
        if (!result.hasFieldErrors("providerType") && before.isEmpty()) {
            FieldChecks.reject(result, "providerType", "adequacy.standard.none");
        }
        if (forms.rejected(result, model, "adequacy.standard.field", "s-")) {
            model.addAttribute("errorsOf", "standard");
            response.setStatus(Forms.UNPROCESSABLE);
            return standards(auth, locale, model);
        }
        store.updateStandard(
                form.productLine(), form.tier(), form.providerType(), form.miles(), form.minutes(), auth.getName());
        String key = form.productLine() + "/" + form.tier() + "/" + form.providerType();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "adequacy-standard",
                key,
                null,
                "standards maintenance",
                before.get().miles().toPlainString() + " mi/" + before.get().minutes() + " min -> "
                        + form.miles().toPlainString() + " mi/" + form.minutes() + " min"));
        redirect.addFlashAttribute("saved", key);
        return "redirect:/adequacy/standards";
    }

    /**
     * An alternative access standard approved by DHCS for one ZIP: lengths and ranges as the standards' own (miles in
     * (0, 500] with one decimal, as the column's numeric(6, 1); minutes in 1..600) and the database's checks.
     */
    record AlternativeForm(
            @NotBlank String productLine,
            @NotBlank String zip,
            @NotBlank String providerType,

            @NotNull @DecimalMin(value = "0.1") @DecimalMax("500") @Digits(integer = 3, fraction = 1)
            BigDecimal miles,

            @NotNull @Min(1) @Max(600) Integer minutes,
            @NotBlank @Size(max = 100) String approvalReference,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate approvedOn,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate effectiveFrom,

            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveTo) {}

    /**
     * Adds an alternative standard; a bad one comes back on the standards page with what was typed and every error
     * at once, each field named in words (#18).
     */
    @PostMapping("/adequacy/alternatives")
    String addAlternative(
            @Valid @ModelAttribute("alternativeForm") AlternativeForm posted,
            BindingResult result,
            Authentication auth,
            Locale locale,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var form = forms.complete(AlternativeForm.class, posted, result);
        if (form.zip() != null
                && !result.hasFieldErrors("zip")
                && !form.zip().strip().matches("\\d{5}")) {
            FieldChecks.reject(result, "zip", "form.zip"); // five digits: the runs measure by five-digit ZIP
        }
        if (form.providerType() != null
                && !form.providerType().isBlank()
                && store.providerTypes().stream().noneMatch(t -> t.code().equals(form.providerType()))) {
            FieldChecks.reject(result, "providerType", "adequacy.alternative.unknown");
        }
        if (form.productLine() != null
                && !form.productLine().isBlank()
                && coverage.productLines().stream().noneMatch(p -> p.code().equals(form.productLine()))) {
            FieldChecks.reject(result, "productLine", "adequacy.alternative.unknown");
        }
        if (form.approvedOn() != null && form.approvedOn().isAfter(LocalDate.now())) {
            FieldChecks.reject(result, "approvedOn", "form.date.notFuture");
        }
        if (form.effectiveFrom() != null
                && form.effectiveTo() != null
                && form.effectiveTo().isBefore(form.effectiveFrom())) {
            FieldChecks.reject(
                    result,
                    "effectiveTo",
                    "adequacy.alternative.toBeforeFrom",
                    form.effectiveFrom().toString());
        }
        if (forms.rejected(result, model, "adequacy.alternative.field", "a-")) {
            model.addAttribute("errorsOf", "alternative");
            response.setStatus(Forms.UNPROCESSABLE);
            return standards(auth, locale, model);
        }
        String zip = form.zip().strip();
        String reference = form.approvalReference().strip();
        long id = store.addAlternative(new AdequacyStore.AlternativeRow(
                0,
                form.productLine(),
                zip,
                form.providerType(),
                form.miles(),
                form.minutes(),
                reference,
                form.approvedOn(),
                form.effectiveFrom(),
                form.effectiveTo(),
                auth.getName()));
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "adequacy-alternative-standard",
                String.valueOf(id),
                null,
                "standards maintenance",
                form.productLine() + "/" + zip + "/" + form.providerType() + " "
                        + form.miles().toPlainString() + " mi/" + form.minutes() + " min, approval " + reference));
        redirect.addFlashAttribute("saved", form.productLine() + "/" + zip + "/" + form.providerType());
        return "redirect:/adequacy/standards";
    }
}
