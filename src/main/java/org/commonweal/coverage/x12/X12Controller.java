package org.commonweal.coverage.x12;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class X12Controller {

    private static final MediaType EDI_X12 = MediaType.parseMediaType("application/edi-x12;charset=UTF-8");

    private final Eligibility270 eligibility;

    private final long maxBytes;

    X12Controller(
            Eligibility270 eligibility,
            @org.springframework.beans.factory.annotation.Value("${commonweal.limits.x12-270-body:20MB}")
                    org.springframework.util.unit.DataSize maxBytes) {
        this.eligibility = eligibility;
        this.maxBytes = maxBytes.toBytes();
    }

    private ResponseEntity<String> tooLarge() {
        return ResponseEntity.status(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE)
                .header("Connection", "close")
                .contentType(MediaType.TEXT_PLAIN)
                .body("A 270 batch may be at most " + maxBytes / (1024 * 1024)
                        + " MB; split it into smaller batches.\n");
    }

    /** An X12 270 in, a 271 out (or a 999 when the envelope is broken, with 400). */
    @PostMapping(value = "/x12/270", consumes = MediaType.ALL_VALUE, produces = "application/edi-x12")
    ResponseEntity<String> inquiry(jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        // issue #17: read at most the limit (was: any size into memory; 200 MB took the heap from 533 to 895 MB)
        if (request.getContentLengthLong() > maxBytes) {
            return tooLarge();
        }
        byte[] body;
        try (var in = request.getInputStream()) {
            body = in.readNBytes(Math.toIntExact(maxBytes + 1));
        }
        if (body.length > maxBytes) {
            return tooLarge();
        }
        var answer = eligibility.answer(body);
        return answer.is271()
                ? ResponseEntity.ok().contentType(EDI_X12).body(answer.body())
                : ResponseEntity.badRequest().contentType(EDI_X12).body(answer.body());
    }
}
