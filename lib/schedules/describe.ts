// A schedule in words, with its zone: "Every Monday at 09:00, Europe/Paris".
// The shapes the schedule editor's presets produce (daily, weekly on days,
// monthly on a date) are written here; anything else is worded by cronstrue.
import cronstrue from "cronstrue";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const NUM = /^\d{1,2}$/;

const day = (s: string): number | null => {
  const d = NUM.test(s) ? Number(s) : DAY_NAMES[s.toUpperCase()];
  return d === undefined || d > 7 ? null : d % 7;
};

/** "1-5" / "MON-FRI" / "1,3,5" / "2" → the days, or null for anything fancier. */
function days(field: string): number[] | null {
  const out: number[] = [];
  for (const part of field.split(",")) {
    const range = part.split("-");
    if (range.length === 1) {
      const d = day(part);
      if (d === null) return null;
      out.push(d);
    } else if (range.length === 2) {
      const [a, b] = range.map(day);
      if (a === null || b === null || b < a) return null;
      for (let d = a; d <= b; d++) out.push(d);
    } else return null;
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

const and = (xs: string[]) => (xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

function presetWords(cron: string): string | null {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  if (!NUM.test(minute) || !NUM.test(hour) || month !== "*") return null;
  const at = `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  if (dom === "*" && dow === "*") return `Every day at ${at}`;
  if (dom === "*") {
    const ds = days(dow);
    if (!ds) return null;
    if (ds.join() === "1,2,3,4,5") return `Every weekday (Monday to Friday) at ${at}`;
    if (ds.join() === "0,6") return `Every Saturday and Sunday at ${at}`;
    return `Every ${and(ds.map((d) => DAYS[d]))} at ${at}`;
  }
  if (dow === "*" && dom === "L") return `On the last day of every month at ${at}`;
  if (dow === "*" && NUM.test(dom)) return `On the ${ordinal(Number(dom))} of every month at ${at}`;
  return null;
}

export function describeSchedule(cron: string, tz: string): string {
  let words = presetWords(cron);
  if (!words) {
    try {
      words = cronstrue.toString(cron.trim(), { use24HourTimeFormat: true, throwExceptionOnParseError: true });
    } catch {
      // croner accepts a few forms cronstrue cannot word (e.g. "5#L", the last Friday)
      words = `On the schedule “${cron.trim()}”`;
    }
  }
  return `${words}, ${tz}`;
}
