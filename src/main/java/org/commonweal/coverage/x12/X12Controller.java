package org.commonweal.coverage.x12;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class X12Controller {

    private static final MediaType EDI_X12 = MediaType.parseMediaType("application/edi-x12;charset=UTF-8");

    private final Eligibility270 eligibility;

    X12Controller(Eligibility270 eligibility) {
        this.eligibility = eligibility;
    }

    /** An X12 270 in, a 271 out (or a 999 when the envelope is broken, with 400). */
    @PostMapping(value = "/x12/270", consumes = MediaType.ALL_VALUE, produces = "application/edi-x12")
    ResponseEntity<String> inquiry(@RequestBody byte[] body) {
        var answer = eligibility.answer(body);
        return answer.is271() ? ResponseEntity.ok().contentType(EDI_X12)
                .body(answer.body())
                : ResponseEntity.badRequest().contentType(EDI_X12)
                        .body(answer.body());
    }
}
