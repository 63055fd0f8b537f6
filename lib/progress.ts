// Progress for long CLI work: a bar on a terminal, one line per step
// elsewhere (CI logs, files).
import cliProgress from "cli-progress";

export function progressReporter() {
  if (!process.stderr.isTTY) {
    return { update: (step: string, done: number, total: number) => console.error(`  [${done}/${total}] ${step}`), stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    { format: "  {bar} {value}/{total} {step}", stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(step: string, done: number, total: number) {
      if (!started) bar.start(total, done, { step });
      started = true;
      bar.update(done, { step });
    },
    stop: () => started && bar.stop(),
  };
}
