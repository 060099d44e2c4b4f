package org.commonweal.coverage;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who is covered, in which product line, from when to when. Reads of a member are audited with the caller's
 * {@code purpose}.
 */
public interface Coverage {

    /** The member with this plan member id. */
    Optional<MemberSummary> findMember(String memberId, String purpose);

    /** The member with this Medi-Cal Client Index Number. */
    Optional<MemberSummary> findMemberByCin(String cin, String purpose);

    /**
     * Whether the member is covered on {@code date} (null: today in the plan's time zone), and by which span; empty
     * when the member is unknown. The same path as {@link #eligibility(List, String)} with one inquiry.
     */
    Optional<Eligibility> eligibility(String memberId, LocalDate date, String purpose);

    /**
     * The one eligibility path (REST, X12 270, FHIR and the member's home page): answers the inquiries with one query
     * and one audit row per member found, written together; the list matches {@code inquiries} position by position,
     * empty where the member is unknown. An inquiry without a date is answered for today in the plan's time zone
     * ({@link #today()}), the same "today" for every inquiry of the call.
     */
    List<Optional<Eligibility>> eligibility(List<EligibilityInquiry> inquiries, String purpose);

    /** Today in the plan's time zone: the date of an eligibility inquiry that names none. */
    LocalDate today();

    /**
     * The plan member ids of the members with exactly this last name, first name (accents and case ignored) and birth
     * date, at most {@code limit}: the name + birth date search option of an eligibility inquiry. Ids only, so not
     * audited; the eligibility answer that follows is.
     */
    List<String> memberIdsByNameAndBirthDate(String lastName, String firstName, LocalDate birthDate, int limit);

    /** The member's spans, newest first. */
    List<EnrollmentSpan> spans(String memberId, String purpose);

    /**
     * The spans of many members at once (one query; audited once as a bulk read), each member's newest first; members
     * without spans are absent. For measure runs' continuous-enrollment rule.
     */
    default java.util.Map<String, List<EnrollmentSpan>> spans(java.util.Collection<String> memberIds, String purpose) {
        var out = new java.util.HashMap<String, List<EnrollmentSpan>>();
        for (var id : memberIds) {
            var spans = spans(id, purpose);
            if (!spans.isEmpty()) out.put(id, spans);
        }
        return out;
    }

    /**
     * Streams every member covered on {@code date} with where they live, in member-id order, without holding them in
     * memory (for adequacy and analytics at 2.9 million members). Audited once as a bulk read.
     */
    void forEachActiveMember(LocalDate date, String purpose, Consumer<MemberResidence> consumer);

    /**
     * {@link #forEachActiveMember(LocalDate, String, Consumer)} with each member's span covering {@code date}: the
     * one {@link #eligibility(List, String)} answers with (its product line and PCP, for measure results'
     * attribution), in the same single query. Audited once as a bulk read.
     */
    void forEachActiveMemberSpan(
            LocalDate date, String purpose, java.util.function.BiConsumer<MemberResidence, EnrollmentSpan> consumer);

    /** Members covered on {@code date}. */
    long countActiveMembers(LocalDate date);

    List<ProductLine> productLines();
}
