package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandArgsTests {

    @Test
    void readsOptionsInBothFormsFlagsAndPositionals() {
        var args = CommandArgs.parse(
                List.of("--scale", "full", "--seed=7", "--force", "file1", "file2"),
                Set.of("scale", "seed"),
                Set.of("force"));
        assertThat(args.option("scale")).contains("full");
        assertThat(args.intOption("seed", 1)).isEqualTo(7);
        assertThat(args.flag("force")).isTrue();
        assertThat(args.positional()).containsExactly("file1", "file2");
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndValuedFlags() {
        assertThatThrownBy(() -> CommandArgs.parse(List.of("--sclae", "full"), Set.of("scale"), Set.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --sclae");
        assertThatThrownBy(() -> CommandArgs.parse(List.of("--scale"), Set.of("scale"), Set.of()))
                .hasMessage("option --scale needs a value");
        assertThatThrownBy(() -> CommandArgs.parse(List.of("--force=yes"), Set.of(), Set.of("force")))
                .hasMessage("option --force takes no value");
        var args = CommandArgs.parse(List.of("--seed", "x"), Set.of("seed"), Set.of());
        assertThatThrownBy(() -> args.intOption("seed", 1)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> args.required("other")).hasMessage("option --other is required");
    }
}
