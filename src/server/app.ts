import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { nestingDepth, wellFormed } from "../data/well-formed.js";
import { isRealDate } from "../model/common.js";
import { RESULT_SCHEMA, type Result } from "../model/result.js";
import { STATES } from "../states/registry.js";
import type { Library } from "../treaties/library.js";
import { treatyRows } from "../treaties/listing.js";
import { networkOn } from "../treaties/network.js";
import { resolveState } from "../treaties/normalise.js";
import { BUILTIN_SCENARIOS, readScenarioFile } from "../treaties/scenario-file.js";
import { LibrarySearch } from "../treaties/search.js";
import {
  ImportBody,
  ImportQuery,
  InstrumentsQuery,
  ListQuery,
  NetworkQuery,
  OPENAPI_BASE,
  ResolveQuery,
  ROUTES,
  SearchQuery,
  sharedSchemas,
} from "./api-schemas.js";
import { PerClientLimit, TooManyAtOnce } from "./concurrency.js";
import { DEFAULT_LIMITS, Engine, OverBudget } from "./engine-pool.js";
import { etagOf, parseIfMatch } from "./etag.js";
import { type Exposure, guardExposure } from "./exposure.js";
import { answerClientError, SECURITY_HEADERS } from "./headers.js";
import { Lru } from "./lru.js";
import { registerRead } from "./read-route.js";
import {
  BadRequest,
  fieldOf,
  fileAnswer,
  MAX_DEPTH,
  scenarioFrom,
  type WhatIfRequest,
  whatIfRequest,
} from "./requests.js";
import { StorageFault } from "./storage-fault.js";
import {
  canonicalId,
  type Expected,
  ImportRefused,
  type SavedScenario,
  SCHEMA_VERSION,
  type ScenarioStore,
} from "./store.js";

export interface AppOptions {
  library: Library;
  store: ScenarioStore;
  /** A built web app to serve at `/`, if there is one. */
  webRoot?: string;
  /** Fastify's logger option: off unless given (`casus serve` turns it on, see log.ts). */
  logger?: FastifyServerOptions["logger"];
  /** Where it listens and who may call it; without it, only loopback names are answered and no token is asked. */
  exposure?: Exposure;
  /** What-ifs one client may have running at once. */
  whatIfsPerClient?: number;
  /** Where what-ifs run, and within what budget; without it, in this thread with the default budget. */
  engine?: Engine;
}

export const BODY_LIMIT = 256 * 1024;
const gzip = promisify(gzipCallback);
/** Each request's JSON body as it came, for recognising a request sent again. */
const bodyText = new WeakMap<object, string>();
/** A signal that fires when the client goes away before its answer is written: the work then stops. */
function whileConnected(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

const FILE_FORMATS: ReadonlySet<string> = new Set(["csv", "svg", "png", "dot", "graphml", "bibtex"]);

/** Below this size an answer is sent as it is: compressing it would save less than it costs. */
const MIN_GZIP = 1024;
const gzipOnce = new WeakMap<Buffer, Promise<Buffer>>();
/** An answer compressed once: a cached answer is the same buffer each time, so it is not compressed again. */
function gzipped(json: Buffer): Promise<Buffer> {
  let compressed = gzipOnce.get(json);
  if (!compressed) {
    compressed = gzip(json);
    gzipOnce.set(json, compressed);
  }
  return compressed;
}

/** Whether an Accept-Encoding header allows gzip (and does not refuse it with `q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Sends an engine's answer (UTF-8 JSON): as it is, or made into the file the request asked for. */
async function sendAnswer(reply: FastifyReply, asked: WhatIfRequest, json: Buffer) {
  const file = FILE_FORMATS.has(asked.format)
    ? await fileAnswer(asked.format, JSON.parse(json.toString("utf8")) as Result)
    : null;
  if (!file) {
    reply.type("application/json; charset=utf-8").header("Vary", "Accept-Encoding");
    if (json.length < MIN_GZIP || !acceptsGzip(reply.request.headers["accept-encoding"]))
      return reply.send(json);
    return reply.header("Content-Encoding", "gzip").send(await gzipped(json));
  }
  return reply
    .type(file.type)
    .header("Content-Disposition", `inline; filename="casus.${file.extension}"`)
    .send(file.file);
}

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

function notFound(reply: FastifyReply, what: string) {
  return reply.code(404).send({ error: "not-found", message: `no ${what}` });
}

/** A saved scenario as the API answers it, with its version as the ETag. */
function sendSaved(reply: FastifyReply, saved: SavedScenario, status = 200) {
  return reply.code(status).header("ETag", etagOf(saved.version)).send(saved);
}

/** The version a PUT or DELETE expects, from `If-Match`: required, so no edit overwrites another unseen. */
function expectedVersion(header: string | undefined, method: string): Expected {
  const parsed = parseIfMatch(header);
  if ("expected" in parsed) return parsed.expected;
  if ("invalid" in parsed)
    throw new BadRequest(parsed.invalid, [{ field: "If-Match", message: parsed.invalid }]);
  throw new PreconditionRequired(
    `${method} needs If-Match: the ETag from GET /api/scenarios/{id} (or * to replace whatever is saved)`,
  );
}

class PreconditionRequired extends Error {}

function conflict(reply: FastifyReply, id: string, current: SavedScenario) {
  return reply
    .code(412)
    .header("ETag", etagOf(current.version))
    .send({
      error: "conflict",
      message: `scenario ${id} was changed by someone else: it is now at version ${current.version}. Reload it, or send If-Match: ${etagOf(current.version)} to overwrite.`,
      current,
    });
}

/**
 * The OpenAPI document (`/openapi.json`) and its explorer (`/docs`), from the route schemas. The schemas only
 * document: each handler validates its input with zod (errors name fields), and answers are written as they
 * are, since a compiled serializer would drop any field a schema does not list.
 */
function documentRoutes(app: FastifyInstance): void {
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const schema of sharedSchemas()) app.addSchema(schema);
  app.register(fastifySwagger, {
    openapi: OPENAPI_BASE,
    convertConstToEnum: false,
    // Shared schemas keep their names in components.schemas (the default numbers them def-0, def-1...).
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  app.register(fastifySwaggerUi, { routePrefix: "/docs" });
}

/** The HTTP API. Every route validates its input; nothing a client sends can crash the process. */
export function buildApp({
  library,
  store,
  webRoot,
  logger = false,
  exposure = { host: "127.0.0.1" },
  whatIfsPerClient = 4,
  engine = new Engine(library, {
    threads: 0,
    limits: DEFAULT_LIMITS,
    cacheEntries: 0,
    recipe: { paths: [] },
  }),
}: AppOptions): FastifyInstance {
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    // Logged by the error handler when something goes wrong; a line per request would drown those.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler: answerClientError,
    // A malformed URL (`/%`) is rejected before any hook runs: give it the headers and error shape here.
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply)
        .headers(SECURITY_HEADERS)
        .code(400)
        .send({ error: "bad-request", message: error.message });
    },
  });

  // JSON bodies: depth capped, strings made well-formed, `__proto__` kept as an ordinary key for the schema
  // to name (instead of "not valid JSON").
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, text, done) => {
    bodyText.set(request, text as string);
    let value: unknown;
    try {
      value = text === "" ? undefined : JSON.parse(text as string);
    } catch (error) {
      return done(new BadRequest(`body is not valid JSON: ${(error as Error).message}`));
    }
    if (nestingDepth(value, MAX_DEPTH) > MAX_DEPTH)
      return done(new BadRequest(`body nested deeper than ${MAX_DEPTH} levels`));
    done(null, wellFormed(value));
  });

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
  guardExposure(app, exposure);

  let lastFault: string | undefined;
  store.onFaultChange((fault) => {
    if (fault && fault.message !== lastFault) app.log.error({ cause: fault.kind }, fault.message);
    else if (!fault && lastFault) app.log.info({ dataDir: store.dataDir }, "storage writable again");
    lastFault = fault?.message;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof BadRequest)
      return reply.code(400).send({ error: "bad-request", message: error.message, problems: error.problems });
    if (error instanceof StorageFault)
      return reply
        .code(503)
        .header("Retry-After", error.kind === "busy" ? "1" : "30")
        .send({ error: "storage", cause: error.kind, message: error.message });
    if (error instanceof PreconditionRequired)
      return reply.code(428).send({ error: "precondition-required", message: error.message });
    if (error instanceof OverBudget)
      return reply.code(422).send({
        error: "budget-exceeded",
        exceeded: error.exceeded,
        limit: error.limit,
        message: error.message,
      });
    if (error instanceof TooManyAtOnce)
      return reply.code(429).header("Retry-After", "1").send({ error: "too-many", message: error.message });
    if (error instanceof ImportRefused)
      return reply.code(409).send({
        error: "conflict",
        message: `nothing imported: ${error.message}${error.existing ? " (import with ?overwrite=true to replace them)" : ""}`,
        ids: error.ids,
      });
    if (error.statusCode === 413)
      return reply.code(413).send({ error: "too-large", message: `body larger than ${BODY_LIMIT} bytes` });
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: "bad-request", message: error.message });
    }
    request.log.error({ err: error }, "internal error");
    return reply.code(500).send({ error: "internal", message: "internal error" });
  });

  documentRoutes(app);
  // Once the documentation plugin has loaded, so that it sees every route.
  app.after(() => declareRoutes(app, { library, store, webRoot, whatIfsPerClient, engine }));
  return app;
}

type RouteNeeds = Pick<AppOptions, "library" | "store" | "webRoot"> & {
  whatIfsPerClient: number;
  engine: Engine;
};

function declareRoutes(
  app: FastifyInstance,
  { library, store, webRoot, whatIfsPerClient, engine }: RouteNeeds,
): void {
  app.get("/api/health", { schema: ROUTES.health }, async (_request, reply) => {
    const storage = store.writable();
    return reply.code(storage.writable ? 200 : 503).send({
      ok: storage.writable,
      instruments: library.instruments.length,
      result_schema: RESULT_SCHEMA,
      store_schema: SCHEMA_VERSION,
      version: VERSION,
      storage: storage.writable
        ? { writable: true }
        : { writable: false, cause: storage.fault.kind, message: storage.fault.message },
    });
  });
  app.get("/openapi.json", { schema: ROUTES.hidden }, async () => app.swagger());

  app.get("/api/instruments", { schema: ROUTES.instruments }, async (request) => {
    const query = InstrumentsQuery.safeParse(request.query);
    if (!query.success) throw new BadRequest("invalid query: only on and party are accepted");
    const on = query.data.on ?? new Date().toISOString().slice(0, 10);
    if (!isRealDate(on))
      throw new BadRequest(`on: "${on}" is not a real date (YYYY-MM-DD)`, [
        { field: "on", message: "not a real date" },
      ]);
    let party: string | undefined;
    if (query.data.party) {
      const r = resolveState(library, query.data.party, on);
      if (!r.ok) {
        const message = `${r.message}${r.suggestions.length ? `; did you mean ${r.suggestions.join(", ")}?` : ""}`;
        throw new BadRequest(`party: ${message}`, [{ field: "party", message }]);
      }
      party = r.value;
    }
    return treatyRows(library, on, party);
  });

  app.get<{ Params: { id: string } }>(
    "/api/instruments/:id",
    { schema: ROUTES.instrument },
    async (request, reply) => {
      const instrument = library.byId.get(request.params.id);
      return instrument ?? notFound(reply, `instrument ${request.params.id}`);
    },
  );

  app.get("/api/states", { schema: ROUTES.states }, async () =>
    STATES.map((s) => ({
      code: s.code,
      iso3: s.iso3,
      cow: s.cow,
      name: s.name,
      iso_numeric: s.iso_numeric,
      current: s.spells.some((p) => p.to === null),
    })),
  );

  // The one normaliser of state names and codes, as the CLI uses it: "UK", "Britain", "DPRK", "cow:300".
  app.get("/api/states/resolve", { schema: ROUTES.resolveState }, async (request, reply) => {
    const query = ResolveQuery.safeParse(request.query);
    if (!query.success)
      throw new BadRequest("q: a state's name or code (1–120 characters) is required", [
        { field: "q", message: "required" },
      ]);
    const on = query.data.on ?? new Date().toISOString().slice(0, 10);
    if (!isRealDate(on))
      throw new BadRequest(`on: "${on}" is not a real date (YYYY-MM-DD)`, [
        { field: "on", message: "not a real date" },
      ]);
    const r = resolveState(library, query.data.q, on);
    if (!r.ok)
      return reply.code(404).send({ error: "not-found", message: r.message, suggestions: r.suggestions });
    return { code: r.value, ...library.namedOn(on).registry.ref(r.value) };
  });

  const search = new LibrarySearch(library);
  app.get("/api/search", { schema: ROUTES.search }, async (request) => {
    const query = SearchQuery.safeParse(request.query);
    if (!query.success)
      throw new BadRequest("q: words to find (1–200 characters) are required", [
        { field: "q", message: "required" },
      ]);
    return { query: query.data.q, hits: search.search(query.data.q, query.data.limit ?? 30) };
  });

  app.get("/api/network", { schema: ROUTES.network }, async (request) => {
    const query = NetworkQuery.safeParse(request.query);
    if (!query.success || !isRealDate(query.data.on)) {
      throw new BadRequest("on: a real date (YYYY-MM-DD) is required", [
        { field: "on", message: "not a real date" },
      ]);
    }
    return networkOn(library, query.data.on);
  });

  // Read once: the shipped scenarios do not change while the server runs, and the web app asks first for them.
  let shippedScenarios: unknown[] | undefined;
  app.get("/api/shipped-scenarios", { schema: ROUTES.shippedScenarios }, async () => {
    shippedScenarios ??= (
      existsSync(BUILTIN_SCENARIOS)
        ? readdirSync(BUILTIN_SCENARIOS)
            .filter((f) => f.endsWith(".yaml"))
            .sort()
        : []
    ).flatMap((file) => {
      const read = readScenarioFile(join(BUILTIN_SCENARIOS, file), library);
      if (!("scenario" in read)) return [];
      // The expected answer is for the tests; the web app asks the question, not the answer.
      const { expect: _expected, ...scenario } = read.scenario;
      return [{ id: file.replace(/\.yaml$/, ""), scenario }];
    });
    return shippedScenarios;
  });

  const limit = new PerClientLimit(whatIfsPerClient);
  app.addHook("onClose", async () => engine.close());
  // A request sent again word for word is read as before: validating and placing its points is most of the
  // work of answering it from the cache. Off with the cache, so that "cache off" measures everything.
  const readRequests = new Lru<WhatIfRequest>(engine.settings.cacheEntries);
  app.post("/api/what-if", { schema: ROUTES.whatIf }, async (request, reply) => {
    const text = bodyText.get(request);
    const key = text === undefined ? null : `${request.url}\n${text}`;
    let asked = key === null ? undefined : readRequests.get(key);
    if (!asked) {
      asked = whatIfRequest(library, scenarioFrom(request.body, library), request.query);
      if (key !== null) readRequests.set(key, asked);
    }
    return sendAnswer(
      reply,
      asked,
      await limit.run(request.ip, () => engine.answer(asked, whileConnected(reply))),
    );
  });

  registerRead(app, library);

  app.get("/api/scenarios", { schema: ROUTES.listScenarios }, async (request) => {
    const query = ListQuery.safeParse(request.query);
    if (!query.success) throw new BadRequest("invalid query: limit 1–1000, offset ≥ 0");
    return { total: store.count(), items: store.list(query.data.limit ?? 100, query.data.offset ?? 0) };
  });

  app.post("/api/scenarios", { schema: ROUTES.createScenario }, async (request, reply) => {
    const saved = store.create(scenarioFrom(request.body, library).scenario);
    return sendSaved(reply.header("Location", `/api/scenarios/${saved.id}`), saved, 201);
  });

  /** The id in the path, as stored (UUIDs are compared without regard to case). */
  const withId = (id: string) => {
    const canonical = canonicalId(id);
    if (!canonical)
      throw new BadRequest(`id: "${id}" is not a scenario id`, [{ field: "id", message: "not a UUID" }]);
    return canonical;
  };

  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: ROUTES.getScenario },
    async (request, reply) => {
      const saved = store.get(withId(request.params.id));
      return saved ? sendSaved(reply, saved) : notFound(reply, `scenario ${request.params.id}`);
    },
  );
  app.put<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: ROUTES.replaceScenario },
    async (request, reply) => {
      const id = withId(request.params.id);
      const expected = expectedVersion(request.headers["if-match"], "PUT");
      const outcome = store.update(id, scenarioFrom(request.body, library).scenario, expected);
      if (outcome.ok) return sendSaved(reply, outcome.saved);
      return outcome.reason === "conflict"
        ? conflict(reply, id, outcome.current)
        : notFound(reply, `scenario ${id}`);
    },
  );
  app.delete<{ Params: { id: string } }>(
    "/api/scenarios/:id",
    { schema: ROUTES.deleteScenario },
    async (request, reply) => {
      const id = withId(request.params.id);
      const outcome = store.delete(id, expectedVersion(request.headers["if-match"], "DELETE"));
      if (outcome.ok) return reply.code(204).send();
      return outcome.reason === "conflict"
        ? conflict(reply, id, outcome.current)
        : notFound(reply, `scenario ${id}`);
    },
  );
  app.get<{ Params: { id: string } }>(
    "/api/scenarios/:id/what-if",
    { schema: ROUTES.savedWhatIf },
    async (request, reply) => {
      const saved = store.get(withId(request.params.id));
      if (!saved) return notFound(reply, `scenario ${request.params.id}`);
      const asked = whatIfRequest(library, { scenario: saved.scenario, codeReadings: [] }, request.query);
      return sendAnswer(
        reply,
        asked,
        await limit.run(request.ip, () => engine.answer(asked, whileConnected(reply))),
      );
    },
  );

  app.get("/api/export", { schema: ROUTES.exportScenarios }, async () => ({
    format: "casus.scenarios/1",
    scenarios: store.all().map(({ id, scenario }) => ({ id, scenario })),
  }));
  app.post("/api/import", { schema: ROUTES.importScenarios }, async (request) => {
    const query = ImportQuery.safeParse(request.query);
    if (!query.success) throw new BadRequest("invalid query: only overwrite=true|false is accepted");
    const body = ImportBody.safeParse(request.body);
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
    return { imported: store.importAll(items, { overwrite: query.data.overwrite === "true" }).length };
  });

  if (webRoot && existsSync(webRoot)) {
    app.register(fastifyStatic, { root: webRoot, prefix: "/" });
  }
  app.setNotFoundHandler((request, reply) =>
    notFound(reply, `route ${request.method} ${request.url.split("?")[0]}`),
  );
}
