package org.commonweal.engagement.committee;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.commonweal.engagement.committee.CompositionCheck.RegionalChair;
import org.commonweal.engagement.committee.CompositionCheck.Seated;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads committees, rosters, meetings and attendance. */
@Repository
public class CommitteeDirectory {

    public record Committee(
            long id,
            String code,
            String kind,
            Integer regionNumber,
            String name,
            int maxMembers,
            boolean consumerMajority,
            int atLargeSeats,
            boolean chairsOfRegionals,
            int quorumPercent,
            BigDecimal stipendAmount,
            BigDecimal mileageRate,
            int boardResponseDays,
            String meetingPlace) {

        public CompositionRule rule() {
            return new CompositionRule(maxMembers, consumerMajority, atLargeSeats, chairsOfRegionals);
        }

        public StipendRule stipendRule() {
            return new StipendRule(stipendAmount, mileageRate);
        }

        public boolean ecac() {
            return kind.equals("ECAC");
        }
    }

    public record Membership(
            long id,
            long committeeId,
            UUID personId,
            String fullName,
            String memberId,
            Seat seat,
            String representsCommittee,
            boolean consumer,
            boolean advocate,
            boolean provider,
            String productLine,
            List<String> languages,
            String raceEthnicity,
            String ageBand,
            String sex,
            LocalDate termStart,
            LocalDate termEnd,
            String interpreterLanguage,
            boolean asl,
            boolean captioning,
            String status) {

        public boolean activeOn(LocalDate day) {
            return status.equals("ACTIVE") && !termStart.isAfter(day) && (termEnd == null || !termEnd.isBefore(day));
        }

        Seated seated() {
            return new Seated(personId, seat, consumer, advocate, representsCommittee);
        }
    }

    public record Meeting(
            long id,
            long committeeId,
            OffsetDateTime startsAt,
            String place,
            String virtualLink,
            String agenda,
            LocalDate agendaPostedOn,
            List<String> interpretationLanguages,
            String publicComments,
            String minutes,
            LocalDate minutesApprovedOn,
            LocalDate minutesPostedOn,
            String status) {

        /** The meeting's calendar day where the plan is ({@code startsAt} is read at the plan's offset). */
        public LocalDate day() {
            return startsAt.toLocalDate();
        }

        public java.time.LocalDateTime localStart() {
            return startsAt.toLocalDateTime();
        }
    }

    public record Attendance(long membershipId, String fullName, Seat seat, AttendanceMode mode, BigDecimal miles) {}

    public record Document(String title, String url) {}

    private static final String COMMITTEE = """
            select id, code, kind, region_number, name, max_members, consumer_majority, at_large_seats,
                   chairs_of_regionals, quorum_percent, stipend_amount, mileage_rate, board_response_days,
                   meeting_place from engagement.committee""";

    private static final String MEMBERSHIP = """
            select id, committee_id, person_id, full_name, member_id, seat, represents_committee, consumer, advocate,
                   provider, product_line, languages, race_ethnicity, age_band, sex, term_start, term_end,
                   interpreter_language, asl, captioning, status from engagement.membership""";

    private static final String MEETING = """
            select id, committee_id, starts_at, place, virtual_link, agenda, agenda_posted_on, interpretation_languages,
                   public_comments, minutes, minutes_approved_on, minutes_posted_on, status from engagement.meeting""";

    private final JdbcClient jdbc;

    private final java.time.ZoneId zone;

    CommitteeDirectory(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
    }

    public List<Committee> committees() {
        return jdbc.sql(COMMITTEE + " order by kind desc, region_number")
                .query(CommitteeDirectory::committee)
                .list();
    }

    public Optional<Committee> committee(String code) {
        return jdbc.sql(COMMITTEE + " where code = ?")
                .param(code)
                .query(CommitteeDirectory::committee)
                .optional();
    }

    public Optional<Committee> committee(long id) {
        return jdbc.sql(COMMITTEE + " where id = ?")
                .param(id)
                .query(CommitteeDirectory::committee)
                .optional();
    }

    public List<Membership> roster(long committeeId) {
        return jdbc.sql(MEMBERSHIP + " where committee_id = ? order by seat = 'MEMBER', seat, full_name")
                .param(committeeId)
                .query(CommitteeDirectory::membership)
                .list();
    }

    public List<Membership> activeRoster(long committeeId, LocalDate on) {
        return roster(committeeId).stream().filter(m -> m.activeOn(on)).toList();
    }

    /** The composition issues of a committee on a day. */
    public List<CompositionCheck.Issue> composition(Committee committee, LocalDate on) {
        List<Seated> seated = activeRoster(committee.id(), on).stream()
                .map(Membership::seated)
                .toList();
        List<RegionalChair> chairs = committee.chairsOfRegionals() ? regionalChairs(on) : List.of();
        return CompositionCheck.check(committee.rule(), seated, chairs);
    }

    List<RegionalChair> regionalChairs(LocalDate on) {
        List<RegionalChair> chairs = new ArrayList<>();
        for (Committee c : committees()) {
            if (!c.ecac()) {
                activeRoster(c.id(), on).stream()
                        .filter(m -> m.seat() == Seat.CHAIR)
                        .findFirst()
                        .ifPresent(m -> chairs.add(new RegionalChair(c.code(), m.personId())));
            }
        }
        return chairs;
    }

    /**
     * Shares per category of one dimension among active members who reported it, beside the region's membership.
     */
    public record DemographicRow(String category, double committeeShare, Double regionShare, long count) {}

    public List<DemographicRow> demographics(Committee committee, String dimension, LocalDate on) {
        List<Membership> roster = activeRoster(committee.id(), on);
        Map<String, Long> counts = new LinkedHashMap<>();
        long reported = 0;
        for (Membership m : roster) {
            String value = switch (dimension) {
                case "race_ethnicity" -> m.raceEthnicity();
                case "age_band" -> m.ageBand();
                case "sex" -> m.sex();
                default -> m.languages().isEmpty() ? null : m.languages().getFirst();
            };
            if (value != null) {
                counts.merge(value, 1L, Long::sum);
                reported++;
            }
        }
        Map<String, Double> region = new LinkedHashMap<>();
        if (committee.regionNumber() != null) {
            jdbc.sql("select category, share from engagement.region_profile where region_number = ? and dimension = ?"
                            + " order by share desc")
                    .params(committee.regionNumber(), dimension)
                    .query((rs, n) -> region.put(rs.getString(1), rs.getDouble(2)))
                    .list();
        }
        List<DemographicRow> rows = new ArrayList<>();
        long total = reported;
        for (String category : union(region.keySet(), counts.keySet())) {
            long n = counts.getOrDefault(category, 0L);
            rows.add(new DemographicRow(category, total == 0 ? 0 : (double) n / total, region.get(category), n));
        }
        return rows;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    public List<Meeting> meetings(long committeeId) {
        return jdbc.sql(MEETING + " where committee_id = ? order by starts_at desc")
                .param(committeeId)
                .query((rs, n) -> meeting(rs, n))
                .list();
    }

    public Optional<Meeting> meeting(long id) {
        return jdbc.sql(MEETING + " where id = ?")
                .param(id)
                .query((rs, n) -> meeting(rs, n))
                .optional();
    }

    /** Scheduled meetings from {@code from} on, with their agendas, across committees. */
    public List<Meeting> upcoming(LocalDate from, int limit) {
        return jdbc.sql(MEETING + " where status = 'SCHEDULED' and starts_at >= ? order by starts_at limit ?")
                .params(from.atStartOfDay(java.time.ZoneOffset.UTC).toOffsetDateTime(), limit)
                .query((rs, n) -> meeting(rs, n))
                .list();
    }

    /** The meeting's published documents, as public links. */
    public List<Document> documents(long meetingId) {
        return jdbc.sql("""
                select title, coalesce(url, '/committees/documents/' || id) from engagement.meeting_document
                where meeting_id = ? and published order by id""")
                .param(meetingId)
                .query((rs, n) -> new Document(rs.getString(1), rs.getString(2)))
                .list();
    }

    public List<Attendance> attendance(long meetingId) {
        return jdbc.sql("""
                select a.membership_id, m.full_name, m.seat, a.mode, a.miles from engagement.attendance a
                join engagement.membership m on m.id = a.membership_id where a.meeting_id = ?
                order by m.seat = 'MEMBER', m.seat, m.full_name""")
                .param(meetingId)
                .query((rs, n) -> new Attendance(
                        rs.getLong(1),
                        rs.getString(2),
                        Seat.valueOf(rs.getString(3)),
                        AttendanceMode.valueOf(rs.getString(4)),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** Quorum of a meeting from its recorded attendance and the roster seated on its date. */
    public Quorum quorum(Committee committee, Meeting meeting) {
        LocalDate day = meeting.day();
        int seated = activeRoster(committee.id(), day).size();
        int present = (int) attendance(meeting.id()).stream()
                .filter(a -> a.mode().present())
                .count();
        return Quorum.of(seated, present, committee.quorumPercent());
    }

    static Committee committee(ResultSet rs, int n) throws SQLException {
        return new Committee(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                (Integer) rs.getObject(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getBoolean(7),
                rs.getInt(8),
                rs.getBoolean(9),
                rs.getInt(10),
                rs.getBigDecimal(11),
                rs.getBigDecimal(12),
                rs.getInt(13),
                rs.getString(14));
    }

    static Membership membership(ResultSet rs, int n) throws SQLException {
        return new Membership(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                Seat.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getBoolean(9),
                rs.getBoolean(10),
                rs.getString(11),
                strings(rs.getArray(12)),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15),
                rs.getObject(16, LocalDate.class),
                rs.getObject(17, LocalDate.class),
                rs.getString(18),
                rs.getBoolean(19),
                rs.getBoolean(20),
                rs.getString(21));
    }

    /** Today where the plan is. */
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /** The plan's time zone (meetings are entered and shown in it). */
    public java.time.ZoneId zone() {
        return zone;
    }

    private Meeting meeting(ResultSet rs, int n) throws SQLException {
        return new Meeting(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(zone).toOffsetDateTime(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, LocalDate.class),
                strings(rs.getArray(8)),
                rs.getString(9),
                rs.getString(10),
                rs.getObject(11, LocalDate.class),
                rs.getObject(12, LocalDate.class),
                rs.getString(13));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
