package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.commonweal.CommonwealApplication;
import org.junit.jupiter.api.Test;

/** help and usage errors are answered without starting the application or a database. */
class CommandLauncherTests {

    @Test
    void helpListsEveryCommandAndExitsZero() throws Exception {
        var out = capture(() -> CommandLauncher.launch(CommonwealApplication.class, new String[] {"help"}), false);
        assertThat(out.code()).isZero();
        assertThat(out.text()).contains("generate [--scale small|full]", "create-admin --username NAME", "help");
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() throws Exception {
        var out = capture(() -> CommandLauncher.launch(CommonwealApplication.class, new String[] {"frobnicate"}), true);
        assertThat(out.code()).isEqualTo(CommandLauncher.USAGE);
        assertThat(out.text()).contains("Unknown command: frobnicate", "Commands:");
    }

    @Test
    void unknownOptionPrintsTheCommandsUsageAndExitsTwo() throws Exception {
        var out = capture(
                () -> CommandLauncher.launch(CommonwealApplication.class, new String[] {"generate", "--size", "full"}),
                true);
        assertThat(out.code()).isEqualTo(CommandLauncher.USAGE);
        assertThat(out.text())
                .contains(
                        "generate: unknown option --size",
                        "Usage: java -jar commonweal.jar generate [--scale small|full]");
    }

    @Test
    void onlyNonOptionFirstArgumentsAreCommands() {
        assertThat(CommandLauncher.isCommand(new String[] {"generate"})).isTrue();
        assertThat(CommandLauncher.isCommand(new String[] {"--server.port=9090"}))
                .isFalse();
        assertThat(CommandLauncher.isCommand(new String[0])).isFalse();
    }

    record Output(int code, String text) {}

    private static Output capture(Callable<Integer> call, boolean stderr) throws Exception {
        PrintStream original = stderr ? System.err : System.out;
        var buffer = new ByteArrayOutputStream();
        var stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(stream);
        } else {
            System.setOut(stream);
        }
        try {
            int code = call.call();
            return new Output(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            if (stderr) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
    }
}
