package org.commonweal.centers.services;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags screening measures outside the usual adult ranges: blood pressure by the ACC/AHA 2017 categories, glucose by
 * the ADA thresholds (fasting 100–125 prediabetes, ≥ 126 diabetes range; random ≥ 200), BMI by the WHO classes.
 * A flagged result gets a follow-up referral. Values missing are not judged.
 */
public final class ScreeningRanges {

    private ScreeningRanges() {}

    public record Result(BigDecimal bmi, List<String> flags) {

        public boolean needsFollowUp() {
            return !flags.isEmpty();
        }
    }

    public static Result assess(
            Integer systolic, Integer diastolic, Integer glucose, Boolean fasting, Double heightCm, Double weightKg) {
        List<String> flags = new ArrayList<>();
        if (systolic != null && diastolic != null) {
            if (systolic > 180 || diastolic > 120) {
                flags.add("bp-crisis");
            } else if (systolic >= 140 || diastolic >= 90) {
                flags.add("bp-stage-2");
            } else if (systolic >= 130 || diastolic >= 80) {
                flags.add("bp-stage-1");
            } else if (systolic >= 120) {
                flags.add("bp-elevated");
            } else if (systolic < 90 || diastolic < 60) {
                flags.add("bp-low");
            }
        }
        if (glucose != null) {
            if (glucose < 70) {
                flags.add("glucose-low");
            } else if (Boolean.TRUE.equals(fasting)) {
                if (glucose >= 126) {
                    flags.add("glucose-diabetes-range");
                } else if (glucose >= 100) {
                    flags.add("glucose-prediabetes-range");
                }
            } else if (glucose >= 200) {
                flags.add("glucose-diabetes-range");
            }
        }
        BigDecimal bmi = null;
        if (heightCm != null && weightKg != null && heightCm > 0) {
            double m = heightCm / 100.0;
            bmi = BigDecimal.valueOf(weightKg / (m * m)).setScale(1, RoundingMode.HALF_UP);
            double b = bmi.doubleValue();
            if (b < 18.5) {
                flags.add("bmi-underweight");
            } else if (b >= 30) {
                flags.add("bmi-obese");
            } else if (b >= 25) {
                flags.add("bmi-overweight");
            }
        }
        return new Result(bmi, List.copyOf(flags));
    }
}
