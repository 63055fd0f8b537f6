// The `summary`/`all_time`/`previous`/`deltas`/`delta_units` block of every
// dashboard answer (lib/analytics/values.ts `Compared`), built from the
// dashboard's list of fields, and the `period` object.
import { z } from "zod";

export const deltaUnit = z
  .enum(["percent", "pp", "hours", "stars"])
  .meta({ id: "DeltaUnit", description: "percent: relative change of a count or money value (null when previous is 0); pp: difference in percentage points (rates); hours: difference in hours; stars: difference in rating points." });

type Fields = Record<string, { nullable?: boolean; description: string }>;

const objectOf = <T extends z.ZodType>(fields: Fields, value: (f: Fields[string]) => T) =>
  z.object(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, value(f)])) as Record<string, T>);

/** `Compared<T>`: the period's values, all time, the previous period's, the deltas and their units. */
export function compared(fields: Fields, id: string) {
  const values = objectOf(fields, (f) => (f.nullable ? z.number().nullable() : z.number()).meta({ description: f.description }));
  const orNull = objectOf(fields, () => z.number().nullable());
  return {
    summary: values.meta({ id: `${id}Values`, description: "The period's values." }),
    all_time: values.meta({ description: "The same fields over all time up to now (\"now\" values such as pending counts and balances equal the summary's)." }),
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
