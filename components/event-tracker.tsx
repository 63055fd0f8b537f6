"use client";

// Sends a page_view on every App Router navigation (and the first load),
// through the browser tracker (lib/events/tracker.ts). Rendered once in the
// root layout, so signed-out pages (sign-in) are tracked under the anonymous
// id, which the first signed-in batch links to the user.
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useRef } from "react";
import { createTracker } from "@/lib/events/tracker";

type Tracker = ReturnType<typeof createTracker>;
let tracker: Tracker | null = null;

/** The page's tracker (one per tab), for components that send their own events. */
export function browserTracker(): Tracker {
  if (!tracker) {
    tracker = createTracker();
    tracker.start();
  }
  return tracker;
}

function PageViews() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const url = pathname + (search ? `?${search}` : "");
    // the first view's referrer is the browser's; later ones are the previous in-app page
    const referrer = previous.current ?? (document.referrer || null);
    previous.current = window.location.origin + url;
    const t = browserTracker();
    t.track("page_view", { url, referrer });
    void t.flush();
  }, [pathname, search]);
  return null;
}

export function EventTracker() {
  return (
    <Suspense fallback={null}>
      <PageViews />
    </Suspense>
  );
}
