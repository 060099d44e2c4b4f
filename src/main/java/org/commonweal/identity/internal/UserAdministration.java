package org.commonweal.identity.internal;

import java.security.SecureRandom;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccountChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an administrator does to an existing login (#18): change its roles, disable or enable it, unlock it, force a
 * password reset. Every change is an event the audit trail records; disabling or resetting also ends the login's
 * open sessions, so it takes effect at once.
 */
@Service
class UserAdministration {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    UserAdministration(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
    }

    @Transactional
    void setRoles(String username, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("users.error.noRole");
        }
        if (isSelf(username) && !roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("users.error.ownAdmin");
        }
        update(username, "update identity.user_account set roles = ?::text[] where lower(username) = lower(?)", (Object)
                roles.stream().map(Role::name).sorted().toArray(String[]::new));
        changed(username, "roles " + roles);
    }

    @Transactional
    void setEnabled(String username, boolean enabled) {
        if (!enabled && isSelf(username)) {
            throw new IllegalArgumentException("users.error.ownDisable");
        }
        update(username, "update identity.user_account set enabled = ? where lower(username) = lower(?)", enabled);
        if (!enabled) {
            endSessions(username);
        }
        changed(username, enabled ? "enabled" : "disabled");
    }

    @Transactional
    void unlock(String username) {
        update(
                username,
                "update identity.user_account set failed_attempts = 0, locked_until = null where lower(username) = lower(?)");
        // and the sign-in throttle of every address (#17's LoginAttempts), so the login can sign in again at once
        jdbc.sql("delete from identity.login_throttle where lower(login) = lower(?)")
                .param(username)
                .update();
        changed(username, "unlocked");
    }

    /**
     * Sets or clears (blank) the login's e-mail address and language (#22), for the notifications staff receive.
     * The address is checked here as well as by the forms; the change is audited without the address itself.
     */
    @Transactional
    void setEmail(String username, String email, String language) {
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null && !isEmail(address)) {
            throw new IllegalArgumentException("users.error.email");
        }
        String lang = language == null || language.isBlank() ? null : language.strip();
        if (lang != null && !LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("users.error.language");
        }
        update(
                username,
                "update identity.user_account set email = ?, language = ? where lower(username) = lower(?)",
                address,
                lang);
        changed(
                username,
                (address == null ? "e-mail removed" : "e-mail set") + ", language " + (lang == null ? "none" : lang));
    }

    static final java.util.List<String> LANGUAGES = java.util.List.of("en", "es");

    static boolean isEmail(String value) {
        var errors = new org.springframework.validation.MapBindingResult(new java.util.HashMap<>(), "email");
        return org.commonweal.shell.FieldChecks.email(errors, "email", value) && !errors.hasErrors();
    }

    /** A one-time password, shown once to the administrator; the login must choose a new one at next sign-in. */
    @Transactional
    String forcePasswordReset(String username) {
        StringBuilder oneTime = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            oneTime.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        update(username, """
                update identity.user_account set password_hash = ?, password_change_required = true,
                    failed_attempts = 0, locked_until = null where lower(username) = lower(?)""", passwords.encode(oneTime));
        endSessions(username);
        changed(username, "password reset forced");
        return oneTime.toString();
    }

    /** How a login stands, for the users page. */
    record State(boolean enabled, boolean locked, boolean passwordChangeRequired, String email, String language) {}

    java.util.Map<String, State> states() {
        var states = new java.util.HashMap<String, State>();
        jdbc.sql(STATE + " from identity.user_account")
                .query((rs, n) -> states.put(rs.getString(1), state(rs)))
                .list();
        return states;
    }

    /** One login's state (its own account page). */
    java.util.Optional<State> state(String username) {
        return jdbc.sql(STATE + " from identity.user_account where lower(username) = lower(?)")
                .param(username)
                .query((rs, n) -> state(rs))
                .optional();
    }

    private static final String STATE = """
            select username, enabled, coalesce(locked_until > now(), false), password_change_required, email,
                language""";

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new State(rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5), rs.getString(6));
    }

    boolean passwordChangeRequired(String username) {
        return jdbc.sql("select password_change_required from identity.user_account where lower(username) = lower(?)")
                .param(username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    @Transactional
    void changeOwnPassword(String username, String password) {
        update(username, """
                update identity.user_account set password_hash = ?, password_change_required = false
                where lower(username) = lower(?)""", passwords.encode(password));
        events.publishEvent(new UserAccountChanged(username, "password changed", username));
    }

    private void update(String username, String sql, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        System.arraycopy(values, 0, parameters, 0, values.length);
        parameters[values.length] = username;
        if (jdbc.sql(sql).params(parameters).update() != 1) {
            throw new IllegalArgumentException("users.error.unknown");
        }
    }

    private void endSessions(String username) {
        jdbc.sql("delete from public.spring_session where lower(principal_name) = lower(?)")
                .param(username)
                .update();
    }

    private void changed(String username, String change) {
        events.publishEvent(new UserAccountChanged(username, change, actor()));
    }

    private static boolean isSelf(String username) {
        return username.equalsIgnoreCase(actor());
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
