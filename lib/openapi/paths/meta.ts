// The document itself.
import { z } from "zod";
import { routes } from "../common";

export const metaPaths = routes({
  "/api/v1/openapi.json": {
    get: {
      id: "getOpenApiDocument",
      tag: "Meta",
      summary: "This OpenAPI 3.1 document",
      description: "Public and cacheable. Generate a typed client from it: `npx openapi-typescript <url>/api/v1/openapi.json -o api.d.ts`.",
      auth: "none",
      rateHeaders: false,
      exactErrors: true,
      ok: { status: 200, description: "The document.", schema: z.record(z.string(), z.unknown()).meta({ description: "An OpenAPI 3.1 document." }) },
    },
  },
});
