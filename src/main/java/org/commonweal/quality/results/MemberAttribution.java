package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.network.NetworkDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the plan is accountable for a member's results, as it was at the end of the measurement period: the product
 * line and PCP of the member's enrollment span (coverage's facade; the span covering the period's last day, the one
 * eligibility answers with, else the latest span overlapping the period), and the PCP's clinic and medical group as
 * the provider directory lists them (network's facade). A member with no assigned PCP the directory lists is
 * attributed by claims ({@link ClaimPlurality}); one with neither keeps the span's unlisted PCP, if any, or none
 * ("unknown"). Each attribution records which way it was made ({@link Method}).
 *
 * <p>Set-wise, once per member and period: a measure run ({@link OwnEngineRuns}) attributes each batch of members
 * once for all its measures and writes the attribution in the result rows themselves; {@link ResultAttribution} does
 * the same for runs written without it (the CQL path). Per batch: at most one coverage read (none when the caller
 * already has the spans from the stream), one directory look-up for the NPIs not seen yet in the period (the
 * answers are kept for the following batches), and for the members with no listed assigned PCP their qualifying
 * visits: from the claims a run has already read for the batch ({@link ClaimPlurality#visits(Map, LocalDate,
 * LocalDate)}), or else one claims query.
 */
@Component
class MemberAttribution {

    static final String PURPOSE = "quality: attribute measure results to product line and PCP";

    /** How a result was attributed; stored as {@link #code}. */
    enum Method {
        ASSIGNED_PCP("assigned-pcp"),
        CLAIMS_PLURALITY("claims-plurality");

        final String code;

        Method(String code) {
            this.code = code;
        }
    }

    /** One member's attribution; {@code method} null when there is no PCP. */
    record Attribution(
            String productLine, String pcpNpi, String pcpName, String clinic, String medicalGroup, Method method) {

        /** The stored code of {@link #method}, or null. */
        String methodCode() {
            return method == null ? null : method.code;
        }
    }

    private final JdbcClient jdbc;
    private final Coverage coverage;
    private final NetworkDirectory directory;
    private final ClaimPlurality plurality;

    MemberAttribution(JdbcClient jdbc, Coverage coverage, NetworkDirectory directory, ClaimPlurality plurality) {
        this.jdbc = jdbc;
        this.coverage = coverage;
        this.directory = directory;
        this.plurality = plurality;
    }

    /** A period's attributions, batch by batch, the directory's answers kept from one batch to the next. */
    Period period(LocalDate from, LocalDate to) {
        return new Period(from, to);
    }

    /** Marks runs whose results were attributed as they were written, so {@link ResultAttribution} leaves them. */
    void attributed(Collection<Long> runIds) {
        jdbc.sql("update quality.measure_run set attributed = true where id = any(?)")
                .param(runIds.toArray(Long[]::new))
                .update();
    }

    /**
     * What a period's attributions cost: members attributed, the queries made for them (claims queries: only for
     * members whose claims were not at hand), the time taken in all and of it in attribution by claims.
     */
    record Tally(
            long members,
            int batches,
            int coverageReads,
            int directoryLookUps,
            int claimsQueries,
            long millis,
            long claimsMillis) {}

    final class Period {
        private final LocalDate from;
        private final LocalDate to;
        private final Map<String, Optional<NetworkDirectory.ListedPractitioner>> listed = new HashMap<>();
        private long members, nanos, claimsNanos;
        private int batches, coverageReads, directoryLookUps, claimsQueries;

        private Period(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        /**
         * The attribution of members whose spans are not at hand: their spans read in one coverage read (audited
         * once, as a read of the member when there is one), the span chosen as {@link #spanFor} says. Members with
         * nothing to attribute are absent.
         */
        Map<String, Attribution> attribute(Collection<String> memberIds) {
            if (memberIds.isEmpty()) return Map.of();
            return attribute(memberIds, chosenSpans(memberIds));
        }

        /**
         * As {@link #attribute(Collection)}, with each member's qualifying visits in the period taken from the claims
         * the caller already holds (a recompute: {@link ClaimPlurality#visits(Map, LocalDate, LocalDate)}): no claims
         * query.
         */
        Map<String, Attribution> attributeWithVisits(
                Collection<String> memberIds, Map<String, List<ClaimPlurality.Visits>> visits) {
            if (memberIds.isEmpty()) return Map.of();
            return attribute(memberIds, chosenSpans(memberIds), visits);
        }

        /** Each member's span at the period's end, read in one coverage read (audited as {@link #attribute} says). */
        private Map<String, EnrollmentSpan> chosenSpans(Collection<String> memberIds) {
            long t0 = System.nanoTime();
            coverageReads++;
            // one member (a recompute): audited as a read of that member; many: one bulk read
            var spans = memberIds.size() == 1
                    ? Map.of(
                            memberIds.iterator().next(),
                            coverage.spans(memberIds.iterator().next(), PURPOSE))
                    : coverage.spans(memberIds, PURPOSE);
            var chosen = new HashMap<String, EnrollmentSpan>();
            for (var id : memberIds) {
                spanFor(spans.getOrDefault(id, List.of()), from, to).ifPresent(s -> chosen.put(id, s));
            }
            nanos += System.nanoTime() - t0;
            return chosen;
        }

        /**
         * The attribution of {@code memberIds}, each with their span at the period's end from {@code spans} (absent:
         * no span), members with no listed assigned PCP attributed by their claims read from the database. Members
         * with nothing to attribute (no span, no claims attribution) are absent from the answer.
         */
        Map<String, Attribution> attribute(Collection<String> memberIds, Map<String, EnrollmentSpan> spans) {
            return attribute(memberIds, spans, byClaims -> {
                claimsQueries++;
                return plurality.providers(byClaims, from, to, this::lookUp);
            });
        }

        /**
         * As {@link #attribute(Collection, Map)}, with each member's qualifying visits in the period taken from the
         * claims the caller already holds ({@link ClaimPlurality#visits(Map, LocalDate, LocalDate)}; absent: none):
         * no claims query.
         */
        Map<String, Attribution> attribute(
                Collection<String> memberIds,
                Map<String, EnrollmentSpan> spans,
                Map<String, List<ClaimPlurality.Visits>> visits) {
            return attribute(memberIds, spans, byClaims -> {
                var theirs = new ArrayList<ClaimPlurality.Visits>();
                for (var id : byClaims) theirs.addAll(visits.getOrDefault(id, List.of()));
                return ClaimPlurality.providers(theirs, this::lookUp);
            });
        }

        private Map<String, Attribution> attribute(
                Collection<String> memberIds,
                Map<String, EnrollmentSpan> spans,
                Function<List<String>, Map<String, NetworkDirectory.ListedPractitioner>> byClaimsProviders) {
            long t0 = System.nanoTime();
            batches++;
            members += memberIds.size();
            lookUp(memberIds.stream()
                    .map(spans::get)
                    .filter(s -> s != null)
                    .map(s -> blankToNull(s.pcpNpi()))
                    .toList());
            var byClaims = new ArrayList<String>();
            for (var id : memberIds) {
                if (assignedListed(spans.get(id)).isEmpty()) byClaims.add(id);
            }
            Map<String, NetworkDirectory.ListedPractitioner> claimed = Map.of();
            if (!byClaims.isEmpty()) {
                long c0 = System.nanoTime();
                claimed = byClaimsProviders.apply(byClaims);
                claimsNanos += System.nanoTime() - c0;
            }
            var out = new HashMap<String, Attribution>();
            for (var id : memberIds) {
                var a = of(spans.get(id), claimed.get(id));
                if (a != null) out.put(id, a);
            }
            nanos += System.nanoTime() - t0;
            return out;
        }

        Tally tally() {
            return new Tally(
                    members,
                    batches,
                    coverageReads,
                    directoryLookUps,
                    claimsQueries,
                    nanos / 1_000_000,
                    claimsNanos / 1_000_000);
        }

        /** The directory's answers for these NPIs, asking it only about the ones not seen yet in the period. */
        private Map<String, NetworkDirectory.ListedPractitioner> lookUp(Collection<String> npis) {
            var missing = npis.stream()
                    .filter(n -> n != null && !listed.containsKey(n))
                    .distinct()
                    .toList();
            if (!missing.isEmpty()) {
                directoryLookUps++;
                var found = directory.listedPractitionersByNpi(missing);
                for (var npi : missing) listed.put(npi, Optional.ofNullable(found.get(npi)));
            }
            var out = new HashMap<String, NetworkDirectory.ListedPractitioner>();
            for (var npi : npis) {
                if (npi != null) listed.get(npi).ifPresent(p -> out.put(npi, p));
            }
            return out;
        }

        private Optional<NetworkDirectory.ListedPractitioner> assignedListed(EnrollmentSpan span) {
            var npi = span == null ? null : blankToNull(span.pcpNpi());
            return npi == null ? Optional.empty() : listed.getOrDefault(npi, Optional.empty());
        }

        /** Null when there is nothing to write (no span and no claims attribution). */
        private Attribution of(EnrollmentSpan span, NetworkDirectory.ListedPractitioner byClaims) {
            var productLine = span == null ? null : span.productLine();
            var assigned = assignedListed(span);
            if (assigned.isEmpty() && byClaims != null) {
                var contact = byClaims.contact();
                return new Attribution(
                        productLine,
                        byClaims.npi(),
                        blankToNull(contact.name()),
                        blankToNull(contact.locationName()),
                        blankToNull(contact.medicalGroup()),
                        Method.CLAIMS_PLURALITY);
            }
            if (span == null) return null;
            // the assigned PCP, listed (with clinic and group) or not (NPI and name only)
            var npi = blankToNull(span.pcpNpi());
            var contact = assigned.map(NetworkDirectory.ListedPractitioner::contact);
            return new Attribution(
                    productLine,
                    npi,
                    blankToNull(span.pcpName()),
                    contact.map(c -> blankToNull(c.locationName())).orElse(null),
                    contact.map(c -> blankToNull(c.medicalGroup())).orElse(null),
                    npi == null ? null : Method.ASSIGNED_PCP);
        }
    }

    /**
     * The span a member is attributed by, from their spans newest first (as coverage gives them): the one covering the
     * period's last day that eligibility answers with (the first such in that order), else the latest not suspended
     * that overlaps the period.
     */
    static Optional<EnrollmentSpan> spanFor(List<EnrollmentSpan> newestFirst, LocalDate from, LocalDate to) {
        for (var s : newestFirst) {
            if (s.covers(to)) return Optional.of(s);
        }
        return newestFirst.stream()
                .filter(s ->
                        !s.begin().isAfter(to) && (s.end() == null || !s.end().isBefore(from)))
                .filter(s -> !"suspended".equals(s.status()))
                .findFirst();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
