// Which providers events are forwarded to: those configured in the environment.
export type Provider = "mixpanel" | "amplitude";

export function forwardingProviders(env: NodeJS.ProcessEnv = process.env): Provider[] {
  const out: Provider[] = [];
  if (env.MIXPANEL_TOKEN) out.push("mixpanel");
  if (env.AMPLITUDE_API_KEY) out.push("amplitude");
  return out;
}
