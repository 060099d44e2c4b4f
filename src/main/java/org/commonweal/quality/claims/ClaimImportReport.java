package org.commonweal.quality.claims;

import java.util.List;

/**
 * What an 837 import did: the file's id, claims stored (originals, replacements, voids), claims rejected with where
 * and why, service lines stored, and the stored claims naming an NPI the provider directory does not hold
 * ({@code npiUnlinked}: kept, flagged, unlinked). {@code refusal} is set (and nothing stored) when the file itself was refused.
 */
public record ClaimImportReport(
        long fileId,
        String fileName,
        int accepted,
        int replaced,
        int voided,
        int serviceLines,
        int npiUnlinked,
        List<ClaimReject> rejects,
        String refusal) {

    public boolean refused() {
        return refusal != null;
    }

    /** Whether the file was refused only because another instance was importing it at that moment. */
    public boolean busy() {
        return ClaimImport.BUSY.equals(refusal);
    }

    public String summary() {
        if (refused()) return fileName + ": refused: " + refusal + "\n";
        var out = new StringBuilder(fileName + ": " + counts() + "\n");
        rejects.forEach(r -> out.append("  rejected ").append(r).append('\n'));
        return out.toString();
    }

    /** What was stored, on one line: "file 12, 30 claims stored (2 replacements, 0 voids), …". */
    public String counts() {
        return String.format(
                "file %d, %d claims stored (%d replacements, %d voids), "
                        + "%d service lines, %d claims rejected, %d claims with an NPI not in the directory",
                fileId, accepted, replaced, voided, serviceLines, rejects.size(), npiUnlinked);
    }
}
