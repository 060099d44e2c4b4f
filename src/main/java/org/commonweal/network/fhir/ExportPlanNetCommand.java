package org.commonweal.network.fhir;

import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "export-plannet",
        usage = "export-plannet --out DIR",
        summary = "write the public provider directory as Plan-Net NDJSON, one file per resource type, with a manifest",
        options = {"out"})
class ExportPlanNetCommand implements OperationalCommand {

    private final PlanNetExport export;

    ExportPlanNetCommand(PlanNetExport export) {
        this.export = export;
    }

    @Override
    public int run(CommandArgs args) {
        var result = export.export(Path.of(args.required("out")));
        result.counts().forEach((type, n) -> System.out.printf("%-26s %,10d%n", type, n));
        System.out.printf("Wrote %s in %,d ms%n", result.directory().toAbsolutePath(), result.millis());
        return 0;
    }
}
