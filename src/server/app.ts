import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import { z } from "zod";
import { isRealDate } from "../model/common.js";
import { RESULT_SCHEMA } from "../model/result.js";
import { STATES } from "../states/registry.js";
import type { Library } from "../treaties/library.js";
import { treatyRows } from "../treaties/listing.js";
import { networkOn } from "../treaties/network.js";
import { BUILTIN_SCENARIOS, readScenarioFile } from "../treaties/scenario-file.js";
import { openApiDocument } from "./openapi.js";
import { registerRead } from "./read-route.js";
import { answerHere, BadRequest, fieldOf, scenarioFrom, whatIfRequest } from "./requests.js";
import type { ScenarioStore } from "./store.js";

export interface AppOptions {
  library: Library;
  store: ScenarioStore;
  /** A built web app to serve at `/`, if there is one. */
  webRoot?: string;
  logger?: boolean;
}

export const BODY_LIMIT = 256 * 1024;
const ID = z.string().uuid();

function notFound(reply: FastifyReply, what: string) {
  return reply.code(404).send({ error: "not-found", message: `no ${what}` });
}

/** The HTTP API. Every route validates its input; nothing a client sends can crash the process. */
export function buildApp({ library, store, webRoot, logger = false }: AppOptions): FastifyInstance {
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
  });

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    reply.header(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'",
    );
    return payload;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof BadRequest)
      return reply.code(400).send({ error: "bad-request", message: error.message, problems: error.problems });
    if (error.statusCode === 413)
      return reply.code(413).send({ error: "too-large", message: `body larger than ${BODY_LIMIT} bytes` });
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: "bad-request", message: error.message });
    }
    app.log.error(error);
    return reply.code(500).send({ error: "internal", message: "internal error" });
  });

  app.get("/api/health", async () => ({
    ok: true,
    instruments: library.instruments.length,
    result_schema: RESULT_SCHEMA,
    store_schema: store.schemaVersion,
  }));
  app.get("/openapi.json", async () => openApiDocument());

  app.get("/api/instruments", async (request) => {
    const query = z
      .strictObject({ on: z.string().optional(), party: z.string().optional() })
      .safeParse(request.query);
    if (!query.success) throw new BadRequest("invalid query: only on and party are accepted");
    const on = query.data.on ?? new Date().toISOString().slice(0, 10);
    if (!isRealDate(on))
      throw new BadRequest(`on: "${on}" is not a real date (YYYY-MM-DD)`, [
        { field: "on", message: "not a real date" },
      ]);
    if (query.data.party && !library.registry.canonical(query.data.party)) {
      throw new BadRequest(`party: unknown state code ${query.data.party}`, [
        { field: "party", message: "unknown state code" },
      ]);
    }
    return treatyRows(library, on, query.data.party);
  });

  app.get<{ Params: { id: string } }>("/api/instruments/:id", async (request, reply) => {
    const instrument = library.byId.get(request.params.id);
    return instrument ?? notFound(reply, `instrument ${request.params.id}`);
  });

  app.get("/api/states", async () =>
    STATES.map((s) => ({
      code: s.code,
      iso3: s.iso3,
      cow: s.cow,
      name: s.name,
      iso_numeric: s.iso_numeric,
      current: s.spells.some((p) => p.to === null),
    })),
  );

  app.get("/api/network", async (request) => {
    const query = z.strictObject({ on: z.string() }).safeParse(request.query);
    if (!query.success || !isRealDate(query.data.on)) {
      throw new BadRequest("on: a real date (YYYY-MM-DD) is required", [
        { field: "on", message: "not a real date" },
      ]);
    }
    return networkOn(library, query.data.on);
  });

  app.get("/api/shipped-scenarios", async () => {
    const files = existsSync(BUILTIN_SCENARIOS)
      ? readdirSync(BUILTIN_SCENARIOS)
          .filter((f) => f.endsWith(".yaml"))
          .sort()
      : [];
    return files.flatMap((file) => {
      const read = readScenarioFile(join(BUILTIN_SCENARIOS, file), library);
      if (!("scenario" in read)) return [];
      // The expected answer is for the tests; the web app asks the question, not the answer.
      const { expect: _expected, ...scenario } = read.scenario;
      return [{ id: file.replace(/\.yaml$/, ""), scenario }];
    });
  });

  app.post("/api/what-if", async (request) =>
    answerHere(library, whatIfRequest(library, scenarioFrom(request.body, library), request.query)),
  );

  registerRead(app, library);

  app.get("/api/scenarios", async (request) => {
    const query = z
      .strictObject({
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      })
      .safeParse(request.query);
    if (!query.success) throw new BadRequest("invalid query: limit 1–1000, offset ≥ 0");
    return { total: store.count(), items: store.list(query.data.limit ?? 100, query.data.offset ?? 0) };
  });

  app.post("/api/scenarios", async (request, reply) => {
    const saved = store.create(scenarioFrom(request.body, library).scenario);
    return reply.code(201).header("Location", `/api/scenarios/${saved.id}`).send(saved);
  });

  const withId = (id: string) => {
    if (!ID.safeParse(id).success)
      throw new BadRequest(`id: "${id}" is not a scenario id`, [{ field: "id", message: "not a UUID" }]);
    return id;
  };

  app.get<{ Params: { id: string } }>("/api/scenarios/:id", async (request, reply) => {
    return store.get(withId(request.params.id)) ?? notFound(reply, `scenario ${request.params.id}`);
  });
  app.put<{ Params: { id: string } }>("/api/scenarios/:id", async (request, reply) => {
    const id = withId(request.params.id);
    return (
      store.update(id, scenarioFrom(request.body, library).scenario) ?? notFound(reply, `scenario ${id}`)
    );
  });
  app.delete<{ Params: { id: string } }>("/api/scenarios/:id", async (request, reply) => {
    const id = withId(request.params.id);
    return store.delete(id) ? reply.code(204).send() : notFound(reply, `scenario ${id}`);
  });
  app.get<{ Params: { id: string } }>("/api/scenarios/:id/what-if", async (request, reply) => {
    const saved = store.get(withId(request.params.id));
    return saved
      ? answerHere(
          library,
          whatIfRequest(library, { scenario: saved.scenario, codeReadings: [] }, request.query),
        )
      : notFound(reply, `scenario ${request.params.id}`);
  });

  app.get("/api/export", async () => ({
    format: "casus.scenarios/1",
    scenarios: store.all().map(({ id, scenario }) => ({ id, scenario })),
  }));
  app.post("/api/import", async (request) => {
    const body = z
      .strictObject({
        format: z.literal("casus.scenarios/1"),
        scenarios: z
          .array(z.strictObject({ id: z.string().uuid().optional(), scenario: z.unknown() }))
          .max(10_000),
      })
      .safeParse(request.body);
    if (!body.success)
      throw new BadRequest(
        `invalid import: ${body.error.issues.map((i) => `${fieldOf(i.path)}: ${i.message}`).join("; ")}`,
      );
    const items = body.data.scenarios.map((item, i) => {
      try {
        return {
          ...(item.id ? { id: item.id } : {}),
          scenario: scenarioFrom(item.scenario, library).scenario,
        };
      } catch (error) {
        if (error instanceof BadRequest)
          throw new BadRequest(
            `scenarios[${i}]: ${error.message}`,
            error.problems.map((p) => ({ ...p, field: `scenarios[${i}].scenario.${p.field}` })),
          );
        throw error;
      }
    });
    return { imported: store.importAll(items).length };
  });

  if (webRoot && existsSync(webRoot)) {
    app.register(fastifyStatic, { root: webRoot, prefix: "/" });
  }
  app.setNotFoundHandler((request, reply) =>
    notFound(reply, `route ${request.method} ${request.url.split("?")[0]}`),
  );
  return app;
}
