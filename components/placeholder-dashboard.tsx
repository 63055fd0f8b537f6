import { Card, Text } from "@tremor/react";
import { PageHeader } from "@/components/page-header";
import { PeriodPicker } from "@/components/period-picker";
import { formatDateTime } from "@/lib/format";
import { PERIODS, periodRanges, periodSchema, type Period } from "@/lib/period";

// Shell shared by the role homes until their dashboards land: title, period
// (kept in the URL) and the time-zone aware range it stands for.
export function PlaceholderDashboard({
  title, testId, period, timeZone, periods = PERIODS,
}: { title: string; testId: string; period: Period; timeZone: string; periods?: readonly Period[] }) {
  const r = periodRanges(period, timeZone);
  return (
    <section data-testid={testId}>
      <PageHeader title={title} subtitle={`Data as of ${formatDateTime(new Date(), timeZone)} (${timeZone})`}>
        <PeriodPicker value={period} options={periods} />
      </PageHeader>
      <Card>
        <Text data-testid="period-range">
          Showing {formatDateTime(r.current.start, timeZone)} – {formatDateTime(r.current.end, timeZone)}, compared with{" "}
          {formatDateTime(r.previous.start, timeZone)} – {formatDateTime(r.previous.end, timeZone)}.
        </Text>
      </Card>
    </section>
  );
}

export function parsePeriod(raw: string | string[] | undefined, fallback: Period = "month"): Period {
  const p = periodSchema.safeParse(raw);
  return p.success ? p.data : fallback;
}
