package org.commonweal.quality.supplemental;

import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.ImportCommand;
import org.commonweal.platform.UsageException;

/**
 * An import command whose first word names the kind of its files ({@code import-supplemental labs|immunizations
 * FILE…}, {@code import-clinical bundle|ndjson FILE…}), then one file or more, each imported on its own.
 */
abstract class ImportKindCommand extends ImportCommand {

    private final List<String> kinds;
    private final String files;

    ImportKindCommand(List<String> kinds, String files) {
        this.kinds = List.copyOf(kinds);
        this.files = files;
    }

    /** The kind named by the call's first word. */
    static String kind(CommandArgs args) {
        return args.positional().getFirst();
    }

    @Override
    protected int leadingWords() {
        return 1;
    }

    @Override
    protected boolean manyFiles() {
        return true;
    }

    @Override
    protected void checkOptions(CommandArgs args) {
        if (!kinds.contains(kind(args))) {
            throw new UsageException("say " + String.join(" or ", kinds) + ", then at least one " + files);
        }
    }
}
