package org.commonweal.identity.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiClients.Registration;
import org.commonweal.identity.ApiScope;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Registers an API client for automation and first set-up in production; prints the client id and, for a
 * secret-holding client, the secret, once. {@code --scopes} takes one or more scopes (separated by spaces or commas).
 */
@Component
@CommandSpec(
        name = "create-api-client",
        usage = "create-api-client --name NAME --scopes SCOPE... [--jwks-url URL] [--purpose TEXT]",
        summary = "register an OAuth API client; prints its client id and secret once",
        options = {"name", "scopes", "jwks-url", "purpose"})
class CreateApiClientCommand implements OperationalCommand {

    private final ApiClients clients;
    private final MessageSource messages;

    CreateApiClientCommand(ApiClients clients, MessageSource messages) {
        this.clients = clients;
        this.messages = messages;
    }

    @Override
    public int run(CommandArgs args) {
        String name = args.required("name");
        List<String> words = new ArrayList<>();
        words.add(args.required("scopes"));
        words.addAll(args.positional()); // "--scopes a b c": the values after the first
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String word : words) {
            for (String value : word.split("[,\\s]+")) {
                if (!value.isEmpty()) {
                    scopes.add(ApiScope.of(value)
                            .orElseThrow(() -> new UsageException("unknown scope '" + value
                                    + "'; known: "
                                    + String.join(
                                            " ",
                                            EnumSet.allOf(ApiScope.class).stream()
                                                    .map(ApiScope::value)
                                                    .toList()))));
                }
            }
        }
        try {
            var issued = clients.register(new Registration(
                    name,
                    args.option("purpose", "registered by command"),
                    scopes,
                    args.option("jwks-url").orElse(null),
                    null));
            System.out.println("client_id: " + issued.clientId());
            if (issued.secret() != null) {
                System.out.println("client_secret: " + issued.secret());
                System.out.println("(shown once: it is stored only as a hash)");
            }
            return 0;
        } catch (InvalidClientException e) {
            System.err.println("create-api-client: " + messages.getMessage(e.messageKey(), null, Locale.ENGLISH));
            return 1;
        }
    }
}
