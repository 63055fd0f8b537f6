// Rows of one SELECT through a server-side cursor (pg-query-stream on its own
// pg client), in chunks: only one chunk is ever in memory, whatever the size.
import pg from "pg";
import QueryStream from "pg-query-stream";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CHUNK_ROWS = Number(process.env.RUN_CHUNK_ROWS ?? 5000);

export async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "report-run" });
  await client.connect();
  return client;
}

/** Chunks of rows, `size` at a time, read through a cursor on `client`. */
export async function* cursorChunks(client: pg.Client, sql: Prisma.Sql, size = CHUNK_ROWS): AsyncGenerator<Record<string, unknown>[]> {
  const stream = client.query(new QueryStream(sql.text, sql.values as unknown[], { batchSize: Math.min(size, 2000) }));
  let chunk: Record<string, unknown>[] = [];
  try {
    for await (const row of stream) {
      chunk.push(row as Record<string, unknown>);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length) yield chunk;
  } finally {
    // Stops the cursor when the consumer leaves early (cancel, error).
    if (!stream.destroyed) stream.destroy();
  }
}
