package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.ClassReferralMade;
import org.commonweal.geography.Address;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.Geocoder;
import org.commonweal.geography.ServiceAreaZips;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What promoters log in the field: outreach events, contacts and referrals. */
@Service
public class FieldLog {

    /** An outreach event as entered. Counts may be null (read as 0). */
    public record NewEvent(
            long promoterId,
            String eventType,
            LocalDate heldOn,
            String placeName,
            String street,
            String city,
            String zip,
            String language,
            List<String> topics,
            String partners,
            Integer members,
            Integer nonMembers,
            Integer age0to17,
            Integer age18to64,
            Integer age65plus,
            String materials,
            Integer materialsCount) {}

    /** A named contact (with optional referral) or an anonymous tally when no name is given. */
    public record NewContact(
            long promoterId,
            Long eventId,
            LocalDate on,
            String memberId,
            String personName,
            String phone,
            String language,
            int tally,
            String referralKind,
            String referralTarget) {}

    /**
     * One problem with what was entered (#18): the form field it belongs to, a message code of the engagement bundle
     * whose {0} is the field's name in words, and the code's further arguments.
     */
    public record Problem(String field, String code, List<Object> arguments) {

        static Problem of(String field, String code, Object... arguments) {
            return new Problem(field, code, List.of(arguments));
        }
    }

    /** Thrown with every problem found, each naming its field. */
    public static class Invalid extends IllegalArgumentException {
        private final List<Problem> problems;

        Invalid(List<Problem> problems) {
            super(problems.stream()
                    .map(p -> p.field() + ": " + p.code())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(""));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The most people or materials one event can count. */
    public static final int MAX_COUNT = 100_000;

    private final JdbcClient jdbc;
    private final Geocoder geocoder;
    private final ServiceAreaZips zips;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    FieldLog(
            JdbcClient jdbc,
            Geocoder geocoder,
            ServiceAreaZips zips,
            AuditTrail audit,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.zips = zips;
        this.geocoder = geocoder;
        this.audit = audit;
        this.events = events;
    }

    /** Every problem of an event as entered (empty when it can be saved), by form field. */
    public List<Problem> problems(NewEvent e, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        if (!OutreachVocabulary.EVENT_TYPES.contains(e.eventType())) {
            problems.add(Problem.of("eventType", "engagement.fieldlog.choose"));
        }
        if (e.heldOn() == null) {
            problems.add(Problem.of("heldOn", "engagement.fieldlog.required"));
        } else if (e.heldOn().isAfter(today)) {
            problems.add(Problem.of("heldOn", "engagement.fieldlog.future", e.heldOn()));
        }
        if (e.language() == null || e.language().isBlank()) {
            problems.add(Problem.of("language", "engagement.fieldlog.required"));
        }
        List<String> topics = e.topics() == null ? List.of() : e.topics();
        if (topics.isEmpty()) {
            problems.add(Problem.of("topics", "engagement.fieldlog.topics"));
        }
        topics.stream()
                .filter(t -> !OutreachVocabulary.TOPICS.contains(t))
                .findFirst()
                .ifPresent(t -> problems.add(Problem.of("topics", "engagement.fieldlog.topicUnknown", t)));
        int members = count(e.members(), "members", problems);
        int nonMembers = count(e.nonMembers(), "nonMembers", problems);
        int kids = count(e.age0to17(), "age0to17", problems);
        int adults = count(e.age18to64(), "age18to64", problems);
        int seniors = count(e.age65plus(), "age65plus", problems);
        count(e.materialsCount(), "materialsCount", problems);
        if (kids + adults + seniors > 0 && kids + adults + seniors != members + nonMembers) {
            problems.add(Problem.of(
                    "age0to17", "engagement.fieldlog.ageBands", kids + adults + seniors, members + nonMembers));
        }
        if (e.zip() != null && !e.zip().isBlank()) {
            zips.problem(e.zip()).ifPresent(code -> problems.add(Problem.of("zip", code)));
        } else if (!"PHONE_BANK".equals(e.eventType())) {
            problems.add(Problem.of("zip", "engagement.fieldlog.zipNeeded"));
        }
        return problems;
    }

    @Transactional
    public long logEvent(NewEvent e, String recordedBy, LocalDate today) {
        List<Problem> problems = problems(e, today);
        Geocoded place = null;
        if (problems.isEmpty() && e.zip() != null && !e.zip().isBlank()) {
            place = geocoder.geocode(new Address(
                            e.street(), null, e.city(), "CA", e.zip().strip()))
                    .orElse(null);
            if (place == null) {
                problems.add(Problem.of("zip", "form.zip.county"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        List<String> topics = e.topics();
        long id = jdbc.sql("""
                insert into engagement.outreach_event (promoter_id, event_type, held_on, place_name, street, city, zip,
                  latitude, longitude, spa, language, topics, partners, attendees_members, attendees_nonmembers,
                  age_0_17, age_18_64, age_65_plus, materials, materials_count, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        e.promoterId(),
                        e.eventType(),
                        e.heldOn(),
                        blank(e.placeName()),
                        blank(e.street()),
                        blank(e.city()),
                        place == null ? null : place.zip(),
                        place == null ? null : place.point().latitude(),
                        place == null ? null : place.point().longitude(),
                        place == null ? null : place.spa(),
                        e.language(),
                        "{" + String.join(",", topics) + "}",
                        blank(e.partners()),
                        zero(e.members()),
                        zero(e.nonMembers()),
                        zero(e.age0to17()),
                        zero(e.age18to64()),
                        zero(e.age65plus()),
                        blank(e.materials()),
                        zero(e.materialsCount()),
                        recordedBy)
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-outreach-event",
                String.valueOf(id),
                null,
                "health promoter outreach",
                e.eventType()));
        return id;
    }

    /** Every problem of a contact as entered (empty when it can be saved), by form field. */
    public List<Problem> problems(NewContact c) {
        List<Problem> problems = new ArrayList<>();
        boolean named = c.personName() != null && !c.personName().isBlank();
        if (!named && c.tally() < 1) {
            problems.add(Problem.of("personName", "engagement.fieldlog.nameOrTally"));
        }
        if (c.referralKind() != null && !c.referralKind().isBlank()) {
            if (!OutreachVocabulary.REFERRAL_KINDS.contains(c.referralKind())) {
                problems.add(Problem.of("referralKind", "engagement.fieldlog.choose"));
            } else if (!named) {
                problems.add(Problem.of("referralKind", "engagement.fieldlog.referralName"));
            }
            if (c.referralTarget() == null || c.referralTarget().isBlank()) {
                problems.add(Problem.of("referralTarget", "engagement.fieldlog.referralTarget"));
            }
        }
        return problems;
    }

    /** Records a contact and its referral; a referral to a center class publishes {@link ClassReferralMade}. */
    @Transactional
    public long logContact(NewContact c) {
        java.util.Objects.requireNonNull(c.on(), "the day of the contact");
        List<Problem> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        boolean named = c.personName() != null && !c.personName().isBlank();
        boolean referral = c.referralKind() != null && !c.referralKind().isBlank();
        String memberId = blank(c.memberId());
        long contactId = jdbc.sql("""
                insert into engagement.contact (promoter_id, event_id, contacted_on, member_id, person_name, phone, tally)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        c.promoterId(),
                        c.eventId(),
                        c.on(),
                        memberId,
                        named ? c.personName().strip() : null,
                        blank(c.phone()),
                        named ? 1 : c.tally())
                .query(Long.class)
                .single();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "engagement-contact",
                String.valueOf(contactId),
                memberId,
                "health promoter outreach",
                named ? "named contact" : "tally " + c.tally()));
        if (referral) {
            long referralId = jdbc.sql("""
                    insert into engagement.referral (contact_id, kind, target, referred_on) values (?, ?, ?, ?)
                    returning id""")
                    .params(contactId, c.referralKind(), c.referralTarget().strip(), c.on())
                    .query(Long.class)
                    .single();
            audit.record(AuditEntry.change(
                    AuditAction.CREATE,
                    "engagement-referral",
                    String.valueOf(referralId),
                    memberId,
                    "health promoter referral",
                    c.referralKind()));
            if (c.referralKind().equals("CENTER_CLASS")) {
                events.publishEvent(new ClassReferralMade(
                        referralId,
                        c.referralTarget().strip(),
                        memberId,
                        c.personName().strip(),
                        blank(c.phone()),
                        blank(c.language()),
                        c.on(),
                        c.promoterId()));
            }
        }
        return contactId;
    }

    private static int count(Integer value, String field, List<Problem> problems) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > MAX_COUNT) {
            problems.add(Problem.of(field, "engagement.fieldlog.count", MAX_COUNT));
            return 0;
        }
        return value;
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
