package org.commonweal.quality.supplemental;

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
@CommandSpec(
        name = "import-supplemental",
        usage = "import-supplemental labs|immunizations FILE…",
        summary = "import lab results or immunization registry extracts (CSV, layouts in docs/quality.md) as "
                + "supplemental data for quality measures; print what was stored and each rejected line")
class ImportSupplementalCommand implements OperationalCommand {

    private final SupplementalCsv supplemental;
    private final MessageSource messages;

    ImportSupplementalCommand(SupplementalCsv supplemental, MessageSource messages) {
        this.supplemental = supplemental;
        this.messages = messages;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        var positional = args.positional();
        if (positional.size() < 2
                || !positional.get(0).equals("labs") && !positional.get(0).equals("immunizations")) {
            throw new UsageException("say labs or immunizations, then at least one CSV file");
        }
        int failures = 0;
        for (String name : positional.subList(1, positional.size())) {
            var file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                System.err.println(name + ": no such file");
                failures++;
                continue;
            }
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                var sender = "command:import-supplemental";
                var report = positional.get(0).equals("labs")
                        ? supplemental.importLabs(in, file.getFileName().toString(), sender)
                        : supplemental.importImmunizations(
                                in, file.getFileName().toString(), sender);
                if (report.refusal() != null) {
                    System.err.println(name + ": refused: " + report.refusal().text(messages, Locale.ENGLISH));
                    failures++;
                    continue;
                }
                System.out.printf(
                        "%s: source %d, %d records for %d members, %d lines rejected%n",
                        name,
                        report.sourceId(),
                        report.stored(),
                        report.members(),
                        report.rejects().size());
                report.rejects().forEach(r -> System.out.println("  " + r.text(messages, Locale.ENGLISH)));
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
