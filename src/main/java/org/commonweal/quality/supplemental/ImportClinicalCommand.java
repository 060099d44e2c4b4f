package org.commonweal.quality.supplemental;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "import-clinical",
        usage = "import-clinical bundle|ndjson FILE…",
        summary = "import clinical data from providers as FHIR R4 (a transaction or collection Bundle, or Bulk NDJSON),"
                + " matched to members; recompute those members in each measure's latest run; print the source id and"
                + " each rejected entry")
class ImportClinicalCommand extends ImportKindCommand {

    private final ClinicalSources sources;

    ImportClinicalCommand(ClinicalSources sources) {
        super(List.of("bundle", "ndjson"), "FHIR file");
        this.sources = sources;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var in = Files.newInputStream(file)) {
            String name = file.getFileName().toString();
            var report = kind(args).equals("bundle")
                    ? sources.importBundle(in, name, actor())
                    : sources.importNdjson(in, name, actor());
            if (report.refusal() != null) {
                return Outcome.refused("nothing stored", List.of(report.refusal()));
            }
            return Outcome.applied(
                    report.rejects().size(),
                    "source %d, %d resources for %d members (recomputed), %d entries rejected"
                            .formatted(
                                    report.sourceId(),
                                    report.stored(),
                                    report.members().size(),
                                    report.rejects().size()),
                    report.rejects());
        }
    }
}
