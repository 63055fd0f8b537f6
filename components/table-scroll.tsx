"use client";

// A wide table scrolls inside its card instead of being cut off or pushing
// the page sideways. While more columns are hidden to the right, a fade and a
// "scroll →" hint say so; the region is focusable (arrow keys scroll it) and
// named for screen readers.
import { useEffect, useRef, useState } from "react";

export function TableScroll({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setMore(el.scrollWidth - el.clientWidth - el.scrollLeft > 2);
    update();
    el.addEventListener("scroll", update, { passive: true });
    // the region's own size, and its table's: a table can grow after mount without the region resizing
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const table = el.querySelector("table");
    if (table) resize.observe(table);
    return () => {
      el.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, []);
  return (
    <div className="relative">
      <div ref={ref} role="region" aria-label={label} tabIndex={0} data-scroll-container
        // Tremor's Table wraps itself in an overflow-auto div; this container does the scrolling instead, so the cue can see it
        className={`overflow-x-auto [&_.tremor-Table-root]:overflow-visible ${className ?? ""}`}>
        {children}
      </div>
      {more && (
        <>
          <div aria-hidden className="pointer-events-none absolute inset-y-0 right-0 w-10 bg-gradient-to-l from-white to-transparent" />
          <span aria-hidden data-testid="scroll-hint" className="pointer-events-none absolute right-1 top-1 rounded-tremor-small bg-white/90 px-1.5 text-tremor-label text-tremor-content shadow-tremor-input">
            scroll →
          </span>
        </>
      )}
    </div>
  );
}
