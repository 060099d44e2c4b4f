#!/usr/bin/env bash
# Quality measures at full scale through PostgreSQL (issue #21, "Fast"): every measure our engine covers
# (EcqmEngine.MEASURES) run by OwnEngineRuns as the application runs it (members streamed from coverage, claims and
# clinical data read, evaluated on the cores, results written, the trend by month, the run's listeners: attribution),
# heap capped at 2 GB; then the CQL reference engine on 1,000 members of the same run and one member recomputed.
#
#   bench/quality/full.sh [REFERENCE (default 1000)] [RECOMPUTE (default 20)]
#
# The data directory (QUALITY_DATA, default /work/quality-data-full) is prepared once and kept between runs:
#   1. members: a copy of QUALITY_SOURCE (default /work/soak-data-full, the soak's 2.9 M members; never modified),
#      or, when QUALITY_SOURCE is empty, `generate --scale QUALITY_SCALE` (default small) into it;
#   2. claims: `generate-837` for every active member (CLAIMS claims, default 13,450,000: about 15.05 M service lines
#      for 2.73 M active members at SyntheticClaims' Medi-Cal-like visit rates) stored by ClaimBulkLoad (the importer's reader and chunk writer,
#      members mapped up front) or, with CLAIMS_LOAD=real, the real `import-837`; either resumes if stopped;
#   3. (data sets of session 9 only) labs and immunizations for a share SUPPLEMENTAL_SHARE of the members they fit;
#      off (0) by default since step 5 writes every member's care. Center screenings: those already in the data.
#   4. CMS153's claims: `generate-837 --kind sexual-health` writes only the sexual-health visits of the active women
#      16-24 (57 % of them; a chlamydia test for 55 % of those) to claims-2026-c.837, loaded like step 2 beside the
#      visits already there, and their chlamydia results to labs-2026-c.csv, imported by `import-supplemental labs`
#      (the members recomputed in the latest runs, in batches). Step 2 writes visits only (`--kind visits`), so a data
#      set prepared from scratch gets these claims once.
#   5. the members' care (SyntheticCare): `generate-837 --kind care` writes the chronic-care visits (I10, E11.9),
#      colonoscopies and billed childhood vaccines to claims-2026-k.837 (loaded like step 2), the Pap/HPV, FIT and
#      HbA1c results to labs-2026-k.csv, the registry's vaccines to immunizations-2026-k.csv and the blood pressure
#      panels and mammograms to clinical-2026-k.ndjson, imported in parts (QualityFullBenchmark care). Runs on a data
#      set prepared from scratch, or with CARE=1 on one prepared before (whose latest runs it would then recompute
#      member by member: drop them first). Rates and counts: docs/benchmarks-quality.md.
#   6. compact-claims: the claims and lines rewritten in member order (COMPACT=0 skips it; PREPARE_ONLY=1 stops here).
# Each step leaves a marker under $QUALITY_DATA/bench; delete it to redo the step.
set -euo pipefail
cd "$(dirname "$0")/../.."
REFERENCE=${1:-1000}
RECOMPUTE=${2:-20}
export COMMONWEAL_DATA_DIR=${QUALITY_DATA:-/work/quality-data-full}
SOURCE=${QUALITY_SOURCE-/work/soak-data-full}
CLAIMS=${CLAIMS:-13450000}
WORK=target/bench-quality-full
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
mkdir -p "$WORK"
./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/cp.txt")"
APP="$JAVA -cp $CP org.commonweal.CommonwealApplication"
BENCH=$COMMONWEAL_DATA_DIR/bench

# an extra claims file loaded beside the visits: the real import-837 (CLAIMS_LOAD=real) or ClaimBulkLoad
load_claims() { # $1 = the 837, $2 = its log
  if [ "${CLAIMS_LOAD:-bulk}" = real ]; then
    /usr/bin/time -v $APP import-837 "$1" > "$2" 2>&1
  else
    $JAVA -Xmx3g -cp "$CP" org.commonweal.quality.claims.ClaimBulkLoad "$1" > "$2" 2>&1
  fi
  grep -v '^20..-' "$2" | tail -5
}

if [ ! -d "$COMMONWEAL_DATA_DIR/postgres" ]; then
  if [ -n "$SOURCE" ]; then
    echo "== copying $SOURCE to $COMMONWEAL_DATA_DIR (read-only source)"
    cp -a "$SOURCE" "$COMMONWEAL_DATA_DIR.tmp" && mv "$COMMONWEAL_DATA_DIR.tmp" "$COMMONWEAL_DATA_DIR"
  else
    echo "== demo data at scale ${QUALITY_SCALE:-small} in $COMMONWEAL_DATA_DIR"
    mkdir -p "$COMMONWEAL_DATA_DIR"
    $APP generate --scale "${QUALITY_SCALE:-small}" > "$WORK/generate.log" 2>&1
  fi
fi
mkdir -p "$BENCH"
# a data set prepared from scratch gets step 5 (the members' care); one prepared before only with CARE=1
if [ ! -f "$BENCH/claims.generated" ] && [ ! -f "$BENCH/care.imported" ]; then CARE=${CARE:-1}; fi
if [ ! -f "$BENCH/claims.generated" ]; then
  echo "== generate-837: $CLAIMS claims for the active members"
  $APP generate-837 --members 100000000 --claims "$CLAIMS" --kind visits --year 2026 --out "$BENCH/claims-2026.837" \
    | tee "$BENCH/claims.generated.tmp"
  mv "$BENCH/claims.generated.tmp" "$BENCH/claims.generated"
fi
if [ ! -f "$BENCH/claims.imported" ]; then
  echo "== import-837 (the real path; resumes a file stopped half-way)"
  if [ "${CLAIMS_LOAD:-bulk}" = real ]; then
    /usr/bin/time -v $APP import-837 "$BENCH"/claims-2026.837 > "$BENCH/import.log" 2>&1
  else
    # the importer's reader and chunk writer, members mapped up front (ClaimBulkLoad): import-837 ran ~2,300
    # lines/s on the shared machine, 15 M lines would take hours; resumes where it stopped
    $JAVA -Xmx3g -cp "$CP" org.commonweal.quality.claims.ClaimBulkLoad "$BENCH"/claims-2026.837 \
      > "$BENCH/import.log" 2>&1
  fi
  grep -v '^20..-' "$BENCH/import.log" | tail -5
  touch "$BENCH/claims.imported"
fi
if [ ! -f "$BENCH/supplemental.imported" ] && [ "${SUPPLEMENTAL_SHARE:-0}" != 0 ]; then
  echo "== labs and immunizations (share ${SUPPLEMENTAL_SHARE})"
  $JAVA -Xmx2g -cp "$CP" org.commonweal.quality.results.QualityFullBenchmark supplemental "$BENCH" \
    "${SUPPLEMENTAL_SHARE}" 2> "$BENCH/supplemental.err" | tee "$BENCH/supplemental.tmp"
  mv "$BENCH/supplemental.tmp" "$BENCH/supplemental.imported"
fi
if [ ! -f "$BENCH/claims-c.imported" ]; then
  echo "== generate-837 --kind sexual-health: CMS153's claims and chlamydia results for the active women 16-24"
  if [ ! -f "$BENCH/claims-c.generated" ]; then
    $APP generate-837 --members 100000000 --kind sexual-health --year 2026 --seed 153 \
      --out "$BENCH/claims-2026-c.837" --labs "$BENCH/labs-2026-c.csv" | tee "$BENCH/claims-c.generated.tmp"
    mv "$BENCH/claims-c.generated.tmp" "$BENCH/claims-c.generated"
  fi
  load_claims "$BENCH/claims-2026-c.837" "$BENCH/import-c.log"
  /usr/bin/time -v $APP import-supplemental labs "$BENCH/labs-2026-c.csv" > "$BENCH/labs-c.log" 2>&1
  grep -v '^20..-' "$BENCH/labs-c.log" | grep -E 'records for|Elapsed|Maximum resident' | head -5
  touch "$BENCH/claims-c.imported"
fi

if [ ! -f "$BENCH/care.imported" ] && [ "${CARE:-0}" = 1 ]; then
  echo "== generate-837 --kind care: the members' screenings, chronic care and childhood vaccines"
  if [ ! -f "$BENCH/care.generated" ]; then
    $APP generate-837 --members 100000000 --kind care --year 2026 --seed 21 --out "$BENCH/claims-2026-k.837" \
      --labs "$BENCH/labs-2026-k.csv" --immunizations "$BENCH/immunizations-2026-k.csv" \
      --fhir "$BENCH/clinical-2026-k.ndjson" | tee "$BENCH/care.generated.tmp"
    mv "$BENCH/care.generated.tmp" "$BENCH/care.generated"
  fi
  load_claims "$BENCH/claims-2026-k.837" "$BENCH/import-k.log"
  $JAVA -Xmx2g -cp "$CP" org.commonweal.quality.results.QualityFullBenchmark care "$BENCH" \
    2> "$BENCH/care.err" | tee "$BENCH/care.tmp"
  mv "$BENCH/care.tmp" "$BENCH/care.imported"
fi

# 6. the claims and lines put in member order (compact-claims), as the plan's operators run it after the month's
#    loads; COMPACT=0 leaves them in arrival order (the run then fetches nearly a page per claim). The marker keeps the
#    timing; a later load appends in arrival order again: delete the marker to compact once more.
if [ ! -f "$BENCH/claims.compacted" ] && [ "${COMPACT:-1}" = 1 ]; then
  echo "== compact-claims: claims and service lines rewritten in member order"
  /usr/bin/time -v $APP compact-claims > "$BENCH/compact.log" 2>&1
  grep -v '^20..-' "$BENCH/compact.log" | grep -E 'compact-claims:|Elapsed|Maximum resident' | tee "$BENCH/claims.compacted.tmp"
  mv "$BENCH/claims.compacted.tmp" "$BENCH/claims.compacted"
fi
[ "${PREPARE_ONLY:-0}" = 1 ] && { echo "== prepared (PREPARE_ONLY=1): no run"; exit 0; }

echo "== measures run through PostgreSQL, heap capped at 2 GB ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
# the trend by month is part of every run (our engine's month masks, written with the results)
$JAVA -Xmx2g -Xlog:gc:file="$WORK/gc.log" \
  -cp "$CP" org.commonweal.quality.results.QualityFullBenchmark run \
  "$REFERENCE" "$RECOMPUTE" 2> "$WORK/run.err" | grep -v '^20..-..-..T' | tee "$WORK/result.txt"
echo "GC log: $WORK/gc.log; the application log: $WORK/run.err"
