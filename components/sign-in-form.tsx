"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

const MESSAGES: Record<string, string> = {
  invalid: "Email or password is wrong.",
  suspended: "This account is suspended. Contact support.",
  rate_limited: "Too many failed attempts. Wait 15 minutes and try again.",
  CredentialsSignin: "Email or password is wrong.",
};

export function SignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const [error, setError] = useState(initialError ? (MESSAGES[initialError] ?? "Sign-in failed.") : "");
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError("");
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!res || res.error) {
      setPending(false);
      setError(MESSAGES[res?.error ?? ""] ?? "Sign-in failed.");
      return;
    }
    // "/" sends each role to its own home.
    window.location.assign(callbackUrl ?? "/");
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
      <label className="flex flex-col gap-1 text-tremor-default">
        Email
        <input name="email" type="email" autoComplete="username" required className="rounded-tremor-small border border-tremor-border px-3 py-2 outline-none focus:ring-2 focus:ring-tremor-brand-muted" />
      </label>
      <label className="flex flex-col gap-1 text-tremor-default">
        Password
        <input name="password" type="password" autoComplete="current-password" required className="rounded-tremor-small border border-tremor-border px-3 py-2 outline-none focus:ring-2 focus:ring-tremor-brand-muted" />
      </label>
      {error && <p role="alert" data-testid="sign-in-error" className="text-tremor-default text-red-600">{error}</p>}
      <button type="submit" disabled={pending} className="rounded-tremor-small bg-tremor-brand px-4 py-2 font-medium text-white hover:bg-tremor-brand-emphasis disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
