// How health figures read: durations in ms or s, sizes in KB…GB, ages.
import { formatBytes as formatSize } from "@/lib/format";
export function formatMs(v: number | null | undefined) {
  if (v == null) return "—";
  if (v < 10) return `${v.toFixed(2)} ms`;
  if (v < 1000) return `${v.toFixed(v < 100 ? 1 : 0)} ms`;
  return `${(v / 1000).toFixed(2)} s`;
}

/** lib/format's sizes, with "—" for a size that is not known. */
export const formatBytes = (v: number | null | undefined) => (v == null ? "—" : formatSize(v));

export function formatAge(seconds: number | null | undefined) {
  if (seconds == null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.round((seconds % 86400) / 3600)} h`;
}
