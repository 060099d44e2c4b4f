package org.commonweal.coverage.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * ADMIN: the plan's configuration (product lines, plan codes, aid codes, counties, trading partners), edited row by
 * row or loaded from a CSV file, and the member loops refused for the configuration, re-applied once it is fixed.
 */
@Controller
class PlanConfigurationController {

    private static final String PAGE = "/admin/coverage/configuration";

    private final PlanConfiguration configuration;
    private final Enrollment834Import importer;
    private final MessageSource messages;

    PlanConfigurationController(PlanConfiguration configuration, Enrollment834Import importer, MessageSource messages) {
        this.configuration = configuration;
        this.importer = importer;
        this.messages = messages;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        model.addAttribute("rows", configuration.rows());
        model.addAttribute("waiting", importer.configurationRejects());
        return "coverage/configuration";
    }

    @PostMapping(PAGE + "/rows")
    String save(
            @RequestParam String kind,
            @RequestParam List<String> value,
            Principal user,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            configuration.save(kind, value, user.getName());
            redirect.addFlashAttribute("saved", true);
        } catch (PlanConfiguration.InvalidConfiguration e) {
            redirect.addFlashAttribute("problems", describe(e, locale));
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/file")
    String upload(@RequestParam MultipartFile file, Principal user, Locale locale, RedirectAttributes redirect)
            throws IOException {
        try (var in = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            redirect.addFlashAttribute("applied", configuration.importCsv(in, user.getName()));
        } catch (PlanConfiguration.InvalidConfiguration e) {
            redirect.addFlashAttribute("problems", describe(e, locale));
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/reapply")
    String reapply(@RequestParam String reason, Principal user, Locale locale, RedirectAttributes redirect)
            throws IOException {
        try {
            var report = importer.reapply(reason, user.getName());
            return "redirect:/coverage/imports/" + report.id();
        } catch (IllegalArgumentException e) {
            // the reason comes from the page's list; anything else waits for nothing (and is not echoed back)
            redirect.addFlashAttribute(
                    "problems", List.of(messages.getMessage("coverage.config.reapply.none", null, locale)));
            return "redirect:" + PAGE;
        }
    }

    private List<String> describe(PlanConfiguration.InvalidConfiguration e, Locale locale) {
        return e.problems().stream()
                .map(p -> ImportPlanConfigCommand.describe(messages, p, locale))
                .toList();
    }
}
