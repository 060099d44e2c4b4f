package org.commonweal.quality.results;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonweal.platform.Csv;
import org.commonweal.quality.measure.MeasureCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The performance levels a measure's rate is held to, as data: for DHCS's MCAS the minimum performance level (MPL, the
 * 50th percentile of national Medicaid) and the high performance level (HPL, the 90th), per measure and measurement
 * year, loaded from a CSV ({@code measure_id,measurement_year,minimum_rate,high_rate,better,source}; rates in percent,
 * {@code better} is {@code higher} or {@code lower}: an inverse measure such as CMS122 meets its level from below).
 * Which way is better for a measure the plan runs comes from its definition ({@link MeasureCatalog#INVERSE}): the
 * column may be left empty for it, and a line that says otherwise is refused; for other measures the column says it.
 * A file with any bad line is refused whole, each problem named by line and column; a good file replaces the levels of
 * the measure-years it names and leaves the others.
 */
@Service
public class PerformanceLevels {

    static final List<String> HEADER =
            List.of("measure_id", "measurement_year", "minimum_rate", "high_rate", "better", "source");

    private final JdbcClient jdbc;

    PerformanceLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A measure's levels for one year; rates in percent. */
    public record Level(
            String measureId, int year, BigDecimal minimum, BigDecimal high, boolean higherIsBetter, String source) {

        /**
         * How many members the rate {@code met / eligible} is from {@code level}: members to bring into the numerator
         * (or, for a lower-is-better measure, out of it); 0 when the level is reached.
         */
        public long membersTo(BigDecimal level, long eligible, long met) {
            var bound = level.multiply(BigDecimal.valueOf(eligible)).divide(BigDecimal.valueOf(100));
            if (higherIsBetter) {
                return Math.max(0, bound.setScale(0, RoundingMode.CEILING).longValueExact() - met);
            }
            return Math.max(0, met - bound.setScale(0, RoundingMode.FLOOR).longValueExact());
        }
    }

    /** A levels file that was refused, with every problem found. */
    public static final class BadLevels extends RuntimeException {

        private final List<String> problems;

        BadLevels(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public Optional<Level> find(String measureId, int year) {
        return jdbc.sql("""
                select measure_id, measurement_year, minimum_rate, high_rate, higher_is_better, source
                from quality.performance_level where measure_id = ? and measurement_year = ?""")
                .params(measureId, year)
                .query((rs, n) -> new Level(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        // the measure definition decides for the measures the plan runs (a row loaded before it did
                        // may say otherwise)
                        MeasureCatalog.SUPPORTED.contains(rs.getString(1))
                                ? MeasureCatalog.higherIsBetter(rs.getString(1))
                                : rs.getBoolean(5),
                        rs.getString(6)))
                .optional();
    }

    /** Reads and checks every line, then stores them all or, when any line is bad, nothing. */
    @Transactional
    public List<Level> load(Reader in) throws IOException {
        var levels = parse(in);
        for (var l : levels) {
            jdbc.sql("""
                    insert into quality.performance_level (measure_id, measurement_year, minimum_rate, high_rate,
                      higher_is_better, source) values (?, ?, ?, ?, ?, ?)
                    on conflict (measure_id, measurement_year) do update set minimum_rate = excluded.minimum_rate,
                      high_rate = excluded.high_rate, higher_is_better = excluded.higher_is_better,
                      source = excluded.source, loaded_at = now()""")
                    .params(l.measureId(), l.year(), l.minimum(), l.high(), l.higherIsBetter(), l.source())
                    .update();
        }
        return levels;
    }

    static List<Level> parse(Reader in) throws IOException {
        List<Csv.Row> rows;
        try {
            rows = Csv.read(in);
        } catch (Csv.Malformed e) {
            throw new BadLevels(List.of(e.getMessage()));
        }
        var problems = new ArrayList<String>();
        if (rows.isEmpty()
                || !rows.getFirst().values().stream()
                        .map(String::strip)
                        .toList()
                        .equals(HEADER)) {
            throw new BadLevels(List.of("line 1: the header must be " + String.join(",", HEADER)));
        }
        var levels = new ArrayList<Level>();
        var seen = new java.util.HashSet<String>();
        for (var row : rows.subList(1, rows.size())) {
            if (row.blank()) continue;
            var where = "line " + row.line();
            var v = row.values();
            if (v.size() != HEADER.size()) {
                problems.add(where + ": " + HEADER.size() + " columns expected, found " + v.size());
                continue;
            }
            int before = problems.size();
            var measure = v.get(0).strip();
            if (!measure.matches("[A-Za-z0-9_.-]{1,40}"))
                problems.add(where + ", measure_id: '" + measure + "' is not a measure id");
            Integer year = null;
            try {
                year = Integer.parseInt(v.get(1).strip());
                if (year < 2000 || year > 2100) {
                    problems.add(where + ", measurement_year: " + year + " is not between 2000 and 2100");
                }
            } catch (NumberFormatException e) {
                problems.add(where + ", measurement_year: '" + v.get(1) + "' is not a year");
            }
            var minimum = percent(v.get(2), where + ", minimum_rate", problems);
            var high = percent(v.get(3), where + ", high_rate", problems);
            var better = v.get(4).strip();
            var defined = MeasureCatalog.SUPPORTED.contains(measure)
                    ? (MeasureCatalog.higherIsBetter(measure) ? "higher" : "lower")
                    : null;
            if (better.isEmpty() && defined != null) {
                better = defined;
            } else if (!better.equals("higher") && !better.equals("lower")) {
                problems.add(where + ", better: '" + better + "' is neither higher nor lower");
            } else if (defined != null && !better.equals(defined)) {
                problems.add(where + ", better: " + measure + " is "
                        + (defined.equals("lower") ? "an inverse" : "not an inverse")
                        + " measure in the measure definitions: " + defined + " is better, not " + better);
            }
            var source = v.get(5).strip();
            if (source.isEmpty()) problems.add(where + ", source: say where the levels come from");
            if (problems.size() > before) continue;
            boolean higher = better.equals("higher");
            if (higher ? high.compareTo(minimum) < 0 : high.compareTo(minimum) > 0) {
                problems.add(where + ": the high level " + high + " does not lie beyond the minimum " + minimum
                        + " for a measure where " + better + " is better");
                continue;
            }
            if (!seen.add(measure + "/" + year)) {
                problems.add(where + ": " + measure + " " + year + " is already given on an earlier line");
                continue;
            }
            levels.add(new Level(measure, year, minimum, high, higher, source));
        }
        if (!problems.isEmpty()) throw new BadLevels(problems);
        return levels;
    }

    private static BigDecimal percent(String text, String where, List<String> problems) {
        try {
            var value = new BigDecimal(text.strip());
            if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0 || value.scale() > 2) {
                problems.add(
                        where + ": " + text.strip() + " is not a percentage from 0 to 100 with at most two decimals");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(where + ": '" + text + "' is not a number");
            return null;
        }
    }
}
