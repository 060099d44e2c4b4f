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
    private final org.springframework.context.MessageSource messages;

    JdbcUserAccounts(
            JdbcClient jdbc,
            PasswordEncoder passwords,
            ApplicationEventPublisher events,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
    }

    /**
     * Every problem of a new login by form field, as a message code of the identity bundle whose {0} is the field's
     * name in words (#18); empty when it can be created.
     */
    @Override
    public java.util.Map<String, String> problems(NewUserAccount account) {
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        String username = account.username() == null ? "" : account.username().trim();
        if (!username.matches("[A-Za-z0-9._@-]{3,64}")) {
            problems.put("username", "users.new.username");
        } else if (findByUsername(username).isPresent()) {
            problems.put("username", "users.new.taken");
        }
        if (account.displayName() == null || account.displayName().isBlank()) {
            problems.put("displayName", "NotBlank");
        } else if (account.displayName().length() > 120) {
            // #18: a 10,000-character display name widened every page that shows it
            problems.put("displayName", "users.new.displayName");
        }
        // issue #17: NIST SP 800-63B, checked against the bundled list of common passwords (PasswordPolicy)
        PasswordPolicy.check(account.password(), username)
                .ifPresent(refusal -> problems.put("password", "users.new.password." + refusal.name()));
        if (account.roles() == null || account.roles().isEmpty()) {
            problems.put("roles", "users.new.roles");
        }
        return problems;
    }

    @Override
    @Transactional
    public UserAccount create(NewUserAccount account) {
        var problems = problems(account);
        if (!problems.isEmpty()) {
            // for callers without a form (the create-admin command): the same words, in English
            throw new IllegalArgumentException(String.join(
                    "; ",
                    problems.entrySet().stream()
                            .map(p -> messages.getMessage(
                                    p.getValue(),
                                    new Object[] {
                                        messages.getMessage(
                                                "users.new.field." + p.getKey(),
                                                null,
                                                p.getKey(),
                                                java.util.Locale.ENGLISH)
                                    },
                                    p.getValue(),
                                    java.util.Locale.ENGLISH))
                            .toList()));
        }
        return insert(account.username().trim(), account, false);
    }

    /** Demo logins have short documented passwords; only the demo seeder calls this. */
    @Transactional
    UserAccount createDemo(NewUserAccount account) {
        return insert(account.username(), account, true);
    }

    private UserAccount insert(String username, NewUserAccount account, boolean demo) {
        String display = account.displayName() == null || account.displayName().isBlank()
                ? username
                : account.displayName().trim();
        String[] roles = account.roles().stream().map(Role::name).sorted().toArray(String[]::new);
        try {
            long id = jdbc.sql("""
                    insert into identity.user_account
                        (username, display_name, password_hash, roles, member_id, organization_ref, demo)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            username,
                            display,
                            passwords.encode(account.password()),
                            roles,
                            account.memberId(),
                            account.organizationRef(),
                            demo)
                    .query(Long.class)
                    .single();
            var auth = SecurityContextHolder.getContext().getAuthentication();
            events.publishEvent(new UserAccountCreated(
                    username, EnumSet.copyOf(account.roles()), auth == null ? "system" : auth.getName()));
            return new UserAccount(
                    id,
                    username,
                    display,
                    EnumSet.copyOf(account.roles()),
                    account.memberId(),
                    account.organizationRef());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("username " + username + " is already taken");
        }
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account where lower(username) = lower(?)")
                .param(username)
                .query(JdbcUserAccounts::account)
                .optional();
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
                        + "order by lower(username)")
                .param(role.name())
                .query(JdbcUserAccounts::account)
                .list();
    }

    @Override
    public Optional<StaffEmail> email(String username) {
        return jdbc.sql("""
                select email, language from identity.user_account
                where lower(username) = lower(?) and enabled and email is not null""")
                .param(username)
                .query((rs, n) -> new StaffEmail(
                        rs.getString(1),
                        rs.getString(2) == null ? null : java.util.Locale.forLanguageTag(rs.getString(2))))
                .optional();
    }

    List<UserAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from identity.user_account order by lower(username)")
                .query(JdbcUserAccounts::account)
                .list();
    }

    /** True for the demo logins (one per role, created in demo mode only). */
    boolean isDemo(String username) {
        return jdbc.sql("select count(*) from identity.user_account where lower(username) = lower(?) and demo")
                        .param(username)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from identity.user_account where lower(username) = lower(?)")
                        .param(username)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                select username, password_hash, roles, enabled, locked_until
                from identity.user_account where lower(username) = lower(?)""")
                .param(username)
                .query((rs, n) -> {
                    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
                    boolean locked =
                            lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now());
                    return User.withUsername(rs.getString("username"))
                            .password(rs.getString("password_hash"))
                            .roles(roles(rs.getArray("roles")).stream()
                                    .map(Role::name)
                                    .toArray(String[]::new))
                            .disabled(!rs.getBoolean("enabled"))
                            .accountLocked(locked)
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such login"));
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                roles(rs.getArray("roles")),
                rs.getString("member_id"),
                rs.getString("organization_ref"));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        String[] names = (String[]) array.getArray();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
