import type { FastifyInstance } from "fastify";
import { readArticle } from "../read/index.js";
import type { Library } from "../treaties/library.js";
import { ReadRequest, ROUTES } from "./api-schemas.js";

/** `POST /api/read`: reads a news article into cited claims and a suggested scenario (casus.read/1). */
export function registerRead(app: FastifyInstance, library: Library): void {
  app.post("/api/read", { schema: ROUTES.read }, async (request, reply) => {
    const parsed = ReadRequest.safeParse(request.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({
        field: i.path.map(String).join(".") || "(body)",
        message: i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message,
      }));
      return reply.code(400).send({
        error: "bad-request",
        message: `invalid article: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
        problems,
      });
    }
    const { text, dateline, name } = parsed.data;
    return readArticle(text, library, { name: name ?? "pasted text", ...(dateline ? { dateline } : {}) });
  });
}
