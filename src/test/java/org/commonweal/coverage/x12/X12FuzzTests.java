package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.coverage.ProductLine;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.TestPlans;

/**
 * Fuzzing (Jazzer) of the X12 readers that take a trading partner's bytes: the 834 parser, the ISA/GS/ST envelope
 * scanner and the 270 inquiry answerer. Each input must give a result or a typed, located error (an
 * {@link X12Exception} with a message, a {@link Reject} naming segment, loop and reason, a 999 refusal), never an
 * unchecked exception, a programming error disguised as a parse error, or more than a few seconds (Jazzer's time
 * limit per input). Seeds under {@code X12FuzzTestsInputs/}: the fixtures of the coverage tests; {@code ./mvnw
 * verify} replays them (regression mode); {@code bench/fuzz/run} fuzzes each harness for a given time.
 */
class X12FuzzTests {

    /** The plans of the test fixtures' HD04 (coverage.plan holds the real list). */
    static final Set<String> PLANS = Set.of("LA1", "MP1");

    @FuzzTest(maxDuration = "2m")
    void enrollment834(byte[] input) {
        List<Object> seen = new ArrayList<>();
        int loops;
        try {
            loops = new Enrollment834Parser(PLANS::contains)
                    .parse(new ByteArrayInputStream(input), new Enrollment834Parser.Handler() {
                        @Override
                        public void header(Enrollment834Parser.FileHeader header) {
                            assertThat(header.transactionSet()).isNotNull();
                        }

                        @Override
                        public void member(MemberTransaction transaction) {
                            assertThat(transaction.segmentNumber()).isPositive();
                            seen.add(transaction);
                        }

                        @Override
                        public void reject(Reject reject) {
                            assertThat(reject.segmentNumber())
                                    .as("a reject is located")
                                    .isPositive();
                            assertThat(reject.reason()).as("a reject says why").isNotBlank();
                            assertThat(reject.errorCode()).isNotBlank();
                            seen.add(reject);
                        }
                    });
        } catch (X12Exception e) {
            typed(e);
            return;
        }
        assertThat(loops).as("member loops seen = applied + rejected").isEqualTo(seen.size());
    }

    @FuzzTest(maxDuration = "2m")
    void envelope(byte[] input) throws Exception {
        try {
            Envelope envelope = new EnvelopeScanner("BE", Set.of(Enrollment834Parser.VERSION))
                    .scan(new ByteArrayInputStream(input));
            assertThat(envelope).isNotNull();
        } catch (X12Exception e) {
            typed(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void eligibility270(byte[] input) {
        Eligibility270.Answer answer = new Eligibility270(NO_MEMBERS, COUNTER, NO_PARTNERS, PLAN).answer(input);
        if (answer.body() == null) {
            // no ISA could be read, so there is nobody to address an acknowledgment to (#16): never a 271
            assertThat(answer.is271()).isFalse();
            return;
        }
        assertThat(answer.body()).startsWith("ISA");
        if (answer.is271()) {
            assertThat(answer.body()).contains("ST*271*");
        } else {
            assertThat(answer.body()).containsAnyOf("ST*999*", "TA1*");
        }
    }

    /** A parse error carries a message, and is not a programming error (NPE, index, cast, state) wrapped. */
    static void typed(X12Exception e) {
        assertThat(e.getMessage()).isNotBlank();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(t)
                    .as("cause of \"" + e.getMessage() + "\"")
                    .isNotInstanceOfAny(
                            NullPointerException.class,
                            IndexOutOfBoundsException.class,
                            ClassCastException.class,
                            IllegalStateException.class,
                            ArithmeticException.class,
                            NegativeArraySizeException.class);
        }
    }

    /** The harness's control numbers: a counter, as the database sequence would give them (1 to 999,999,999). */
    static final PlanIdentity PLAN = TestPlans.plan(
            "L.A. Care Health Plan",
            "L.A. CARE HEALTH PLAN",
            "LACARE",
            java.time.ZoneId.of("America/Los_Angeles"),
            java.util.Currency.getInstance("USD"),
            "Los Angeles",
            "06037",
            "19",
            "CA",
            "California");

    static final X12ControlNumbers COUNTER = new X12ControlNumbers(null) {
        private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long next() {
            return next.incrementAndGet() % 999_999_999 + 1;
        }
    };

    /** No registered trading partner: every sender may send a 270 and is answered in the extended character set. */
    static final TradingPartners NO_PARTNERS = new TradingPartners(null) {
        @Override
        public List<Partner> all() {
            return List.of();
        }
    };

    /** The 270 harness's membership: nobody is a member, so every inquiry is read and answered "not found". */
    static final Coverage NO_MEMBERS = new Coverage() {
        @Override
        public Optional<MemberSummary> findMember(String memberId, String purpose) {
            return Optional.empty();
        }

        @Override
        public Optional<MemberSummary> findMemberByCin(String cin, String purpose) {
            return Optional.empty();
        }

        @Override
        public Optional<Eligibility> eligibility(String memberId, LocalDate date, String purpose) {
            return Optional.empty();
        }

        @Override
        public List<Optional<Eligibility>> eligibility(List<EligibilityInquiry> inquiries, String purpose) {
            return inquiries.stream().map(i -> Optional.<Eligibility>empty()).toList();
        }

        @Override
        public LocalDate today() {
            return LocalDate.now(PLAN.timeZone());
        }

        @Override
        public List<EnrollmentSpan> spans(String memberId, String purpose) {
            return List.of();
        }

        @Override
        public void forEachActiveMember(LocalDate date, String purpose, Consumer<MemberResidence> consumer) {}

        @Override
        public void forEachActiveMemberSpan(
                LocalDate date, String purpose, java.util.function.BiConsumer<MemberResidence, EnrollmentSpan> c) {}

        @Override
        public long countActiveMembers(LocalDate date) {
            return 0;
        }

        @Override
        public List<ProductLine> productLines() {
            return List.of();
        }

        @Override
        public List<String> memberIdsByNameAndBirthDate(
                String lastName, String firstName, LocalDate birthDate, int limit) {
            return List.of();
        }
    };
}
