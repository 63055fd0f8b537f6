// Scales and the numbers every generation step reads. Everything here is a
// pure function of (scale, now), which is what makes a seed deterministic.

export const SCALE_NAMES = ["tiny", "small", "medium", "large"] as const;
export type Scale = (typeof SCALE_NAMES)[number];

export type ScaleSpec = {
  admins: number;
  uploaders: number;
  creators: number;
  /** Uploads over the 18 months; each orders ~2.4 outputs (one assignment each). */
  uploads: number;
  pageViews: number;
  searches: number;
  /** Share of all uploads placed by uploader@example.com. */
  demoUploadShare: number;
  /** Share of all claims taken by creator@example.com. */
  demoClaimShare: number;
};

export const SCALES: Record<Scale, ScaleSpec> = {
  tiny: {
    admins: 3, uploaders: 120, creators: 160, uploads: 1_300,
    pageViews: 4_000, searches: 1_000, demoUploadShare: 0.08, demoClaimShare: 0.07,
  },
  small: {
    admins: 5, uploaders: 1_400, creators: 600, uploads: 17_000,
    pageViews: 40_000, searches: 8_000, demoUploadShare: 0.02, demoClaimShare: 0.02,
  },
  medium: {
    admins: 8, uploaders: 4_000, creators: 847, uploads: 128_000,
    pageViews: 250_000, searches: 50_000, demoUploadShare: 0.008, demoClaimShare: 0.012,
  },
  large: {
    admins: 12, uploaders: 12_000, creators: 4_000, uploads: 465_000,
    pageViews: 700_000, searches: 300_000, demoUploadShare: 0.0055, demoClaimShare: 0.0055,
  },
};

export const LEVELS = [
  { rank: 1, code: "P", name: "Probation", minTasks: 0, minRating: "0.00" },
  { rank: 2, code: "J", name: "Junior", minTasks: 10, minRating: "3.50" },
  { rank: 3, code: "M", name: "Mid", minTasks: 50, minRating: "4.00" },
  { rank: 4, code: "S", name: "Senior", minTasks: 150, minRating: "4.30" },
  { rank: 5, code: "E", name: "Expert", minTasks: 400, minRating: "4.60" },
] as const;

/** The level pyramid of the product spec (medium: 312/245/178/89/23 creators), by rank. */
const PYRAMID = [312, 245, 178, 89, 23];

/**
 * Output types. `share` is the chance an upload orders it; `until` limits a
 * retired type to the first months of the data (it is inactive now).
 * `workMin` is the typical time from claim to first submission in minutes
 * (the median; each task varies about ×0.6–×1.7 around it, and creators are
 * faster or slower); `dueHours` is the creator's deadline after claiming
 * (rush orders get 60% of it). Sized so a creator earns roughly $12–25 an
 * hour (METRICS.md earnings per hour) and 85–90% of first submissions are on
 * time.
 */
export const OUTPUT_TYPES = [
  { code: "executive_summary", name: "Executive Summary", price: "25.00", payout: "15.00", workMin: 40, dueHours: 2, share: 0.75 },
  { code: "blog_post", name: "Blog Post", price: "60.00", payout: "36.00", workMin: 130, dueHours: 6, share: 0.5 },
  { code: "social_media", name: "Social Media Pack", price: "15.00", payout: "9.00", workMin: 25, dueHours: 1.5, share: 0.45 },
  { code: "key_insights", name: "Key Insights", price: "20.00", payout: "12.00", workMin: 30, dueHours: 1.5, share: 0.35 },
  { code: "newsletter", name: "Newsletter", price: "35.00", payout: "21.00", workMin: 70, dueHours: 3, share: 0.12 },
  { code: "show_notes", name: "Show Notes", price: "18.00", payout: "11.00", workMin: 35, dueHours: 2, share: 0.1 },
  { code: "transcript_cleanup", name: "Transcript Cleanup", price: "55.00", payout: "33.00", workMin: 140, dueHours: 6, share: 0.08 },
  { code: "video_captions", name: "Video Captions", price: "22.00", payout: "13.00", workMin: 50, dueHours: 3, share: 0.15, untilMonth: 6 },
] as const;

/** Share of a multi-output upload's outputs that one creator claims together (and works on at once). */
export const BUNDLE_SHARE = 0.35;

export const DAY = 86_400;
export const MONTHS = 18;

export type SeedConfig = ScaleSpec & {
  scale: Scale;
  /** The anchor instant ("now"), epoch seconds. No row is later than this. */
  now: number;
  /** UTC midnight 18 months before now: the first day with activity. */
  start: number;
  days: number;
  cohort: { uploaders: number; creators: number };
  /** Creators per rank 1..5, the demo creator (a Senior) not included. */
  levelCounts: number[];
  /** users are numbered admins, then uploaders, then creators; ids derive from that number. */
  offset: { uploader: number; creator: number };
  ghostRate: number;
  fraudRate: number;
  otherFlags: number;
  blockedSignups: number;
  abandonedSignups: number;
};

function levelCounts(creators: number): number[] {
  const total = PYRAMID.reduce((a, b) => a + b, 0);
  const counts = PYRAMID.map((n) => Math.round((creators * n) / total));
  counts[3] -= 1; // the demo creator is one of the Seniors
  counts[0] = creators - 1 - counts.slice(1).reduce((a, b) => a + b, 0);
  return counts;
}

export function resolveConfig(scale: Scale, today: Date): SeedConfig {
  const spec = SCALES[scale];
  const now = Math.floor(today.getTime() / 1000);
  const d = new Date(now * 1000);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - MONTHS, d.getUTCDate()) / 1000;
  const people = spec.uploaders + spec.creators;
  return {
    ...spec,
    scale,
    now,
    start,
    days: Math.ceil((now - start) / DAY),
    cohort: {
      uploaders: Math.max(4, Math.round(spec.uploaders * 0.04)),
      creators: Math.max(4, Math.round(spec.creators * 0.04)),
    },
    levelCounts: levelCounts(spec.creators),
    offset: { uploader: spec.admins, creator: spec.admins + spec.uploaders },
    ghostRate: 0.01,
    fraudRate: 0.006,
    otherFlags: Math.max(12, Math.round(people * 0.05)),
    blockedSignups: Math.max(8, Math.round(people * 0.03)),
    abandonedSignups: Math.round(people * 0.35),
  };
}
