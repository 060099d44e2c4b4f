package org.commonweal.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way an import command ({@code import-834}, {@code import-roster}, …) reads its files, names itself in the
 * audit trail and exits. A subclass is an {@link OperationalCommand} bean with a {@link CommandSpec}; it imports one
 * file at a time and answers with an {@link Outcome}. This class checks the arguments, refuses a file it cannot read
 * before the importer sees it, prints each file's problems (standard error) and summary (standard output; standard
 * error when nothing was applied), and exits with the worst {@link Exit} of all files. The table is in {@code docs/operations.md}.
 */
public abstract class ImportCommand implements OperationalCommand {

    /** Exit codes of every import command, from best to worst. */
    public enum Exit {
        /** Every record applied (duplicates skipped count as applied). */
        OK(0),
        /** The command broke (an unexpected error); set by {@link CommandLauncher}. */
        FAILED(1),
        /** The words of the call were wrong; nothing read. Set by {@link CommandLauncher}. */
        USAGE(CommandLauncher.USAGE),
        /** The file was read and applied, except the records listed as rejected. */
        REJECTED(3),
        /** Nothing of the file was applied: it is missing, unreadable, or refused as a whole. */
        REFUSED(4);

        private final int code;

        Exit(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        Exit worse(Exit other) {
            return other.code > code ? other : this;
        }
    }

    /**
     * What one file came to.
     *
     * @param summary  one line, printed after the file's name ("1,204 rows applied, 3 rejected")
     * @param problems each rejected record or reason for refusal, printed after the file's name
     */
    public record Outcome(Exit exit, String summary, List<String> problems) {

        public Outcome {
            problems = List.copyOf(problems);
        }

        /** Records applied and rejected: {@link Exit#REJECTED} when any was rejected, else {@link Exit#OK}. */
        public static Outcome applied(long rejected, String summary, List<String> problems) {
            return new Outcome(rejected > 0 ? Exit.REJECTED : Exit.OK, summary, problems);
        }

        /** Nothing of the file applied. */
        public static Outcome refused(String summary, List<String> problems) {
            return new Outcome(Exit.REFUSED, summary, problems);
        }
    }

    private final String name;

    protected ImportCommand() {
        CommandSpec spec =
                org.springframework.util.ClassUtils.getUserClass(getClass()).getAnnotation(CommandSpec.class);
        if (spec == null) {
            throw new IllegalStateException(getClass().getName() + " needs a @CommandSpec");
        }
        this.name = spec.name();
    }

    /** The actor every change of this command is audited as: {@code command:<name>}. */
    public final String actor() {
        return actor(name);
    }

    /** The audit actor of the command {@code name}: {@code command:<name>}, the one spelling. */
    public static String actor(String name) {
        return "command:" + name;
    }

    /** Whether the command takes several files in one call (each imported on its own). */
    protected boolean manyFiles() {
        return false;
    }

    /** Whether a folder may be named instead of a file. */
    protected boolean folders() {
        return false;
    }

    /**
     * How many words come before the files ({@code import-supplemental labs FILE…}: one, checked by
     * {@link #checkOptions}); the files are the words after them.
     */
    protected int leadingWords() {
        return 0;
    }

    /** Checks the options before any file is read; throws {@link UsageException} for a wrong one. */
    protected void checkOptions(CommandArgs args) {}

    /** Imports one readable file, audited as {@link #actor()}. */
    protected abstract Outcome importFile(Path file, CommandArgs args) throws Exception;

    @Override
    public final int run(CommandArgs args) throws Exception {
        List<String> words = args.positional();
        List<String> names = words.subList(Math.min(leadingWords(), words.size()), words.size());
        if (names.isEmpty() || (names.size() > 1 && !manyFiles())) {
            throw new UsageException(manyFiles() ? "name at least one file" : "name one file");
        }
        checkOptions(args);
        Exit worst = Exit.OK;
        for (String name : names) {
            Path file = Path.of(name);
            Outcome outcome = readable(file)
                    ? importFile(file, args)
                    : Outcome.refused("nothing applied", List.of("cannot read " + file));
            outcome.problems().forEach(p -> System.err.println(name + ": " + p));
            (outcome.exit() == Exit.REFUSED ? System.err : System.out).println(name + ": " + outcome.summary());
            worst = worst.worse(outcome.exit());
        }
        return worst.code();
    }

    private boolean readable(Path file) {
        return Files.isReadable(file) && (Files.isRegularFile(file) || folders() && Files.isDirectory(file));
    }
}
