package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The plan's colours are checked when the application starts: white text on the main colour must be readable. */
class BrandTests {

    @Test
    void computesTheWcagContrastOfWhiteText() {
        assertThat(Brand.contrastWithWhite("#000000")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Brand.contrastWithWhite("#ffffff")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        // Commonweal's own teal passes AA comfortably
        assertThat(Brand.contrastWithWhite("#0b4f6c")).isGreaterThan(7);
    }

    @Test
    void refusesAColourTooLightForWhiteTextOrNotAColour() {
        assertThatThrownBy(() -> new Brand("/img/logo.svg", "#f2a900", "#0b4f6c"))
                .hasMessageContaining("too light");
        assertThatThrownBy(() -> new Brand("/img/logo.svg", "teal", "#0b4f6c")).hasMessageContaining("#rrggbb");
        assertThat(new Brand("/img/logo.svg", "#0b4f6c", "#f2a900").primary()).isEqualTo("#0b4f6c");
    }
}
