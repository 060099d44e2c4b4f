package org.commonweal.engagement.web;

import java.time.LocalDate;
import java.util.NoSuchElementException;
import org.commonweal.engagement.committee.CommitteeDirectory;
import org.commonweal.engagement.committee.CommitteeDirectory.Committee;
import org.commonweal.engagement.committee.CommitteeDirectory.Meeting;
import org.commonweal.geography.Geography;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Public pages, no login: the committees, upcoming meetings with their agendas, and posted minutes. */
@Controller
class PublicCommitteeController {

    private final CommitteeDirectory directory;
    private final Geography geography;

    PublicCommitteeController(CommitteeDirectory directory, Geography geography) {
        this.directory = directory;
        this.geography = geography;
    }

    @GetMapping("/committees")
    String committees(Model model) {
        LocalDate today = directory.today();
        model.addAttribute("committees", directory.committees());
        // one regional committee per advisory region of the plan's geography ("eleven" in the demo's county)
        model.addAttribute("regionalCommittees", geography.rcacRegions().size());
        model.addAttribute(
                "upcoming",
                directory.upcoming(today, 30).stream()
                        .filter(m -> m.agendaPostedOn() != null
                                && !m.agendaPostedOn().isAfter(today))
                        .toList());
        model.addAttribute(
                "names",
                directory.committees().stream()
                        .collect(java.util.stream.Collectors.toMap(Committee::id, Committee::name)));
        return "engagement/public-committees";
    }

    @GetMapping("/committees/{code}")
    String committee(@PathVariable String code, Model model) {
        Committee committee =
                directory.committee(code).orElseThrow(() -> new NoSuchElementException("committee " + code));
        LocalDate today = directory.today();
        var meetings = directory.meetings(committee.id());
        model.addAttribute("committee", committee);
        model.addAttribute(
                "upcoming",
                meetings.stream()
                        .filter(m -> m.status().equals("SCHEDULED")
                                && m.agendaPostedOn() != null
                                && !m.agendaPostedOn().isAfter(today))
                        .toList()
                        .reversed());
        model.addAttribute(
                "minutes",
                meetings.stream()
                        .filter(m -> m.minutesPostedOn() != null
                                && !m.minutesPostedOn().isAfter(today))
                        .toList());
        return "engagement/public-committee";
    }

    @GetMapping("/committees/meetings/{id}")
    String meeting(@PathVariable long id, Model model) {
        LocalDate today = directory.today();
        Meeting meeting = directory
                .meeting(id)
                .filter(m -> m.agendaPostedOn() != null && !m.agendaPostedOn().isAfter(today))
                .orElseThrow(() -> new NoSuchElementException("meeting " + id));
        model.addAttribute("meeting", meeting);
        model.addAttribute(
                "committee", directory.committee(meeting.committeeId()).orElseThrow());
        model.addAttribute(
                "minutesPosted",
                meeting.minutesPostedOn() != null && !meeting.minutesPostedOn().isAfter(today));
        model.addAttribute("documents", directory.documents(id));
        return "engagement/public-meeting";
    }
}
