package org.commonweal.quality.supplemental;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-supplemental",
        usage = "import-supplemental labs|immunizations FILE…",
        summary = "import lab results or immunization registry extracts (CSV, layouts in docs/quality.md) as "
                + "supplemental data for quality measures; print what was stored and each rejected line")
class ImportSupplementalCommand extends ImportKindCommand {

    private final SupplementalCsv supplemental;
    private final MessageSource messages;

    ImportSupplementalCommand(SupplementalCsv supplemental, MessageSource messages) {
        super(List.of("labs", "immunizations"), "CSV file");
        this.supplemental = supplemental;
        this.messages = messages;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String name = file.getFileName().toString();
            var report = kind(args).equals("labs")
                    ? supplemental.importLabs(in, name, actor())
                    : supplemental.importImmunizations(in, name, actor());
            if (report.refusal() != null) {
                return Outcome.refused(
                        "nothing stored", List.of(report.refusal().text(messages, Locale.ENGLISH)));
            }
            return Outcome.applied(
                    report.rejects().size(),
                    "source %d, %d records for %d members, %d lines rejected"
                            .formatted(
                                    report.sourceId(),
                                    report.stored(),
                                    report.members(),
                                    report.rejects().size()),
                    report.rejects().stream()
                            .map(r -> r.text(messages, Locale.ENGLISH))
                            .toList());
        }
    }
}
