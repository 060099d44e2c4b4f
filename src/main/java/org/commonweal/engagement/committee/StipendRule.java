package org.commonweal.engagement.committee;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a member is paid for a meeting: the stipend when present, plus mileage when there in person. */
public record StipendRule(BigDecimal stipend, BigDecimal mileageRate) {

    public record Payment(BigDecimal stipend, BigDecimal miles, BigDecimal mileage) {
        public BigDecimal total() {
            return stipend.add(mileage);
        }
    }

    /** The payment for one attendance, or null when nothing is owed (excused or absent). */
    public Payment pay(AttendanceMode mode, BigDecimal miles) {
        if (!mode.present()) {
            return null;
        }
        BigDecimal travelled =
                mode == AttendanceMode.IN_PERSON && miles != null ? miles.max(BigDecimal.ZERO) : BigDecimal.ZERO;
        return new Payment(stipend, travelled, travelled.multiply(mileageRate).setScale(2, RoundingMode.HALF_UP));
    }
}
