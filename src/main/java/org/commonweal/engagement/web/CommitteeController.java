package org.commonweal.engagement.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.committee.AttendanceMode;
import org.commonweal.engagement.committee.CommitteeAdministration;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.engagement.committee.CommitteeDirectory.Committee;
import org.commonweal.engagement.committee.CommitteeDirectory.Meeting;
import org.commonweal.engagement.committee.CommitteeReports;
import org.commonweal.engagement.committee.MeetingDocuments;
import org.commonweal.engagement.committee.MeetingRecords;
import org.commonweal.engagement.committee.Motions;
import org.commonweal.engagement.committee.RecommendationPath.Tally;
import org.commonweal.engagement.committee.RecommendationStage;
import org.commonweal.engagement.committee.Seat;
import org.commonweal.engagement.committee.Stipends;
import org.commonweal.engagement.promoter.PromoterRoster;
import org.commonweal.geography.Geography;
import org.commonweal.platform.Csv;
import org.commonweal.shell.FieldChecks;
import org.commonweal.shell.Forms;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff pages of the advisory committees: rosters, composition, meetings, motions, stipends, reports. */
@Controller
class CommitteeController {

    private final CommitteeDirectory directory;
    private final Motions motions;
    private final MeetingRecords records;
    private final Stipends stipends;
    private final CommitteeReports reports;
    private final PromoterRoster promoters;
    private final AuditTrail audit;
    private final CommitteeAdministration administration;
    private final Geography geography;
    private final MeetingDocuments meetingDocuments;

    private final Forms forms;

    CommitteeController(
            Forms forms,
            CommitteeDirectory directory,
            Motions motions,
            MeetingRecords records,
            Stipends stipends,
            CommitteeReports reports,
            PromoterRoster promoters,
            AuditTrail audit,
            CommitteeAdministration administration,
            Geography geography,
            MeetingDocuments meetingDocuments) {
        this.meetingDocuments = meetingDocuments;
        this.administration = administration;
        this.geography = geography;
        this.directory = directory;
        this.motions = motions;
        this.records = records;
        this.forms = forms;
        this.stipends = stipends;
        this.reports = reports;
        this.promoters = promoters;
        this.audit = audit;
    }

    LocalDate today() {
        return directory.today();
    }

    record CommitteeSummary(Committee committee, int seated, List<?> issues) {}

    @GetMapping("/engagement")
    String overview(Model model) {
        LocalDate today = today();
        List<CommitteeSummary> summaries = directory.committees().stream()
                .map(c -> new CommitteeSummary(
                        c, directory.activeRoster(c.id(), today).size(), directory.composition(c, today)))
                .toList();
        model.addAttribute("committees", summaries);
        model.addAttribute("overdue", motions.list(null, null, null, true, today));
        model.addAttribute("upcoming", directory.upcoming(today, 8));
        model.addAttribute("certAlerts", promoters.alerts(today));
        model.addAttribute("codes", codes());
        return "engagement/overview";
    }

    @GetMapping("/engagement/committees/{code}")
    String committee(
            @PathVariable String code, @RequestParam(defaultValue = "race_ethnicity") String dimension, Model model) {
        Committee committee = find(code);
        LocalDate today = today();
        if (!List.of("race_ethnicity", "age_band", "sex", "language").contains(dimension)) {
            throw new IllegalArgumentException("dimension must be race_ethnicity, age_band, sex or language");
        }
        audit.record(AuditEntry.read("engagement-roster", committee.code(), null, "committee administration"));
        model.addAttribute("committee", committee);
        model.addAttribute("roster", directory.roster(committee.id()));
        model.addAttribute("today", today);
        model.addAttribute("issues", directory.composition(committee, today));
        model.addAttribute("dimension", dimension);
        model.addAttribute("demographics", directory.demographics(committee, dimension, today));
        model.addAttribute("meetings", directory.meetings(committee.id()));
        model.addAttribute("motions", motions.list(committee.code(), null, null, false, today));
        model.addAttribute("seats", Seat.values());
        model.addAttribute("languages", geography.languages());
        model.addAttribute(
                "topics",
                List.of(
                        "access-to-care",
                        "language-access",
                        "transportation",
                        "pharmacy",
                        "behavioral-health",
                        "member-services",
                        "housing",
                        "food-security"));
        return "engagement/committee";
    }

    @GetMapping("/engagement/meetings/{id}")
    String meeting(@PathVariable long id, Model model) {
        Meeting meeting = directory.meeting(id).orElseThrow(() -> new NoSuchElementException("meeting " + id));
        Committee committee = directory.committee(meeting.committeeId()).orElseThrow();
        Map<Long, CommitteeDirectory.Attendance> marks = new LinkedHashMap<>();
        directory.attendance(id).forEach(a -> marks.put(a.membershipId(), a));
        audit.record(AuditEntry.read("engagement-meeting", String.valueOf(id), null, "committee attendance"));
        model.addAttribute("meeting", meeting);
        model.addAttribute("committee", committee);
        model.addAttribute("seated", directory.activeRoster(committee.id(), meeting.day()));
        model.addAttribute("marks", marks);
        model.addAttribute("modes", AttendanceMode.values());
        model.addAttribute("quorum", directory.quorum(committee, meeting));
        model.addAttribute("documents", meetingDocuments.all(id));
        model.addAttribute("documentKinds", MeetingDocuments.KINDS);
        model.addAttribute("maxDocumentMb", MeetingDocuments.MAX_BYTES / (1024 * 1024));
        return "engagement/meeting";
    }

    /** What was chosen on one row of the attendance form, as typed, to show the form again after an error. */
    record TypedMark(AttendanceMode mode, String miles) {}

    @PostMapping("/engagement/meetings/{id}/attendance")
    String attendance(
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Meeting meeting = directory.meeting(id).orElseThrow(() -> new NoSuchElementException("meeting " + id));
        Committee committee = directory.committee(meeting.committeeId()).orElseThrow();
        Map<Long, String> names = new LinkedHashMap<>();
        directory.activeRoster(committee.id(), meeting.day()).forEach(m -> names.put(m.id(), m.fullName()));
        var result = new MapBindingResult(new LinkedHashMap<>(form), "attendance");
        Map<Long, MeetingRecords.Mark> marks = new LinkedHashMap<>();
        Map<Long, TypedMark> typed = new LinkedHashMap<>();
        if (meeting.startsAt().isAfter(java.time.OffsetDateTime.now())) {
            result.reject("engagement.attendance.notYet");
        }
        for (var e : form.entrySet()) {
            if (!e.getKey().startsWith("mode-") || e.getValue().isBlank()) {
                continue;
            }
            Long membership = parseId(e.getKey().substring(5));
            AttendanceMode mode = parseMode(e.getValue());
            if (membership == null || mode == null || !names.containsKey(membership)) {
                result.reject("engagement.attendance.unknownRow");
                continue;
            }
            String miles = form.getOrDefault("miles-" + membership, "").strip();
            typed.put(membership, new TypedMark(mode, miles));
            BigDecimal value = parseMiles(miles);
            if (value == null) {
                FieldChecks.reject(result, "miles-" + membership, "engagement.attendance.miles");
            } else {
                marks.put(membership, new MeetingRecords.Mark(mode, value));
            }
        }
        if (!result.hasErrors()) {
            records.recordAttendance(committee, meeting, marks);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/engagement/meetings/" + id;
        }
        // every choice comes back as it was made (#18: a mileage error lost 29 attendance choices)
        forms.rejected(
                result,
                model,
                field -> names.getOrDefault(parseId(field.substring(field.indexOf('-') + 1)), field),
                "");
        response.setStatus(Forms.UNPROCESSABLE);
        meeting(id, model);
        model.addAttribute("marks", typed);
        return "engagement/meeting";
    }

    private static Long parseId(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AttendanceMode parseMode(String text) {
        try {
            return AttendanceMode.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Miles driven: a number from 0 to 500 with at most one decimal; blank is 0. */
    private static BigDecimal parseMiles(String text) {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal miles = new BigDecimal(text);
            return miles.signum() < 0 || miles.compareTo(BigDecimal.valueOf(500)) > 0 || miles.scale() > 1
                    ? null
                    : miles;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Records the minutes; a bad form comes back on the meeting page (422) with what was typed and every problem at
     * once beside its field, in the page's language (#18): approved not before the meeting nor ahead, posted only
     * after approval and not ahead, the text at most {@link MeetingRecords#MINUTES_MAX} characters.
     */
    @PostMapping("/engagement/meetings/{id}/minutes")
    String minutes(
            @PathVariable long id,
            @RequestParam(required = false) String minutes,
            @RequestParam(required = false) String approvedOn,
            @RequestParam(required = false) String postedOn,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Meeting meeting = directory.meeting(id).orElseThrow(() -> new NoSuchElementException("meeting " + id));
        var result = new MapBindingResult(new LinkedHashMap<>(), "minutes");
        LocalDate approved = date(result, "approvedOn", approvedOn);
        LocalDate posted = date(result, "postedOn", postedOn);
        MeetingRecords.minutesProblems(meeting, minutes, approved, posted, today())
                .forEach((field, problem) -> {
                    if (!result.hasFieldErrors(field)) {
                        FieldChecks.reject(
                                result,
                                field,
                                (String) problem[0],
                                java.util.Arrays.copyOfRange(problem, 1, problem.length));
                    }
                });
        if (forms.rejected(result, model, "engagement.minutes.field", "")) {
            model.addAttribute("errorsOf", "minutes");
            response.setStatus(Forms.UNPROCESSABLE);
            return meeting(id, model);
        }
        records.recordMinutes(meeting, minutes, approved, posted);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/engagement/meetings/" + id;
    }

    /** A date as typed (YYYY-MM-DD), or null when empty; anything else is rejected on its field. */
    private static LocalDate date(MapBindingResult result, String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(typed.strip());
        } catch (java.time.format.DateTimeParseException e) {
            FieldChecks.reject(result, field, "typeMismatch.java.time.LocalDate");
            return null;
        }
    }

    @GetMapping("/engagement/motions")
    String motions(
            @RequestParam(required = false) String committee,
            @RequestParam(required = false) RecommendationStage stage,
            @RequestParam(required = false) String topic,
            @RequestParam(defaultValue = "false") boolean overdue,
            Model model) {
        model.addAttribute("motions", motions.list(blank(committee), stage, blank(topic), overdue, today()));
        model.addAttribute("stages", RecommendationStage.values());
        model.addAttribute("codes", codes());
        model.addAttribute(
                "filter",
                Map.of(
                        "committee",
                        committee == null ? "" : committee,
                        "stage",
                        stage == null ? "" : stage.name(),
                        "overdue",
                        overdue));
        return "engagement/motions";
    }

    @GetMapping("/engagement/motions/{id}")
    String motion(@PathVariable long id, Model model) {
        return motionPage(id, model);
    }

    private String motionPage(long id, Model model) {
        var tracked = motions.find(id, today()).orElseThrow(() -> new NoSuchElementException("motion " + id));
        model.addAttribute("tracked", tracked);
        model.addAttribute(
                "next", tracked.motion().stage().next(tracked.motion().fromEcac()));
        model.addAttribute("today", today());
        return "engagement/motion";
    }

    @PostMapping("/engagement/committees/{code}/motions")
    String propose(
            @PathVariable String code,
            @RequestParam String title,
            @RequestParam String body,
            @RequestParam String topic,
            @RequestParam(required = false) Long meetingId,
            Principal principal) {
        Committee committee = find(code);
        long id = motions.propose(
                committee.id(),
                new Motions.NewMotion(title, body, topic, meetingId, null),
                today(),
                principal.getName());
        return "redirect:/engagement/motions/" + id;
    }

    /** A step on a motion; vote counts are whole numbers, the Board's response text is kept to a page. */
    record StepForm(
            @NotNull RecommendationStage stage,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate on,

            @Min(0) @Max(999) Integer yes,
            @Min(0) @Max(999) Integer no,
            @Min(0) @Max(999) Integer abstain,
            @Size(max = 4000) String response,
            @Size(max = 1000) String note) {}

    @PostMapping("/engagement/motions/{id}/steps")
    String step(
            @PathVariable long id,
            @Valid @ModelAttribute("step") StepForm step,
            BindingResult result,
            Principal principal,
            Model model,
            HttpServletResponse response) {
        var tracked = motions.find(id, today()).orElseThrow(() -> new NoSuchElementException("motion " + id));
        step = forms.complete(StepForm.class, step, result);
        if (step != null && step.on() != null && step.on().isAfter(today())) {
            FieldChecks.reject(result, "on", "form.date.notFuture");
        }
        if (!result.hasErrors() && (step.yes() != null || step.no() != null || step.abstain() != null)) {
            int voters = motions.voters(tracked.motion(), step.on());
            int cast = (step.yes() == null ? 0 : step.yes())
                    + (step.no() == null ? 0 : step.no())
                    + (step.abstain() == null ? 0 : step.abstain());
            if (cast > voters) {
                FieldChecks.reject(result, "yes", "engagement.votes.tooMany", cast, voters);
            }
        }
        if (!result.hasErrors()) {
            try {
                motions.advance(
                        id,
                        step.stage(),
                        step.on(),
                        principal.getName(),
                        step.yes() == null && step.no() == null
                                ? null
                                : new Tally(step.yes(), step.no(), step.abstain()),
                        step.response(),
                        step.note());
                return "redirect:/engagement/motions/" + id;
            } catch (IllegalArgumentException e) {
                result.reject("engagement.step.refused", new Object[] {e.getMessage()}, e.getMessage());
            }
        }
        forms.rejected(result, model, "engagement.step.field", "s-");
        response.setStatus(Forms.UNPROCESSABLE);
        return motionPage(id, model);
    }

    /** A new seat on a committee; lengths match the columns' checks. */
    record SeatForm(
            @NotBlank @Size(max = 120) String fullName,
            @Size(max = 20) String memberId,
            @NotNull Seat seat,
            @Size(max = 20) String representsCommittee,
            Boolean consumer,
            Boolean advocate,
            Boolean provider,
            @Size(max = 40) String productLine,
            List<@Size(max = 20) String> languages,

            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate termStart,

            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate termEnd,
            @Size(max = 20) String interpreterLanguage,
            Boolean asl,
            Boolean captioning) {}

    @PostMapping("/engagement/committees/{code}/members")
    String seat(
            @PathVariable String code,
            @Valid @ModelAttribute("seatForm") SeatForm f,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Committee committee = find(code);
        f = forms.complete(SeatForm.class, f, result);
        if (f != null) {
            FieldChecks.memberId(result, "memberId", f.memberId());
        }
        if (f != null
                && f.termStart() != null
                && f.termEnd() != null
                && f.termEnd().isBefore(f.termStart())) {
            FieldChecks.reject(result, "termEnd", "engagement.term.endBeforeStart");
        }
        if (!result.hasErrors()) {
            try {
                administration.seat(
                        committee,
                        new CommitteeAdministration.NewMembership(
                                f.fullName(),
                                f.memberId(),
                                f.seat(),
                                f.representsCommittee(),
                                yes(f.consumer()),
                                yes(f.advocate()),
                                yes(f.provider()),
                                f.productLine(),
                                f.languages(),
                                null,
                                null,
                                null,
                                f.termStart(),
                                f.termEnd(),
                                f.interpreterLanguage(),
                                yes(f.asl()),
                                yes(f.captioning()),
                                null));
                redirect.addFlashAttribute("saved", true);
                return "redirect:/engagement/committees/" + committee.code();
            } catch (IllegalArgumentException e) {
                result.reject("engagement.step.refused", new Object[] {e.getMessage()}, e.getMessage());
            }
        }
        forms.rejected(result, model, "engagement.seat.field", "n-");
        response.setStatus(Forms.UNPROCESSABLE);
        return committee(code, "race_ethnicity", model);
    }

    /** An unticked checkbox sends nothing. */
    private static boolean yes(Boolean box) {
        return Boolean.TRUE.equals(box);
    }

    @PostMapping("/engagement/memberships/{id}/status")
    String membershipStatus(@PathVariable long id, @RequestParam String status, @RequestParam String committee) {
        administration.changeStatus(id, status, today());
        return "redirect:/engagement/committees/" + find(committee).code();
    }

    /** A meeting to schedule: within a year back (to record one already held) and two years ahead. */
    record MeetingForm(
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            java.time.LocalDateTime startsAt,

            @Size(max = 200) String place,
            @Size(max = 500) String virtualLink,
            @Size(max = 8000) String agenda,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate agendaPostedOn,
            List<@Size(max = 20) String> interpretation) {}

    @PostMapping("/engagement/committees/{code}/meetings")
    String schedule(
            @PathVariable String code,
            @Valid @ModelAttribute("meetingForm") MeetingForm f,
            BindingResult result,
            Model model,
            HttpServletResponse response) {
        Committee committee = find(code);
        f = forms.complete(MeetingForm.class, f, result);
        if (f != null
                && f.startsAt() != null
                && (f.startsAt().toLocalDate().isBefore(today().minusYears(1))
                        || f.startsAt().toLocalDate().isAfter(today().plusYears(2)))) {
            FieldChecks.reject(
                    result,
                    "startsAt",
                    "engagement.meeting.dateRange",
                    today().minusYears(1).toString(),
                    today().plusYears(2).toString());
        }
        if (f != null && f.agendaPostedOn() != null && f.agendaPostedOn().isAfter(today())) {
            FieldChecks.reject(result, "agendaPostedOn", "form.date.notFuture");
        }
        if (forms.rejected(result, model, "engagement.meeting.field", "mt-")) {
            response.setStatus(Forms.UNPROCESSABLE);
            return committee(code, "race_ethnicity", model);
        }
        long id = administration.schedule(
                committee,
                new CommitteeAdministration.NewMeeting(
                        f.startsAt(), f.place(), f.virtualLink(), f.agenda(), f.agendaPostedOn(), f.interpretation()));
        return "redirect:/engagement/meetings/" + id;
    }

    @GetMapping("/engagement/stipends")
    String stipendList(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String committee,
            Model model) {
        var lines = stipends.list(blank(status), blank(committee), 500);
        audit.record(new AuditEntry(
                AuditAction.SEARCH, "engagement-stipend", null, null, "stipend payment", lines.size() + " lines"));
        model.addAttribute("lines", lines);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("committee", committee == null ? "" : committee);
        model.addAttribute("codes", codes());
        return "engagement/stipends";
    }

    @GetMapping("/engagement/stipends.csv")
    void stipendExport(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String committee,
            HttpServletResponse response)
            throws IOException {
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "engagement-stipend",
                null,
                null,
                "stipend payment",
                "finance export status=" + status + " committee=" + committee));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"stipends.csv\"");
        PrintWriter out = response.getWriter();
        out.print(Csv.line((Object[])
                ("stipend_id,committee,meeting_id,meeting_date,membership_id,payee_name,member_id,stipend,miles,"
                                + "mileage,total,status,status_date")
                        .split(",")));
        stipends.stream(
                blank(status),
                blank(committee),
                l -> out.print(Csv.line(
                        l.id(),
                        l.committeeCode(),
                        l.meetingId(),
                        l.meetingDay(),
                        l.membershipId(),
                        l.fullName(),
                        l.memberId(),
                        l.stipend(),
                        l.miles(),
                        l.mileage(),
                        l.total(),
                        l.status(),
                        l.statusOn())));
        out.flush();
    }

    @PostMapping("/engagement/stipends/{id}/status")
    String stipendStatus(
            @PathVariable long id, @RequestParam String status, @RequestParam(required = false) String returnTo) {
        stipends.setStatus(id, status, today());
        return "redirect:/engagement/stipends" + (returnTo != null && returnTo.matches("\\?[\\w=&-]*") ? returnTo : "");
    }

    @GetMapping("/engagement/reports")
    String reports(org.springframework.security.core.Authentication auth, Model model) {
        LocalDate today = today();
        boolean suppressed = ReportViewers.suppressed(auth);
        model.addAttribute("suppressed", suppressed);
        model.addAttribute("from", today.minusYears(1));
        model.addAttribute("to", today);
        model.addAttribute("reports", reports.published(today.minusYears(1), today, today, suppressed));
        return "engagement/reports";
    }

    private Committee find(String code) {
        return directory.committee(code).orElseThrow(() -> new NoSuchElementException("committee " + code));
    }

    private List<String> codes() {
        return directory.committees().stream().map(Committee::code).toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
