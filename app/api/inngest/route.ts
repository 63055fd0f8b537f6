import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// Serves the Inngest functions to an Inngest server (cloud or self-hosted).
export const { GET, POST, PUT } = serve({ client: inngest, functions });
