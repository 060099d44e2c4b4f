package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttachmentPolicyTests {

    @Test
    void acceptsAPdfAndRecordsItsChecksum() {
        byte[] pdf = "%PDF-1.7 budget".getBytes(StandardCharsets.US_ASCII);
        var checked = AttachmentPolicy.check("budget.PDF", pdf);
        assertThat(checked.contentType()).isEqualTo("application/pdf");
        assertThat(checked.size()).isEqualTo(pdf.length);
        assertThat(checked.sha256()).hasSize(64).isEqualTo(AttachmentPolicy.sha256(pdf));
    }

    @Test
    void refusesUnknownTypesDisguisedFilesEmptyAndOversizedFiles() {
        assertThatThrownBy(() -> AttachmentPolicy.check("run.exe", new byte[] {1}))
                .hasMessageContaining("only PDF");
        assertThatThrownBy(() -> AttachmentPolicy.check("letter.pdf", "MZ....".getBytes()))
                .hasMessageContaining("does not contain what its name says");
        assertThatThrownBy(() -> AttachmentPolicy.check("a.csv", new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> AttachmentPolicy.check("a.csv", new byte[(int) AttachmentPolicy.MAX_BYTES + 1]))
                .hasMessageContaining("larger than the 10 MB limit");
    }

    @Test
    void normalizesAnEin() {
        assertThat(Ein.parse("95 1234567").value()).isEqualTo("95-1234567");
        assertThatThrownBy(() -> Ein.parse("95-12345")).hasMessageContaining("nine digits");
    }
}
