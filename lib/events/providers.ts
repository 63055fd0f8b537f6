// Which providers events are forwarded to: those configured in the environment.
export type Provider = "mixpanel" | "amplitude";
/** The environment (or a test's stand-in for it). */
export type Env = Record<string, string | undefined>;

export function forwardingProviders(env: Env = process.env): Provider[] {
  const out: Provider[] = [];
  if (env.MIXPANEL_TOKEN) out.push("mixpanel");
  if (env.AMPLITUDE_API_KEY) out.push("amplitude");
  return out;
}
