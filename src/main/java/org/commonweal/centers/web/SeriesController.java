package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.commonweal.centers.Center;
import org.commonweal.centers.registration.JdbcCenters;
import org.commonweal.centers.registration.SeriesAdministration;
import org.commonweal.centers.schedule.SeriesForm;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.geography.Geography;
import org.commonweal.geography.Language;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff create and change class series (RFC 5545 rule); the series' sessions are generated from it. */
@Controller
class SeriesController {

    private final JdbcCenters centers;
    private final SeriesScheduler scheduler;
    private final SeriesAdministration administration;
    private final SessionQueries queries;
    private final Geography geography;
    private final JdbcClient jdbc;

    private final ZoneId zone;

    SeriesController(
            JdbcCenters centers,
            SeriesScheduler scheduler,
            SeriesAdministration administration,
            SessionQueries queries,
            Geography geography,
            JdbcClient jdbc,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.centers = centers;
        this.scheduler = scheduler;
        this.administration = administration;
        this.queries = queries;
        this.geography = geography;
        this.jdbc = jdbc;
    }

    @GetMapping("/centers/staff/series")
    String list(@RequestParam(required = false) String center, Model model) {
        Center current = center(center);
        model.addAttribute("centers", centers.centers());
        model.addAttribute("center", current);
        model.addAttribute("series", scheduler.seriesAt(current.id()));
        return "centers/series-list";
    }

    @GetMapping("/centers/staff/series/new")
    String create(@RequestParam(required = false) String center, Model model) {
        return form(null, SeriesForm.empty(center(center).code()), Map.of(), model);
    }

    @PostMapping("/centers/staff/series")
    String create(
            @ModelAttribute SeriesForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> problems = form.check(choices(form.center()));
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(null, form, problems, model);
        }
        long id = administration.create(toSeries(form), form.lastDay());
        redirect.addFlashAttribute("created", queries.seriesSessions(id).size());
        return "redirect:/centers/staff/series/" + id;
    }

    @GetMapping("/centers/staff/series/{id}")
    String edit(@PathVariable long id, Model model) {
        SeriesForm form = scheduler.form(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return form(id, form, Map.of(), model);
    }

    @PostMapping("/centers/staff/series/{id}")
    String update(
            @PathVariable long id,
            @ModelAttribute SeriesForm form,
            Model model,
            HttpServletResponse response,
            Principal user,
            RedirectAttributes redirect) {
        SeriesForm stored = scheduler.form(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // a series stays at its center: the center field is shown, not changed
        SeriesForm atCenter = new SeriesForm(
                stored.center(),
                form.program(),
                form.titleEn(),
                form.titleEs(),
                form.language(),
                form.instructor(),
                form.room(),
                form.capacity(),
                form.eligibility(),
                form.start(),
                form.duration(),
                form.rrule(),
                form.until());
        Map<String, String> problems = atCenter.check(choices(atCenter.center()));
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return form(id, atCenter, problems, model);
        }
        var result = administration.update(id, toSeries(atCenter), atCenter.lastDay(), user.getName());
        redirect.addFlashAttribute("updated", result);
        return "redirect:/centers/staff/series/" + id;
    }

    private String form(Long id, SeriesForm form, Map<String, String> problems, Model model) {
        model.addAttribute("seriesId", id);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("centers", centers.centers());
        model.addAttribute("center", centers.center(form.center()).orElse(null));
        model.addAttribute("programs", programs());
        model.addAttribute("languages", geography.languages());
        model.addAttribute("eligibilities", SeriesForm.ELIGIBILITY);
        if (id != null) {
            var locale = LocaleContextHolder.getLocale();
            model.addAttribute(
                    "sessions",
                    queries.seriesSessions(id).stream()
                            .filter(s -> s.endsAt().isAfter(java.time.Instant.now()))
                            .limit(60)
                            .map(s -> SessionRow.of(s, locale, zone))
                            .toList());
        }
        return "centers/series-form";
    }

    private Center center(String code) {
        List<Center> all = centers.centers();
        if (code == null || code.isBlank()) {
            return all.getFirst();
        }
        return all.stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    record Program(String code, String nameEn, String nameEs) {}

    private List<Program> programs() {
        return jdbc.sql("select code, name_en, name_es from centers.program order by name_en")
                .query((rs, n) -> new Program(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private SeriesForm.Choices choices(String centerCode) {
        var center = centers.center(centerCode == null ? "" : centerCode);
        return new SeriesForm.Choices(
                centers.centers().stream().map(Center::code).toList(),
                center.map(Center::rooms).orElse(List.of()),
                programs().stream().map(Program::code).toList(),
                geography.languages().stream().map(Language::code).toList());
    }

    private SeriesScheduler.NewSeries toSeries(SeriesForm form) {
        int centerId = centers.center(form.center()).orElseThrow().id();
        int programId = jdbc.sql("select id from centers.program where code = ?")
                .param(form.program())
                .query(Integer.class)
                .single();
        return form.toSeries(centerId, programId);
    }
}
