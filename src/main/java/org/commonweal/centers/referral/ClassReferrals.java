package org.commonweal.centers.referral;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationChanged;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.engagement.ClassReferralMade;
import org.commonweal.engagement.ReferralOutcomeReported;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The centers' half of the referral loop: a Health Promoter's referral to a class becomes a registration (a seat, or
 * the waitlist when the session is full — both answered {@code ACCEPTED}), and the outcome goes back to the
 * engagement module; attendance later answers {@code COMPLETED}. A class that cannot be found or booked is answered
 * {@code UNABLE_TO_PLACE} with the reason.
 */
@Component
class ClassReferrals {

    static final String ACTOR = "system:referral-loop";

    private final Centers centers;
    private final ReferenceResolver resolver;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate attempt;

    private final ZoneId zone;

    ClassReferrals(
            Centers centers,
            ReferenceResolver resolver,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.centers = centers;
        this.resolver = resolver;
        this.jdbc = jdbc;
        this.events = events;
        this.attempt = new TransactionTemplate(transactions);
        this.attempt.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs after the referral's transaction committed, in its own transaction; the event publication registry
     * redelivers it when this fails. A redelivered referral finds the registration it already made.
     */
    @ApplicationModuleListener
    void on(ClassReferralMade referral) {
        LocalDate on = LocalDate.now(zone);
        if (referral.referredOn() != null && on.isBefore(referral.referredOn())) {
            on = referral.referredOn();
        }
        String outcome;
        String reference;
        try {
            Registration r = linked(referral.referralId()).orElseGet(() -> place(referral));
            outcome = "ACCEPTED";
            reference = r.confirmationCode();
        } catch (RegistrationException e) {
            outcome = "UNABLE_TO_PLACE";
            reference = e.getMessage();
        }
        events.publishEvent(new ReferralOutcomeReported(referral.referralId(), outcome, on, reference));
    }

    /** The registration, in a transaction of its own: a broken rule rolls back only the attempt, not the answer. */
    private Registration place(ClassReferralMade referral) {
        long sessionId = resolver.nextSession(referral.classReference());
        NewParticipant person = person(referral);
        return attempt.execute(tx -> {
            Optional<Registration> held = heldByMember(sessionId, person.memberId());
            Registration r =
                    held.orElseGet(() -> centers.register(sessionId, person, RegistrationChannel.ENGAGEMENT, ACTOR));
            jdbc.sql("update centers.registration set referral_id = ? where id = ? and referral_id is null")
                    .params(referral.referralId(), r.id())
                    .update();
            return r;
        });
    }

    /** A member already on this session (for example referred twice) keeps the place they have. */
    private Optional<Registration> heldByMember(long sessionId, String memberId) {
        if (memberId == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select g.confirmation_code from centers.registration g
                join centers.participant p on p.id = g.participant_id
                where g.session_id = ? and p.member_id = ? and p.kind = 'lacare'
                  and g.status in ('registered', 'waitlisted', 'offered', 'attended')""")
                .params(sessionId, memberId)
                .query(String.class)
                .optional()
                .flatMap(centers::registration);
    }

    private Optional<Registration> linked(long referralId) {
        return jdbc.sql("select confirmation_code from centers.registration where referral_id = ?")
                .param(referralId)
                .query(String.class)
                .optional()
                .flatMap(centers::registration);
    }

    static NewParticipant person(ClassReferralMade referral) {
        String name = referral.personName() == null ? "" : referral.personName().strip();
        int cut = name.lastIndexOf(' ');
        if (cut < 1) {
            throw new RegistrationException(
                    "personName", "a first and a last name are needed to register ('" + name + "')");
        }
        ParticipantKind kind = referral.memberId() == null ? ParticipantKind.COMMUNITY : ParticipantKind.PLAN_MEMBER;
        return new NewParticipant(
                kind,
                referral.memberId(),
                name.substring(0, cut),
                name.substring(cut + 1),
                referral.phone(),
                null,
                null,
                referral.language(),
                referral.phone() != null,
                null);
    }

    /** A referred person who came to the class closes the loop: the referral is completed. */
    @EventListener
    void on(RegistrationChanged changed) {
        if (changed.to() != RegistrationStatus.ATTENDED) {
            return;
        }
        jdbc.sql(
                        "select referral_id, confirmation_code from centers.registration where id = ? and referral_id is not null")
                .param(changed.registrationId())
                .query((rs, n) ->
                        new ReferralOutcomeReported(rs.getLong(1), "COMPLETED", LocalDate.now(zone), rs.getString(2)))
                .optional()
                .ifPresent(events::publishEvent);
    }
}
