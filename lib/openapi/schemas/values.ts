// The `summary`/`all_time`/`previous`/`deltas`/`delta_units` block of every
// dashboard answer (lib/analytics/values.ts `Compared`), built from the
// dashboard's list of fields, and the `period` object.
import { z } from "zod";

export const deltaUnit = z
  .enum(["percent", "pp", "hours", "stars"])
  .meta({ id: "DeltaUnit", description: "percent: relative change of a count or money value (null when previous is 0); pp: difference in percentage points (rates); hours: difference in hours; stars: difference in rating points." });

type Field = { nullable?: boolean; description: string };
type Fields<K extends string = string> = Record<K, Field>;

const objectOf = <K extends string, T extends z.ZodType>(fields: Fields<K>, value: (f: Field) => T) =>
  z.object(Object.fromEntries(Object.entries<Field>(fields).map(([k, f]) => [k, value(f)])) as Record<K, T>);

/** `Compared<T>`: the period's values, all time, the previous period's, the deltas and their units. */
export function compared<K extends string>(fields: Fields<K>, id: string) {
  return { ...withoutAllTime(fields, id), all_time: values(fields).meta({ description: "The same fields over all time up to now (\"now\" values such as pending counts and balances equal the summary's)." }) };
}

const values = <K extends string>(fields: Fields<K>) => objectOf(fields, (f) => (f.nullable ? z.number().nullable() : z.number()).meta({ description: f.description }));

/** The same block without `all_time` (quality and fraud). */
export function withoutAllTime<K extends string>(fields: Fields<K>, id: string) {
  const orNull = objectOf(fields, () => z.number().nullable());
  return {
    summary: values(fields).meta({ id: `${id}Values`, description: "The period's values." }),
    previous: orNull.meta({ description: "The comparison period's values; null for \"now\" values (they have no previous period)." }),
    deltas: orNull.meta({ description: "summary vs previous, by each field's kind (unit in delta_units); null when either side is null." }),
    delta_units: objectOf(fields, () => deltaUnit).meta({ description: "The unit of each delta." }),
  };
}

export const periodInfo = z
  .object({
    name: z.enum(["day", "week", "month", "quarter", "year"]),
    start: z.string().meta({ description: "Start instant (inclusive), ISO 8601." }),
    end: z.string().meta({ description: "End instant (exclusive)." }),
    previous_start: z.string(),
    previous_end: z.string(),
    tz: z.string().meta({ description: "IANA time zone the calendar period is taken in." }),
    granularity: z.enum(["hour", "day", "week", "month"]).meta({ description: "Bucket size of the trend series." }),
  })
  .meta({ id: "PeriodInfo", description: "Which instants the numbers cover." });
