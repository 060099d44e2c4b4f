package org.commonweal.audit.internal;

import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.identity.ApiClientChanged;
import org.commonweal.identity.MemberAppAuthorizationChanged;
import org.commonweal.identity.PasskeyChanged;
import org.commonweal.identity.UserAccountChanged;
import org.commonweal.identity.UserAccountCreated;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;

/** Logins, failed logins, new accounts, passkeys and members' authorizations of apps go to the audit trail. */
@Component
class SecurityEventAudit {

    private final AuditTrail audit;

    SecurityEventAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * A sign-in, and an API client's authentication at the token endpoint, are logins. A bearer token presented with
     * an API request is not: it was issued at a login already audited, and every member-data read it makes has its
     * own audit row naming the client (issue #23: the extra row was a second commit on every API answer).
     */
    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof AbstractOAuth2TokenAuthenticationToken<?>) {
            return;
        }
        audit.recordAs(
                event.getAuthentication().getName(),
                new AuditEntry(
                        AuditAction.LOGIN,
                        "user-account",
                        event.getAuthentication().getName(),
                        null,
                        "login",
                        null));
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        audit.recordAs(
                event.getAuthentication().getName(),
                new AuditEntry(
                        AuditAction.LOGIN_FAILED,
                        "user-account",
                        event.getAuthentication().getName(),
                        null,
                        "login",
                        event.getException().getClass().getSimpleName()));
    }

    @EventListener
    void apiClientChanged(ApiClientChanged event) {
        var action = switch (event.change()) {
            case REGISTERED -> AuditAction.CREATE;
            case SECRET_ROTATED -> AuditAction.UPDATE;
            case DISABLED -> AuditAction.DELETE;
        };
        audit.recordAs(
                event.actor(),
                new AuditEntry(
                        action,
                        "api-client",
                        String.valueOf(event.clientId()),
                        null,
                        "API client administration",
                        event.change().name().toLowerCase().replace('_', ' ') + " " + event.clientName()));
    }

    @EventListener
    void accountChanged(UserAccountChanged event) {
        audit.recordAs(
                event.changedBy(),
                new AuditEntry(
                        AuditAction.UPDATE,
                        "user-account",
                        event.username(),
                        null,
                        "account administration",
                        event.change()));
    }

    @EventListener
    void accountCreated(UserAccountCreated event) {
        audit.recordAs(
                event.createdBy(),
                new AuditEntry(
                        AuditAction.CREATE,
                        "user-account",
                        event.username(),
                        null,
                        "account administration",
                        "roles " + event.roles()));
    }

    /** Issue #17: a passkey enrolled or removed (by its login, or by an administrator recovering the login). */
    @EventListener
    void passkeyChanged(PasskeyChanged event) {
        var action = event.change() == PasskeyChanged.Change.ENROLLED ? AuditAction.CREATE : AuditAction.DELETE;
        audit.recordAs(
                event.actor(),
                new AuditEntry(
                        action,
                        "passkey",
                        event.username(),
                        null,
                        event.actor().equalsIgnoreCase(event.username()) ? "own passkeys" : "account recovery",
                        event.change().name().toLowerCase() + " \"" + event.label() + "\""));
    }

    /**
     * Issue #17: a member's consent to a third-party app (SMART App Launch) or its revocation; the member's id is
     * recorded, so the member's access report shows which apps were allowed to read the record and until when.
     */
    @EventListener
    void memberAppAuthorizationChanged(MemberAppAuthorizationChanged event) {
        var action = event.change() == MemberAppAuthorizationChanged.Change.GRANTED
                ? AuditAction.CREATE
                : AuditAction.DELETE;
        audit.recordAs(
                event.actor(),
                new AuditEntry(
                        action,
                        "member-app-authorization",
                        event.clientId(),
                        event.memberId(),
                        "member app authorization",
                        event.change().name().toLowerCase() + " " + event.appName()
                                + (event.scopes().isEmpty() ? "" : " scopes " + event.scopes())));
    }
}
