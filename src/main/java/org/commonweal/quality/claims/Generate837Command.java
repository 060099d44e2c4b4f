package org.commonweal.quality.claims;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import org.commonweal.coverage.Coverage;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "generate-837",
        usage = "generate-837 --members N --claims M --out FILE [--year 2026] [--seed 1]"
                + " [--kind all|visits|sexual-health|care] [--labs LABS.csv] [--immunizations IMM.csv]"
                + " [--fhir OBS.ndjson]",
        summary = "write a synthetic 837P for N of the plan's members (M office visits at rates by age and sex, the"
                + " sexual-health visits of women 16-24 for chlamydia screening, and each member's screenings, chronic"
                + " care and childhood vaccines; --labs, --immunizations, --fhir: their results as a lab CSV, an"
                + " immunization registry CSV and FHIR NDJSON), dated up to today, for demos and load",
        options = {"members", "claims", "out", "year", "seed", "kind", "labs", "immunizations", "fhir"})
class Generate837Command implements OperationalCommand {

    private final Coverage coverage;

    Generate837Command(Coverage coverage) {
        this.coverage = coverage;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        var kind = switch (args.option("kind", "all")) {
            case "all" -> SyntheticClaims.Kind.ALL;
            case "visits" -> SyntheticClaims.Kind.VISITS;
            case "sexual-health" -> SyntheticClaims.Kind.SEXUAL_HEALTH;
            case "care" -> SyntheticClaims.Kind.CARE;
            default -> throw new UsageException("--kind must be all, visits, sexual-health or care");
        };
        int members = args.intOption("members", 0);
        int claims = args.intOption("claims", 0);
        boolean visits = kind == SyntheticClaims.Kind.ALL || kind == SyntheticClaims.Kind.VISITS;
        if (members < 1 || claims < 1 && visits) {
            throw new UsageException("--members and --claims must be at least 1");
        }
        var out = Path.of(args.required("out"));
        var labs = path(args, "labs");
        var immunizations = path(args, "immunizations");
        var fhir = path(args, "fhir");
        int year = args.intOption("year", LocalDate.now().getYear());
        if (year > LocalDate.now().getYear()) throw new UsageException("--year " + year + " has not begun");
        var chosen = new ArrayList<SyntheticClaims.Member>();
        coverage.forEachActiveMember(LocalDate.now(), "quality: generate synthetic claims", m -> {
            if (chosen.size() < members) chosen.add(new SyntheticClaims.Member(m.memberId(), m.birthDate(), m.sex()));
        });
        if (chosen.isEmpty()) throw new UsageException("no active members to write claims for");
        long started = System.nanoTime();
        long lines;
        try (var writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII), 1 << 16);
                var labWriter = writer(labs);
                var immunizationWriter = writer(immunizations);
                var fhirWriter = writer(fhir)) {
            lines = new SyntheticClaims(args.intOption("seed", 1), year)
                    .write(
                            chosen,
                            claims,
                            kind,
                            writer,
                            new SyntheticCare.Sinks(labWriter, immunizationWriter, fhirWriter));
        }
        System.out.printf(
                "%s: %s, %d service lines for %d members in %.1f s%n",
                out,
                visits ? claims + " visit claims" : kind.name().toLowerCase(java.util.Locale.ROOT) + " claims",
                lines,
                chosen.size(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static Path path(CommandArgs args, String option) {
        return args.option(option, "").isEmpty() ? null : Path.of(args.option(option, ""));
    }

    private static java.io.Writer writer(Path path) throws java.io.IOException {
        return path == null ? null : new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
    }
}
