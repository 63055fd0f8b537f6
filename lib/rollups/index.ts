// Rollups: daily_metrics, creator level snapshots, live numbers, backfill,
// nightly job logic and reconciliation. The metric SQL lives in metrics-sql.ts.
export * from "./days";
export * from "./metrics-sql";
export * from "./daily-metrics";
export * from "./level-snapshots";
export * from "./live";
export * from "./backfill";
export * from "./nightly";
export * from "./reconcile";
export * from "./creator-stats";
export * from "./active-users";
