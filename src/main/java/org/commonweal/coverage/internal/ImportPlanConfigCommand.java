package org.commonweal.coverage.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "import-plan-config", usage = "import-plan-config FILE.csv",
        summary = "load product lines, plan codes, aid codes, counties and trading partners from a CSV file "
                + "(all or nothing; see docs/coverage.md)")
class ImportPlanConfigCommand implements OperationalCommand {

    private final PlanConfiguration configuration;
    private final MessageSource messages;

    ImportPlanConfigCommand(PlanConfiguration configuration, MessageSource messages) {
        this.configuration = configuration;
        this.messages = messages;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (args.positional().size() != 1) {
            throw new UsageException("name one CSV file");
        }
        Path file = Path.of(args.positional().get(0));
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such file");
            return 1;
        }
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int rows = configuration.importCsv(in, "command:import-plan-config");
            System.out.println(file + ": " + rows + " configuration rows applied");
            return 0;
        } catch (PlanConfiguration.InvalidConfiguration e) {
            for (var p : e.problems()) {
                System.err.println(file + ": " + describe(messages, p, Locale.ENGLISH));
            }
            System.err.println(file + ": nothing applied");
            return 1;
        }
    }

    static String describe(MessageSource messages, PlanConfiguration.Problem p, Locale locale) {
        return messages.getMessage("coverage.config.problem", new Object[] {p.line(), p.field(),
                messages.getMessage(p.key(), new Object[] {p.value()}, p.key(), locale)}, locale);
    }
}
