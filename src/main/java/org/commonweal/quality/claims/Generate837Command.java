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
                + " [--kind all|visits|sexual-health] [--labs LABS.csv]",
        summary = "write a synthetic 837P for N of the plan's members (M office visits at rates by age and sex, and"
                + " the sexual-health visits of women 16-24 for chlamydia screening; --labs: their chlamydia results"
                + " as a lab CSV), for demos and load",
        options = {"members", "claims", "out", "year", "seed", "kind", "labs"})
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
            default -> throw new UsageException("--kind must be all, visits or sexual-health");
        };
        int members = args.intOption("members", 0);
        int claims = args.intOption("claims", 0);
        if (members < 1 || claims < 1 && kind != SyntheticClaims.Kind.SEXUAL_HEALTH) {
            throw new UsageException("--members and --claims must be at least 1");
        }
        var out = Path.of(args.required("out"));
        var labs = args.option("labs", "").isEmpty() ? null : Path.of(args.option("labs", ""));
        int year = args.intOption("year", LocalDate.now().getYear());
        var chosen = new ArrayList<SyntheticClaims.Member>();
        coverage.forEachActiveMember(LocalDate.now(), "quality: generate synthetic claims", m -> {
            if (chosen.size() < members) chosen.add(new SyntheticClaims.Member(m.memberId(), m.birthDate(), m.sex()));
        });
        if (chosen.isEmpty()) throw new UsageException("no active members to write claims for");
        long started = System.nanoTime();
        long lines;
        try (var writer = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII), 1 << 16);
                var labWriter = labs == null ? null : Files.newBufferedWriter(labs, StandardCharsets.UTF_8)) {
            lines = new SyntheticClaims(args.intOption("seed", 1), year).write(chosen, claims, kind, writer, labWriter);
        }
        System.out.printf(
                "%s: %s, %d service lines for %d members in %.1f s%n",
                out,
                kind == SyntheticClaims.Kind.SEXUAL_HEALTH ? "sexual-health claims" : claims + " visit claims",
                lines,
                chosen.size(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
