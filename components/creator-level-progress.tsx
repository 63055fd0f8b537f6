"use client";

import { Card, ProgressBar, Title } from "@tremor/react";
import type { LevelProgress } from "@/lib/analytics/creator";
import { formatInt } from "@/lib/format";

// A client component: Tremor's ProgressBar uses hooks (its tooltip).
// Current level and the two requirements of the next one (completed tasks,
// average rating), as progress bars; the top level says so instead.
function Requirement({ label, current, required, text, togo, testId }: {
  label: string; current: number | null; required: number; text: string; togo: (left: number) => string; testId: string;
}) {
  const pct = required > 0 ? Math.min(100, ((current ?? 0) / required) * 100) : 100;
  const met = (current ?? 0) >= required;
  return (
    <div data-testid={testId}>
      <div className="flex justify-between text-tremor-default">
        <span className="text-tremor-content">{label}</span>
        <span className={`tabular-nums ${met ? "text-emerald-700" : "text-tremor-content-strong"}`}>
          {text} {met && "✓"}
        </span>
      </div>
      <ProgressBar value={pct} color={met ? "emerald" : "blue"} className="mt-2" />
      <p className="mt-1 text-tremor-label text-tremor-content">{met ? "Requirement met" : togo(required - (current ?? 0))}</p>
    </div>
  );
}

export function CreatorLevelProgress({ p }: { p: LevelProgress }) {
  return (
    <Card data-testid="level-progress" className="flex flex-col">
      <Title>Level progress</Title>
      <p className="mt-1 text-tremor-metric font-semibold text-tremor-content-strong" data-testid="current-level">
        {p.current_level ?? "No level yet"}
      </p>
      {p.top_level ? (
        <p className="mt-3 text-tremor-default text-tremor-content" data-testid="top-level">
          You&apos;re at the top level. {formatInt(p.tasks_completed)} tasks completed, average rating {p.rating_current?.toFixed(2) ?? "—"}.
        </p>
      ) : (
        <div className="mt-3 space-y-4">
          <p className="text-tremor-default text-tremor-content">
            Next: <span className="font-medium text-tremor-content-strong">{p.next_level}</span>
          </p>
          <Requirement
            label="Completed tasks"
            current={p.tasks_completed}
            required={p.tasks_required ?? 0}
            text={`${formatInt(p.tasks_completed)} / ${formatInt(p.tasks_required)}`}
            togo={(n) => `${formatInt(n)} more approved tasks`}
            testId="progress-tasks"
          />
          <Requirement
            label="Average rating"
            current={p.rating_current}
            required={p.rating_required ?? 0}
            text={`${p.rating_current?.toFixed(2) ?? "—"} / ${p.rating_required?.toFixed(2) ?? "—"}`}
            togo={(n) => `${n.toFixed(2)} below the requirement (all-time average)`}
            testId="progress-rating"
          />
        </div>
      )}
      <p className="mt-auto pt-4 text-tremor-label text-tremor-content">
        Levels follow your all-time approved tasks and all-time average rating, not the selected period.
      </p>
    </Card>
  );
}
