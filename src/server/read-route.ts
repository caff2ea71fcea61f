import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { DateField } from "../model/common.js";
import { MAX_ARTICLE_CHARS, readArticle } from "../read/index.js";
import type { Library } from "../treaties/library.js";

/** The body of `POST /api/read`: the article's text, and its date where the text gives none. */
export const ReadRequest = z.strictObject({
  text: z
    .string()
    .min(1, "the article is empty")
    .max(MAX_ARTICLE_CHARS, `longer than ${MAX_ARTICLE_CHARS} characters`),
  dateline: DateField.optional(),
  /** What to call the text in the answer (a file name or a URL the user pasted from). */
  name: z.string().max(300).optional(),
});

/** `POST /api/read`: reads a news article into cited claims and a suggested scenario (casus.read/1). */
export function registerRead(app: FastifyInstance, library: Library): void {
  app.post("/api/read", async (request, reply) => {
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
