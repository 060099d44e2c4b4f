package org.commonweal.identity.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator of a production installation. The password comes from
 * {@code COMMONWEAL_ADMIN_PASSWORD} or standard input, never from the command line where it would land in history.
 */
@Component
@CommandSpec(
        name = "create-admin",
        usage = "create-admin --username NAME [--display-name TEXT]",
        summary = "create an administrator; password from COMMONWEAL_ADMIN_PASSWORD or standard input",
        options = {"username", "display-name"})
class CreateAdminCommand implements OperationalCommand {

    private final UserAccounts accounts;

    CreateAdminCommand(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        String username = args.required("username");
        String password = System.getenv("COMMONWEAL_ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.out.println("Password for " + username + " (at least " + UserAccounts.MIN_PASSWORD_LENGTH
                    + " characters), then Enter:");
            var console = System.console();
            password = console != null
                    ? new String(console.readPassword())
                    : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null) {
            throw new UsageException("no password given");
        }
        try {
            var account = accounts.create(new UserAccounts.NewUserAccount(
                    username, args.option("display-name", username), password.strip(), EnumSet.of(Role.ADMIN)));
            System.out.println("Created administrator " + account.username());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("create-admin: " + e.getMessage());
            return 1;
        }
    }
}
