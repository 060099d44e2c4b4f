package org.commonweal.network.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.network.accuracy.DirectoryEdits;
import org.commonweal.network.accuracy.ErrorReports;
import org.commonweal.network.accuracy.VerificationCampaigns;
import org.commonweal.network.imports.RosterImport;
import org.commonweal.platform.UploadJobPage;
import org.commonweal.platform.UploadJobs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The directory's back office for network managers: dashboard, search and edit, error reports, campaigns, rosters. */
@Controller
class NetworkManagerController {

    private final NetworkDirectory directory;
    private final DirectoryEdits edits;
    private final ErrorReports reports;
    private final VerificationCampaigns campaigns;
    private final RosterImport rosters;
    private final UploadJobs jobs;
    private final UploadJobPage jobPage;

    NetworkManagerController(
            NetworkDirectory directory,
            DirectoryEdits edits,
            ErrorReports reports,
            VerificationCampaigns campaigns,
            RosterImport rosters,
            UploadJobs jobs) {
        this.directory = directory;
        this.edits = edits;
        this.reports = reports;
        this.campaigns = campaigns;
        this.rosters = rosters;
        this.jobs = jobs;
        this.jobPage = new UploadJobPage(jobs, "/network/roster/jobs/");
    }

    @GetMapping("/network")
    String dashboard(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("counts", directory.counts());
        model.addAttribute("figures", reports.figures());
        model.addAttribute("campaigns", campaigns.campaigns());
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            model.addAttribute("found", edits.search(q));
        }
        return "network/manager";
    }

    @GetMapping("/network/practitioners/{id}")
    String practitioner(@PathVariable String id, Model model) {
        model.addAttribute(
                "entry", edits.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("history", edits.history("Practitioner", id));
        return "network/practitioner-edit";
    }

    @PostMapping("/network/practitioners/{id}")
    String savePractitioner(
            @PathVariable String id,
            DirectoryEdits.PractitionerChange change,
            Principal user,
            RedirectAttributes redirect) {
        try {
            edits.update(id, change, user.getName());
            redirect.addFlashAttribute("saved", true);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("invalid", e.getMessage());
        }
        return "redirect:/network/practitioners/" + id;
    }

    @GetMapping("/network/reports")
    String reports(@RequestParam(required = false) String status, Model model) {
        model.addAttribute("reports", reports.queue(status == null || status.isBlank() ? null : status));
        model.addAttribute("today", LocalDate.now(ZoneOffset.UTC));
        model.addAttribute("outcomes", ErrorReports.OUTCOMES.stream().sorted().toList());
        return "network/reports";
    }

    @PostMapping("/network/reports/{id}")
    String updateReport(
            @PathVariable long id,
            @RequestParam String status,
            @RequestParam(required = false) String outcome,
            Principal user,
            RedirectAttributes redirect) {
        try {
            reports.update(id, status, outcome == null || outcome.isBlank() ? null : outcome, user.getName());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("invalid", e.getMessage());
        }
        return "redirect:/network/reports";
    }

    @GetMapping("/network/campaigns/{id}")
    String campaign(@PathVariable long id, @RequestParam(required = false) String status, Model model) {
        model.addAttribute("campaignId", id);
        model.addAttribute("requests", campaigns.requests(id, status == null || status.isBlank() ? null : status));
        return "network/campaign";
    }

    @PostMapping("/network/campaigns")
    String startCampaign(
            @RequestParam(defaultValue = "365") int cadenceDays,
            @RequestParam(defaultValue = "30") int noticeDays,
            Principal user) {
        long id = campaigns.start(cadenceDays, noticeDays, user.getName());
        return "redirect:/network/campaigns/" + id;
    }

    @PostMapping("/network/campaigns/{id}/requests/{request}")
    String respond(
            @PathVariable long id,
            @PathVariable long request,
            @RequestParam String answer,
            Principal user,
            RedirectAttributes redirect) {
        try {
            campaigns.respond(request, answer, user.getName());
        } catch (IllegalArgumentException e) {
            // #18: an answer other than the two buttons' (or an unknown request) was a server error
            redirect.addFlashAttribute("answerRefused", true);
        }
        return "redirect:/network/campaigns/" + id;
    }

    @PostMapping("/network/campaigns/suppress")
    String suppress(Principal user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("suppressed", campaigns.suppressNonResponders(user.getName()));
        return "redirect:/network";
    }

    @GetMapping("/network/roster")
    String rosterForm() {
        return "network/roster";
    }

    @PostMapping("/network/roster")
    String uploadRoster(
            @RequestParam("file") MultipartFile file, Principal user, Model model, HttpServletResponse response)
            throws Exception {
        String name = file.getOriginalFilename() == null
                ? "roster.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String actor = user.getName();
        Path input = jobs.store("roster", file);
        return jobPage.start(
                "roster " + input.getFileName(),
                actor,
                () -> {
                    try (var reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                        return rosters.importRoster(name, reader, actor);
                    }
                },
                model,
                response,
                () -> "network/roster",
                input);
    }

    /** The roster upload's job: queued / running (the page polls), then the report. */
    @GetMapping("/network/roster/jobs/{id}")
    String rosterJob(@PathVariable String id, Principal user, Model model) {
        return jobPage.show(id, user, model, "network/roster");
    }
}
