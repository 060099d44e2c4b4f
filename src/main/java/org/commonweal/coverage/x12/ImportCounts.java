package org.commonweal.coverage.x12;

/** Counts of one import, per maintenance type and outcome. */
public final class ImportCounts {

    int transactions;
    int adds;
    int changes;
    int terms;
    int reinstates;
    int audits;
    int unchanged;
    int rejects;

    void count(String maintenanceType) {
        transactions++;
        switch (maintenanceType) {
            case "021" -> adds++;
            case "001" -> changes++;
            case "024" -> terms++;
            case "025" -> reinstates++;
            default -> audits++;
        }
    }

    public int transactions() {
        return transactions;
    }

    public int adds() {
        return adds;
    }

    public int changes() {
        return changes;
    }

    public int terms() {
        return terms;
    }

    public int reinstates() {
        return reinstates;
    }

    public int audits() {
        return audits;
    }

    public int unchanged() {
        return unchanged;
    }

    public int rejects() {
        return rejects;
    }

    @Override
    public String toString() {
        return "transactions=" + transactions + " adds=" + adds + " changes=" + changes + " terms=" + terms
                + " reinstates=" + reinstates + " audits=" + audits + " unchanged=" + unchanged + " rejects=" + rejects;
    }
}
