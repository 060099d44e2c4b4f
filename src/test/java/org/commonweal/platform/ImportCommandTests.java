package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The support every import command stands on: one exit-code table, one actor spelling, one way to read files. */
class ImportCommandTests {

    @TempDir
    Path dir;

    /**
     * Reads a file of lines: "ok" applies, "bad" is rejected, a file whose first line is "refuse" is refused whole.
     */
    @CommandSpec(
            name = "import-lines",
            usage = "import-lines FILE…",
            summary = "test",
            flags = {"strict"})
    static class ImportLines extends ImportCommand {
        final List<String> actors = new ArrayList<>();

        @Override
        protected boolean manyFiles() {
            return true;
        }

        @Override
        protected void checkOptions(CommandArgs args) {
            if (args.flag("strict") && args.positional().size() > 2) {
                throw new UsageException("--strict takes two files at most");
            }
        }

        @Override
        protected Outcome importFile(Path file, CommandArgs args) throws Exception {
            actors.add(actor());
            List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty() && lines.getFirst().equals("refuse")) {
                return Outcome.refused("nothing applied", List.of("line 1: refused"));
            }
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals("bad")) {
                    problems.add("line " + (i + 1) + ": bad");
                }
            }
            return Outcome.applied(problems.size(), (lines.size() - problems.size()) + " applied", problems);
        }
    }

    @CommandSpec(name = "import-one", usage = "import-one FILE", summary = "test")
    static class ImportOne extends ImportLines {
        @Override
        protected boolean manyFiles() {
            return false;
        }
    }

    /** {@code import-kinds upper|lower FILE…}: a word before the files, as {@code import-supplemental labs FILE…}. */
    @CommandSpec(name = "import-kinds", usage = "import-kinds upper|lower FILE…", summary = "test")
    static class ImportKinds extends ImportLines {
        final List<String> files = new ArrayList<>();

        @Override
        protected int leadingWords() {
            return 1;
        }

        @Override
        protected void checkOptions(CommandArgs args) {
            if (!List.of("upper", "lower").contains(args.positional().getFirst())) {
                throw new UsageException("say upper or lower, then the files");
            }
        }

        @Override
        protected Outcome importFile(Path file, CommandArgs args) throws Exception {
            files.add(file.getFileName().toString());
            return super.importFile(file, args);
        }
    }

    record Run(int code, String out, String err) {}

    private Run run(ImportCommand command, String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = command.run(CommandArgs.parse(Arrays.asList(args), Set.of(), Set.of("strict")));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private String file(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines)).toString();
    }

    @Test
    void theExitCodeTableIsOneAndStable() {
        assertThat(Arrays.stream(ImportCommand.Exit.values()).map(e -> e + "=" + e.code()))
                .containsExactly("OK=0", "FAILED=1", "USAGE=2", "REJECTED=3", "REFUSED=4");
        assertThat(ImportCommand.Exit.USAGE.code()).isEqualTo(CommandLauncher.USAGE);
    }

    @Test
    void everyImportIsAuditedAsCommandColonName() throws Exception {
        var command = new ImportLines();
        run(command, file("a.txt", "ok"));
        assertThat(command.actors).containsExactly("command:import-lines");
        assertThat(ImportCommand.actor("import-834")).isEqualTo("command:import-834");
    }

    @Test
    void allAppliedIsZeroAndTheSummaryGoesToStandardOutput() throws Exception {
        var r = run(new ImportLines(), file("a.txt", "ok", "ok"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("a.txt: 2 applied");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void rejectedRecordsAreThreeAndEachIsNamedWithItsFileAndLine() throws Exception {
        var r = run(new ImportLines(), file("a.txt", "ok", "bad", "ok"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("a.txt: line 2: bad");
        assertThat(r.out()).contains("a.txt: 2 applied");
    }

    @Test
    void aMissingOrUnreadableFileIsRefusedWithFourBeforeTheImporterSeesIt() throws Exception {
        var command = new ImportLines();
        var r = run(command, dir.resolve("missing.txt").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("missing.txt: cannot read").contains("missing.txt: nothing applied");
        assertThat(command.actors).isEmpty();
        assertThat(run(new ImportLines(), dir.toString()).code())
                .as("a folder is not a file here")
                .isEqualTo(4);
    }

    @Test
    void severalFilesExitWithTheWorstOutcomeAndEveryFileIsStillRead() throws Exception {
        var command = new ImportLines();
        var r = run(command, file("refused.txt", "refuse"), file("bad.txt", "bad"), file("good.txt", "ok"));
        assertThat(r.code()).isEqualTo(4);
        assertThat(command.actors).hasSize(3);
        assertThat(run(new ImportLines(), file("b.txt", "bad"), file("g.txt", "ok"))
                        .code())
                .isEqualTo(3);
    }

    @Test
    void wrongWordsAreUsageErrorsBeforeAnyFileIsRead() throws Exception {
        var one = new ImportOne();
        assertThatThrownBy(() -> run(one, file("a.txt", "ok"), file("b.txt", "ok")))
                .isInstanceOf(UsageException.class)
                .hasMessage("name one file");
        assertThatThrownBy(() -> run(new ImportLines())).isInstanceOf(UsageException.class);
        var lines = new ImportLines();
        assertThatThrownBy(() -> run(lines, "--strict", file("a.txt", "ok"), file("b.txt", "ok"), file("c.txt", "ok")))
                .isInstanceOf(UsageException.class);
        assertThat(lines.actors).isEmpty();
    }

    @Test
    void wordsBeforeTheFilesAreNotReadAsFiles() throws Exception {
        var kinds = new ImportKinds();
        var r = run(kinds, "upper", file("a.txt", "ok"), file("b.txt", "bad"));
        assertThat(kinds.files).containsExactly("a.txt", "b.txt");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).doesNotContain("upper: cannot read");
        assertThatThrownBy(() -> run(new ImportKinds(), "sideways", file("c.txt", "ok")))
                .isInstanceOf(UsageException.class)
                .hasMessage("say upper or lower, then the files");
        assertThatThrownBy(() -> run(new ImportKinds(), "upper"))
                .isInstanceOf(UsageException.class)
                .hasMessage("name at least one file");
    }
}
