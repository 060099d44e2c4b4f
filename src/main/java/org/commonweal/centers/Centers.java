package org.commonweal.centers;

import java.util.List;
import java.util.Optional;

/** The centers' public facade: what other modules and the web layer use to read the schedule and register people. */
public interface Centers {

    List<Center> centers();

    Optional<Center> center(String code);

    Optional<ClassSession> session(long sessionId);

    /**
     * The next session of a program category ({@code screening}, {@code exercise} …) at any center in the coming
     * three months that is not cancelled and has a seat left, soonest first; in {@code language} when one is, else
     * in any language.
     */
    Optional<ClassSession> nextSession(String category, String language, java.time.LocalDate from);

    /**
     * A member's classes still to come (a seat, an offered seat or a waitlist place), soonest first; audited as a
     * read of the member's registrations.
     */
    List<MemberClass> upcomingFor(String memberId, int limit, String purpose);

    /** One of a member's coming sessions and where the member stands on it. */
    record MemberClass(ClassSession session, RegistrationStatus status, String confirmationCode) {}

    /**
     * Registers a person for a session: a seat while there is one, else the waitlist, in arrival order.
     *
     * @throws RegistrationException when the session is cancelled, over, or the person is already on it
     */
    Registration register(long sessionId, NewParticipant participant, RegistrationChannel channel, String actor);

    Optional<Registration> registration(String confirmationCode);

    /** Cancels; a seat freed this way is offered to the first person on the waitlist. */
    Registration cancel(String confirmationCode, String actor);

    /** The person accepts a seat offered from the waitlist before its deadline. */
    Registration acceptOffer(String confirmationCode, String actor);

    /** Marks a registered person as present. */
    Registration checkIn(String confirmationCode, String actor);

    /** Offers past their deadline are cancelled and passed to the next person waiting; returns how many passed on. */
    int expireOffers();
}
