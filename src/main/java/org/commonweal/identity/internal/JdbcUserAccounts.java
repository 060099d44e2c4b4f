package org.commonweal.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccountCreated;
import org.commonweal.identity.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcUserAccounts implements UserAccounts, UserDetailsService {

    private static final String COLUMNS = "id, username, display_name, roles, member_id, organization_ref";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;

    JdbcUserAccounts(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
    }

    private static final java.util.Map<PasswordPolicy.Refusal, String> PASSWORD_REFUSALS = java.util.Map.of(
            PasswordPolicy.Refusal.TOO_SHORT, "password must be at least " + MIN_PASSWORD_LENGTH + " characters",
            PasswordPolicy.Refusal.TOO_LONG, "password must be at most " + PasswordPolicy.MAX_LENGTH + " characters",
            PasswordPolicy.Refusal.COMMON, "this password is on the list of the most common leaked passwords; choose another",
            PasswordPolicy.Refusal.GUESSABLE, "this password is easy to guess (a word, name, pattern or repetition); "
                    + "a few unrelated words make a strong one",
            PasswordPolicy.Refusal.CONTAINS_LOGIN, "the password must not contain the login name or the name of this service");

    @Override
    @Transactional
    public UserAccount create(NewUserAccount account) {
        String username = account.username() == null ? "" : account.username().trim();
        if (!username.matches("[A-Za-z0-9._@-]{3,64}")) {
            throw new IllegalArgumentException(
                    "username must be 3 to 64 letters, digits, dots, dashes, underscores or @");
        }
        if (account.displayName() == null || account.displayName().isBlank() || account.displayName().length() > 120) {
            // #18: a 10,000-character display name widened every page that shows it
            throw new IllegalArgumentException("a login needs a name of at most 120 characters");
        }
        if (account.roles() == null || account.roles().isEmpty()) {
            throw new IllegalArgumentException("a login needs at least one role");
        }
        // issue #17: NIST SP 800-63B, checked against the bundled list of common passwords (PasswordPolicy)
        var refusal = PasswordPolicy.check(account.password(), username);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(PASSWORD_REFUSALS.get(refusal.get()));
        }
        return insert(username, account, false);
    }

    /** Demo logins have short documented passwords; only the demo seeder calls this. */
    @Transactional
    UserAccount createDemo(NewUserAccount account) {
        return insert(account.username(), account, true);
    }

    private UserAccount insert(String username, NewUserAccount account, boolean demo) {
        String display = account.displayName() == null || account.displayName().isBlank()
                ? username : account.displayName().trim();
        String[] roles = account.roles().stream().map(Role::name).sorted().toArray(String[]::new);
        try {
            long id = jdbc.sql("""
                    insert into identity.user_account
                        (username, display_name, password_hash, roles, member_id, organization_ref, demo)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(username, display, passwords.encode(account.password()), roles, account.memberId(),
                            account.organizationRef(), demo)
                    .query(Long.class).single();
            var auth = SecurityContextHolder.getContext().getAuthentication();
            events.publishEvent(new UserAccountCreated(username, EnumSet.copyOf(account.roles()),
                    auth == null ? "system" : auth.getName()));
            return new UserAccount(id, username, display, EnumSet.copyOf(account.roles()), account.memberId(),
                    account.organizationRef());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("username " + username + " is already taken");
        }
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where lower(username) = lower(?)")
                .param(username).query(JdbcUserAccounts::account).optional();
    }

    @Override
    public Optional<UserAccount> current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getPrincipal() instanceof String) {
            return Optional.empty();
        }
        return findByUsername(auth.getName());
    }

    @Override
    public List<UserAccount> withRole(Role role) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where enabled and ? = any(roles) "
                + "order by lower(username)").param(role.name()).query(JdbcUserAccounts::account).list();
    }

    List<UserAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account order by lower(username)")
                .query(JdbcUserAccounts::account).list();
    }

    /** True for the demo logins (one per role, created in demo mode only). */
    boolean isDemo(String username) {
        return jdbc.sql("select count(*) from identity.user_account where lower(username) = lower(?) and demo")
                .param(username).query(Integer.class).single() > 0;
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.user_account where lower(username) = lower(?)")
                .param(username).query(Integer.class).single() > 0;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                select username, password_hash, roles, enabled, locked_until
                from identity.user_account where lower(username) = lower(?)""")
                .param(username)
                .query((rs, n) -> {
                    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now());
                    return User.withUsername(rs.getString("username"))
                            .password(rs.getString("password_hash"))
                            .roles(roles(rs.getArray("roles")).stream().map(Role::name).toArray(String[]::new))
                            .disabled(!rs.getBoolean("enabled"))
                            .accountLocked(locked)
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such login"));
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                roles(rs.getArray("roles")), rs.getString("member_id"), rs.getString("organization_ref"));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        String[] names = (String[]) array.getArray();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
