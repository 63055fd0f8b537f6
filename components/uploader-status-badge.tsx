import { Badge } from "@tremor/react";

// An upload's status as a coloured badge (pending work amber/blue, done green).
const STYLE: Record<string, { label: string; color: string }> = {
  processing: { label: "Processing", color: "amber" },
  in_progress: { label: "In progress", color: "blue" },
  completed: { label: "Completed", color: "emerald" },
  cancelled: { label: "Cancelled", color: "gray" },
};

export function UploaderStatusBadge({ status }: { status: string }) {
  const s = STYLE[status] ?? { label: status, color: "gray" };
  return (
    <Badge color={s.color} size="xs" data-testid="upload-status">
      {s.label}
    </Badge>
  );
}

export const UPLOAD_STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  ...Object.fromEntries(Object.entries(STYLE).map(([k, v]) => [k, v.label])),
};
