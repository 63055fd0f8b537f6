"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      className="rounded-tremor-small border border-tremor-border px-3 py-1.5 text-tremor-default hover:bg-tremor-background-subtle"
    >
      Sign out
    </button>
  );
}
