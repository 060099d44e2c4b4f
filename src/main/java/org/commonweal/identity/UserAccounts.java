package org.commonweal.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates and finds logins. */
public interface UserAccounts {

    /**
     * Creates a login.
     *
     * @throws IllegalArgumentException when the username is taken or the password too weak
     */
    UserAccount create(NewUserAccount account);

    Optional<UserAccount> findByUsername(String username);

    /** The login of the current request, if any. */
    Optional<UserAccount> current();

    /**
     * Where a staff login takes e-mail (#22): its address and, when chosen, its language; empty when the login has
     * no address on file, is disabled or does not exist.
     */
    Optional<StaffEmail> email(String username);

    /** A login's e-mail address and language ({@code null} when none was chosen). */
    record StaffEmail(String address, java.util.Locale language) {}

    /** The enabled logins that have {@code role} (to pick from a list rather than type a name). */
    List<UserAccount> withRole(Role role);

    /** A new login. {@code memberId} links a MEMBER login to a member; {@code organizationRef} a GRANTEE login. */
    record NewUserAccount(
            String username,
            String displayName,
            String password,
            Set<Role> roles,
            String memberId,
            String organizationRef) {

        public NewUserAccount(String username, String displayName, String password, Set<Role> roles) {
            this(username, displayName, password, roles, null, null);
        }
    }

    /** Minimum password length for a login made outside demo mode. */
    int MIN_PASSWORD_LENGTH = 12;

    /**
     * Every problem of a new login by field ({@code username}, {@code displayName}, {@code password}, {@code roles}),
     * each a message code whose {0} is the field's name in words; empty when {@link #create} would accept it (#18).
     */
    java.util.Map<String, String> problems(NewUserAccount account);
}
