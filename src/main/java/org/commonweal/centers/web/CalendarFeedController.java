package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commonweal.centers.Center;
import org.commonweal.centers.Centers;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.schedule.ICalendar;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** iCalendar feeds: a center's classes (30 days back, 90 ahead) and every date of one series. */
@RestController
class CalendarFeedController {

    private static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final Centers centers;
    private final SessionQueries queries;

    private final ZoneId zone;

    CalendarFeedController(Centers centers, SessionQueries queries, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.centers = centers;
        this.queries = queries;
    }

    @GetMapping("/centers/{code:[a-z0-9-]+}/calendar.ics")
    ResponseEntity<String> center(@PathVariable String code, HttpServletRequest request) {
        Center center = centers.center(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LocalDate today = LocalDate.now(zone);
        List<ClassSession> sessions = queries.sessions(
                new SessionQueries.Filter(code, null, null, null, today.minusDays(30), today.plusDays(90), 5000));
        return feed(center.name(), sessions, request);
    }

    @GetMapping("/centers/series/{id}/calendar.ics")
    ResponseEntity<String> series(@PathVariable long id, HttpServletRequest request) {
        List<ClassSession> sessions = queries.seriesSessions(id);
        if (sessions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return feed(
                sessions.getFirst().title(LocaleContextHolder.getLocale().getLanguage()) + " – "
                        + sessions.getFirst().centerName(),
                sessions,
                request);
    }

    private ResponseEntity<String> feed(String name, List<ClassSession> sessions, HttpServletRequest request) {
        Map<Integer, Center> byId =
                centers.centers().stream().collect(Collectors.toMap(Center::id, Function.identity()));
        String body = ICalendar.feed(
                name, sessions, byId::get, LocaleContextHolder.getLocale().getLanguage(), request.getServerName());
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header("Content-Disposition", "inline; filename=\"classes.ics\"")
                .body(body);
    }
}
