package org.commonweal.coverage.x12;

import java.nio.file.Path;
import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.RuntimeMode;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "repair-cin",
        usage = "repair-cin [FOLDER_OR_FILE…]",
        summary = "restore the CINs removed by the REF*23 repair from kept 834 files (default: the inbox's "
                + "processed/ folder)")
class RepairCinCommand implements OperationalCommand {

    private final CinRepair repair;
    private final Path processed;

    RepairCinCommand(CinRepair repair, RuntimeMode mode) {
        this.repair = repair;
        this.processed = mode.dataDirectory().resolve("inbox").resolve("834").resolve("processed");
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        List<Path> folders = args.positional().isEmpty()
                ? List.of(processed)
                : args.positional().stream().map(Path::of).toList();
        CinRepair.Result r = repair.repair(folders, "command:repair-cin");
        System.out.printf(
                "%d files read (%d unreadable): %d members got their CIN back from REF*1L, %d still "
                        + "without one (the next 834 with REF*1L restores them)%n",
                r.files(), r.unreadable(), r.repaired(), r.stillWithout());
        return 0;
    }
}
