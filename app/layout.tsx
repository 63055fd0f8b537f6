import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { EventTracker } from "@/components/event-tracker";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Marketplace Analytics", template: "%s · Marketplace Analytics" } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request renders every page per request: each needs its own CSP nonce (proxy.ts).
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        <EventTracker />
      </body>
    </html>
  );
}
