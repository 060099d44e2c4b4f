package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.commonweal.grants.lifecycle.SubmissionWindow;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Programs, funding cycles and their rubrics. */
@Component
class GrantsCatalog {

    record Program(
            long id,
            String code,
            String name,
            String nameEs,
            String strategy,
            String fundingSource,
            BigDecimal envelope,
            int sinceYear) {}

    record Cycle(
            long id,
            long programId,
            String programName,
            String code,
            String title,
            String titleEs,
            String summary,
            String summaryEs,
            LocalDate opensOn,
            Instant closesAt,
            BigDecimal envelope,
            BigDecimal awardFloor,
            BigDecimal awardCeiling,
            int expectedAwards,
            String eligibility,
            List<String> questions,
            boolean loiRequired,
            Instant loiClosesAt,
            java.time.ZoneId zone) {

        /** Whether a letter of intent is still accepted at {@code now}. */
        public boolean acceptsLetters(Instant now) {
            return loiRequired && now.isBefore(loiClosesAt);
        }

        public SubmissionWindow window() {
            return new SubmissionWindow(opensOn, closesAt, zone);
        }

        public String status(Instant now) {
            if (now.isBefore(window().opensAt())) {
                return "forecasted";
            }
            return now.isBefore(closesAt) ? "open" : "closed";
        }
    }

    private static final String CYCLE_SQL = """
            select c.*, p.name as program_name from grants.funding_cycle c
            join grants.program p on p.id = c.program_id""";

    private final JdbcClient jdbc;

    private final java.time.ZoneId zone;

    GrantsCatalog(JdbcClient jdbc, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.zone = plan.timeZone();
    }

    /** The plan's time zone: deadlines are entered and shown in it. */
    java.time.ZoneId zone() {
        return zone;
    }

    Optional<Program> program(long id) {
        return programs().stream().filter(p -> p.id() == id).findFirst();
    }

    List<Program> programs() {
        return jdbc.sql("select * from grants.program order by since_year, code")
                .query((rs, n) -> new Program(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("name_es"),
                        rs.getString("strategy"),
                        rs.getString("funding_source"),
                        rs.getBigDecimal("envelope"),
                        rs.getInt("since_year")))
                .list();
    }

    List<Cycle> cycles() {
        return jdbc.sql(CYCLE_SQL + " order by c.closes_at desc")
                .query((rs, n) -> cycle(rs, n))
                .list();
    }

    /** Cycles accepting applications or announced, soonest deadline first. */
    List<Cycle> openOrUpcoming(Instant now) {
        return jdbc.sql(CYCLE_SQL + " where c.closes_at > ? order by c.closes_at")
                .param(java.sql.Timestamp.from(now))
                .query((rs, n) -> cycle(rs, n))
                .list();
    }

    Optional<Cycle> cycle(long id) {
        return jdbc.sql(CYCLE_SQL + " where c.id = ?")
                .param(id)
                .query((rs, n) -> cycle(rs, n))
                .optional();
    }

    Optional<Cycle> cycle(String code) {
        return jdbc.sql(CYCLE_SQL + " where c.code = ?")
                .param(code)
                .query((rs, n) -> cycle(rs, n))
                .optional();
    }

    List<Criterion> rubric(long cycleId) {
        return jdbc.sql("select * from grants.rubric_criterion where cycle_id = ? order by code")
                .param(cycleId)
                .query((rs, n) -> new Criterion(
                        rs.getString("code"),
                        rs.getString("label"),
                        rs.getInt("max_score"),
                        rs.getBigDecimal("weight")))
                .list();
    }

    private Cycle cycle(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp loiClosesAt = rs.getTimestamp("loi_closes_at");
        return new Cycle(
                rs.getLong("id"),
                rs.getLong("program_id"),
                rs.getString("program_name"),
                rs.getString("code"),
                rs.getString("title"),
                rs.getString("title_es"),
                rs.getString("summary"),
                rs.getString("summary_es"),
                rs.getObject("opens_on", LocalDate.class),
                rs.getTimestamp("closes_at").toInstant(),
                rs.getBigDecimal("envelope"),
                rs.getBigDecimal("award_floor"),
                rs.getBigDecimal("award_ceiling"),
                rs.getInt("expected_awards"),
                rs.getString("eligibility"),
                strings(rs.getArray("questions")),
                rs.getBoolean("loi_required"),
                loiClosesAt == null ? null : loiClosesAt.toInstant(),
                zone);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null
                ? new java.util.ArrayList<>()
                : new java.util.ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
