package org.commonweal.quality.supplemental;

import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

/**
 * Withdraws clinical sources by id (as {@code import-clinical} and {@code import-supplemental} print it), each as a
 * whole, and recomputes their members; exits by the import commands' table: 4 when any id named no imported source.
 */
@Component
@CommandSpec(
        name = "withdraw-clinical",
        usage = "withdraw-clinical SOURCE-ID…",
        summary = "withdraw clinical sources (a FHIR import, a lab or immunization extract, a center screening) as a"
                + " whole; their records stop counting and their members are recomputed")
class WithdrawClinicalCommand implements OperationalCommand {

    static final String NAME = "withdraw-clinical";

    private final ClinicalSources sources;

    WithdrawClinicalCommand(ClinicalSources sources) {
        this.sources = sources;
    }

    @Override
    public int run(CommandArgs args) {
        var words = args.positional();
        if (words.isEmpty() || !words.stream().allMatch(w -> w.matches("[0-9]{1,18}"))) {
            throw new UsageException("name at least one source id (a number)");
        }
        var exit = ImportCommand.Exit.OK;
        for (String word : words) {
            long id = Long.parseLong(word);
            if (!sources.imported(id)) {
                System.err.println("source " + id + ": not an imported clinical source (unknown, or withdrawn before)");
                exit = ImportCommand.Exit.REFUSED;
                continue;
            }
            int members = sources.withdraw(id, ImportCommand.actor(NAME));
            System.out.println("source " + id + ": withdrawn, " + members + " members recomputed");
        }
        return exit.code();
    }
}
