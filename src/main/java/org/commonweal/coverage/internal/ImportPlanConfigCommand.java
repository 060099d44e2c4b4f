package org.commonweal.coverage.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-plan-config",
        usage = "import-plan-config FILE.csv",
        summary = "load product lines, plan codes, aid codes, counties and trading partners from a CSV file "
                + "(all or nothing; see docs/coverage.md)")
class ImportPlanConfigCommand extends ImportCommand {

    private final PlanConfiguration configuration;
    private final MessageSource messages;

    ImportPlanConfigCommand(PlanConfiguration configuration, MessageSource messages) {
        this.configuration = configuration;
        this.messages = messages;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int rows = configuration.importCsv(in, actor());
            return Outcome.applied(0, rows + " configuration rows applied", List.of());
        } catch (PlanConfiguration.InvalidConfiguration e) {
            return Outcome.refused(
                    "nothing applied",
                    e.problems().stream()
                            .map(p -> describe(messages, p, Locale.ENGLISH))
                            .toList());
        }
    }

    static String describe(MessageSource messages, PlanConfiguration.Problem p, Locale locale) {
        return messages.getMessage(
                "coverage.config.problem",
                new Object[] {
                    p.line(), p.field(), messages.getMessage(p.key(), new Object[] {p.value()}, p.key(), locale)
                },
                locale);
    }
}
