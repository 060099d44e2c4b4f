package org.commonweal.coverage.x12;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.demo.DemoPeople;
import org.commonweal.geography.Geography;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "generate-834",
        usage =
                "generate-834 --members N --type full|change --out FILE [--population N] [--seed N] [--control N] [--date YYYY-MM-DD]",
        summary = "write a realistic DHCS-style X12 834 file of any size",
        options = {"members", "type", "out", "population", "seed", "control", "date"})
class Generate834Command implements OperationalCommand {

    private final Geography geography;

    private final ZoneId zone;
    private final PlanIdentity plan;

    Generate834Command(Geography geography, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.plan = plan;
        this.geography = geography;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        int members = args.intOption("members", 1000);
        String type = args.option("type", "full");
        if (!type.equals("full") && !type.equals("change")) {
            throw new UsageException("--type must be full or change");
        }
        Path out = Path.of(args.required("out"));
        LocalDate date = args.option("date").map(LocalDate::parse).orElse(LocalDate.now(zone));
        long seed = args.intOption("seed", 2026);
        long control = args.intOption("control", (int) (System.currentTimeMillis() / 1000 % 1_000_000_000));
        int population = args.intOption("population", Math.max(members * 10, 1000));
        var synthetic = new SyntheticMembers(new DemoPeople(geography.zips(), date), seed, date);
        long started = System.nanoTime();
        try (var writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
            var file = new Enrollment834Writer(writer, date, plan.payerId(), plan.payerName());
            var changes = new ChangeMix(synthetic, population, date, seed);
            file.begin(control, type.equals("full"));
            for (int i = 1; i <= members; i++) {
                file.member(type.equals("full") ? synthetic.member(i) : changes.transaction(i));
            }
            file.end();
        }
        System.out.printf(
                "wrote %s: %d %s transactions, %d bytes, in %.1f s%n",
                out, members, type, Files.size(out), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
