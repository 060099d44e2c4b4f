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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What promoters log in the field: outreach events, contacts and referrals. */
@Service
public class FieldLog {

    /** An outreach event as entered. Counts may be null (read as 0). */
    public record NewEvent(long promoterId, String eventType, LocalDate heldOn, String placeName, String street,
            String city, String zip, String language, List<String> topics, String partners, Integer members,
            Integer nonMembers, Integer age0to17, Integer age18to64, Integer age65plus, String materials,
            Integer materialsCount) {
    }

    /** A named contact (with optional referral) or an anonymous tally when no name is given. */
    public record NewContact(long promoterId, Long eventId, LocalDate on, String memberId, String personName,
            String phone, String language, int tally, String referralKind, String referralTarget) {
    }

    /** Thrown with every problem found, each naming its field. */
    public static class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final JdbcClient jdbc;
    private final Geocoder geocoder;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    FieldLog(JdbcClient jdbc, Geocoder geocoder, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.geocoder = geocoder;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public long logEvent(NewEvent e, String recordedBy, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (!OutreachVocabulary.EVENT_TYPES.contains(e.eventType())) {
            problems.add("type: choose one of " + OutreachVocabulary.EVENT_TYPES);
        }
        if (e.heldOn() == null) {
            problems.add("date: required");
        } else if (e.heldOn().isAfter(today)) {
            problems.add("date: " + e.heldOn() + " is in the future");
        }
        if (e.language() == null || e.language().isBlank()) {
            problems.add("language: required");
        }
        List<String> topics = e.topics() == null ? List.of() : e.topics();
        if (topics.isEmpty()) {
            problems.add("topics: choose at least one");
        }
        topics.stream().filter(t -> !OutreachVocabulary.TOPICS.contains(t))
                .forEach(t -> problems.add("topics: '" + t + "' is not on the list"));
        int members = count(e.members(), "members", problems);
        int nonMembers = count(e.nonMembers(), "non-members", problems);
        int kids = count(e.age0to17(), "age 0–17", problems);
        int adults = count(e.age18to64(), "age 18–64", problems);
        int seniors = count(e.age65plus(), "age 65+", problems);
        if (kids + adults + seniors > 0 && kids + adults + seniors != members + nonMembers) {
            problems.add("age bands: " + (kids + adults + seniors) + " do not add up to the attendance of "
                    + (members + nonMembers));
        }
        Geocoded place = null;
        if (e.zip() != null && !e.zip().isBlank()) {
            place = geocoder.geocode(new Address(e.street(), null, e.city(), "CA", e.zip().strip())).orElse(null);
            if (place == null) {
                problems.add("ZIP: " + e.zip().strip() + " is not in the service area");
            }
        } else if (!"PHONE_BANK".equals(e.eventType())) {
            problems.add("ZIP: required for an event held in a place");
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        long id = jdbc.sql("""
                insert into engagement.outreach_event (promoter_id, event_type, held_on, place_name, street, city, zip,
                  latitude, longitude, spa, language, topics, partners, attendees_members, attendees_nonmembers,
                  age_0_17, age_18_64, age_65_plus, materials, materials_count, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(e.promoterId(), e.eventType(), e.heldOn(), blank(e.placeName()), blank(e.street()),
                        blank(e.city()), place == null ? null : place.zip(),
                        place == null ? null : place.point().latitude(),
                        place == null ? null : place.point().longitude(), place == null ? null : place.spa(),
                        e.language(), "{" + String.join(",", topics) + "}", blank(e.partners()), members, nonMembers,
                        kids, adults, seniors, blank(e.materials()), count(e.materialsCount(), "materials", problems),
                        recordedBy)
                .query(Long.class).single();
        audit.record(AuditEntry.change(AuditAction.CREATE, "engagement-outreach-event", String.valueOf(id), null,
                "health promoter outreach", e.eventType()));
        return id;
    }

    /** Records a contact and its referral; a referral to a center class publishes {@link ClassReferralMade}. */
    @Transactional
    public long logContact(NewContact c) {
        List<String> problems = new ArrayList<>();
        if (c.on() == null) {
            problems.add("date: required");
        }
        boolean named = c.personName() != null && !c.personName().isBlank();
        if (!named && c.tally() < 1) {
            problems.add("name: give a name, or a tally of at least 1");
        }
        boolean referral = c.referralKind() != null && !c.referralKind().isBlank();
        if (referral) {
            if (!OutreachVocabulary.REFERRAL_KINDS.contains(c.referralKind())) {
                problems.add("referral: choose one of " + OutreachVocabulary.REFERRAL_KINDS);
            }
            if (!named) {
                problems.add("referral: a referral needs the person's name");
            }
            if (c.referralTarget() == null || c.referralTarget().isBlank()) {
                problems.add("referral to: required (class, kind of help, or provider)");
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        String memberId = blank(c.memberId());
        long contactId = jdbc.sql("""
                insert into engagement.contact (promoter_id, event_id, contacted_on, member_id, person_name, phone, tally)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(c.promoterId(), c.eventId(), c.on(), memberId, named ? c.personName().strip() : null,
                        blank(c.phone()), named ? 1 : c.tally()).query(Long.class).single();
        audit.record(AuditEntry.change(AuditAction.CREATE, "engagement-contact", String.valueOf(contactId), memberId,
                "health promoter outreach", named ? "named contact" : "tally " + c.tally()));
        if (referral) {
            long referralId = jdbc.sql("""
                    insert into engagement.referral (contact_id, kind, target, referred_on) values (?, ?, ?, ?)
                    returning id""").params(contactId, c.referralKind(), c.referralTarget().strip(), c.on())
                    .query(Long.class).single();
            audit.record(AuditEntry.change(AuditAction.CREATE, "engagement-referral", String.valueOf(referralId),
                    memberId, "health promoter referral", c.referralKind()));
            if (c.referralKind().equals("CENTER_CLASS")) {
                events.publishEvent(new ClassReferralMade(referralId, c.referralTarget().strip(), memberId,
                        c.personName().strip(), blank(c.phone()), blank(c.language()), c.on(), c.promoterId()));
            }
        }
        return contactId;
    }

    private static int count(Integer value, String field, List<String> problems) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > 100_000) {
            problems.add(field + ": must be between 0 and 100000");
            return 0;
        }
        return value;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
