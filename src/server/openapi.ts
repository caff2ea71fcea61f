import { z } from "zod";
import { Instrument } from "../model/instrument.js";
import { RESULT_SCHEMA } from "../model/result.js";
import { Scenario } from "../model/scenario.js";
import { ReadRequest } from "./read-route.js";

const schema = (s: z.ZodType) =>
  z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "openapi-3.0" });

const error = { $ref: "#/components/schemas/Error" };
const errors = {
  "400": {
    description: "invalid input; `problems` names each field",
    content: { "application/json": { schema: error } },
  },
  "413": { description: "body too large", content: { "application/json": { schema: error } } },
};
const json = (ref: object, description = "OK") => ({
  description,
  content: { "application/json": { schema: ref } },
});
// Hardening (issue 12): versions and preconditions, storage faults, exposure. Kept together so they move
// as one block when the document is generated from the zod schemas.
const etagHeader = {
  ETag: { description: "the saved scenario's version, for If-Match", schema: { type: "string" } },
};
const ifMatchParam = {
  name: "If-Match",
  in: "header",
  required: true,
  schema: { type: "string" },
  description:
    'the ETag from GET (e.g. "3"); * replaces whatever is saved. Missing: 428. Stale: 412 with the current version.',
};
const conflict = {
  "412": {
    description: "someone else changed it first; `current` is the scenario as now saved, with its version",
    headers: etagHeader,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Conflict" } } },
  },
  "428": { description: "If-Match is missing", content: { "application/json": { schema: error } } },
};
const storage = {
  "503": {
    description:
      "the data directory cannot be written or read now (`cause`: disk-full, read-only, busy, io-error, corrupt); retry after Retry-After",
    content: { "application/json": { schema: error } },
  },
};
const exposure = {
  "401": {
    description:
      "the server was started with a token and the request did not carry it (Authorization: Bearer, or the cookie set by /?token=)",
    content: { "application/json": { schema: error } },
  },
  "421": {
    description: "the Host header is not a name this server answers to",
    content: { "application/json": { schema: error } },
  },
};
const busy = {
  "429": {
    description: "this client already has its maximum of what-ifs running; retry after Retry-After",
    content: { "application/json": { schema: error } },
  },
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const whatIfParams = [
  {
    name: "reading",
    in: "query",
    schema: { type: "array", items: { type: "string" } },
    description: "victim | territorial, or an instrument reading id",
  },
  {
    name: "declines",
    in: "query",
    schema: { type: "array", items: { type: "string" } },
    description: "states that decline to act",
  },
  { name: "explain", in: "query", schema: { type: "string" }, description: "answer for one state only" },
  {
    name: "format",
    in: "query",
    schema: {
      type: "string",
      enum: ["json", "markdown", "text", "csv", "svg", "png", "dot", "graphml", "bibtex"],
    },
    description:
      "markdown: { markdown } with the analyst's brief; text: { text }; csv: one row per obligation; svg, png: the map by role; dot, graphml: the cascade; bibtex: the sources",
  },
];

let cached: object | undefined;

/** The OpenAPI document, generated from the same zod schemas the server validates with. */
export function openApiDocument(): object {
  if (cached) return cached;
  cached = {
    openapi: "3.0.3",
    info: {
      title: "casus",
      version: "1",
      description: `Treaties as code. What-if answers follow the ${RESULT_SCHEMA} contract (docs/result.md).`,
    },
    paths: {
      "/api/health": {
        get: {
          summary: "liveness, versions, and whether the database takes a write (never needs the token)",
          responses: {
            "200": json({ $ref: "#/components/schemas/Health" }),
            "503": json(
              { $ref: "#/components/schemas/Health" },
              "the database cannot be written; `storage` says why",
            ),
          },
        },
      },
      "/api/instruments": {
        get: {
          summary: "instruments and their status on a date",
          parameters: [
            { name: "on", in: "query", schema: { type: "string", format: "date" } },
            { name: "party", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": json({ type: "array", items: { type: "object" } }), ...errors },
        },
      },
      "/api/instruments/{id}": {
        get: {
          summary: "one instrument",
          parameters: [{ ...idParam, schema: { type: "string" } }],
          responses: { "200": json({ $ref: "#/components/schemas/Instrument" }), "404": json(error) },
        },
      },
      "/api/states": {
        get: {
          summary: "the state registry: ISO3, COW and ISO numeric codes",
          responses: { "200": json({ type: "array", items: { type: "object" } }) },
        },
      },
      "/api/states/resolve": {
        get: {
          summary:
            "a state's name, alias or code (UK, Britain, DPRK, cow:300) to its code, through the CLI's normaliser",
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string" } },
            { name: "on", in: "query", schema: { type: "string", format: "date" } },
          ],
          responses: { "200": json({ type: "object" }), "404": json(error), ...errors },
        },
      },
      "/api/search": {
        get: {
          summary: "full-text search over the library: titles, articles, renderings, readings, notes",
          parameters: [
            { name: "q", in: "query", required: true, schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer" } },
          ],
          responses: { "200": json({ type: "object" }), ...errors },
        },
      },
      "/api/network": {
        get: {
          summary: "the alliance network in force on a date (nodes: states; edges: provisions)",
          parameters: [
            { name: "on", in: "query", required: true, schema: { type: "string", format: "date" } },
          ],
          responses: { "200": json({ type: "object" }), ...errors },
        },
      },
      "/api/shipped-scenarios": {
        get: {
          summary: "the scenarios shipped with casus",
          responses: { "200": json({ type: "array", items: { type: "object" } }) },
        },
      },
      "/api/what-if": {
        post: {
          summary: "run a what-if (the body is a scenario, as in a scenario file)",
          parameters: whatIfParams,
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Scenario" } } },
          },
          responses: { "200": json({ $ref: "#/components/schemas/Result" }), ...errors, ...busy },
        },
      },
      "/api/read": {
        post: {
          summary:
            "read a news article: instruments, quoted articles, actors, events and a suggested what-if (casus.read/1)",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/ReadRequest" } } },
          },
          responses: { "200": json({ type: "object" }), ...errors },
        },
      },
      "/api/scenarios": {
        get: { summary: "saved scenarios", responses: { "200": json({ type: "object" }), ...storage } },
        post: {
          summary: "save a scenario",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Scenario" } } },
          },
          responses: {
            "201": { ...json({ $ref: "#/components/schemas/SavedScenario" }), headers: etagHeader },
            ...errors,
            ...storage,
          },
        },
      },
      "/api/scenarios/{id}": {
        get: {
          parameters: [idParam],
          responses: {
            "200": { ...json({ $ref: "#/components/schemas/SavedScenario" }), headers: etagHeader },
            "404": json(error),
            ...storage,
          },
        },
        put: {
          summary: "replace a saved scenario, if it is still at the version in If-Match",
          parameters: [idParam, ifMatchParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Scenario" } } },
          },
          responses: {
            "200": { ...json({ $ref: "#/components/schemas/SavedScenario" }), headers: etagHeader },
            "404": json(error),
            ...errors,
            ...conflict,
            ...storage,
          },
        },
        delete: {
          summary: "delete a saved scenario, if it is still at the version in If-Match",
          parameters: [idParam, ifMatchParam],
          responses: { "204": { description: "deleted" }, "404": json(error), ...conflict, ...storage },
        },
      },
      "/api/scenarios/{id}/what-if": {
        get: {
          parameters: [idParam, ...whatIfParams],
          responses: {
            "200": json({ $ref: "#/components/schemas/Result" }),
            "404": json(error),
            ...busy,
            ...storage,
          },
        },
      },
      "/api/export": {
        get: {
          summary: "every saved scenario, as one document",
          responses: { "200": json({ type: "object" }) },
        },
      },
      "/api/import": {
        post: {
          summary:
            "import an export (all or nothing): ids are kept; an id already saved needs overwrite=true",
          parameters: [
            {
              name: "overwrite",
              in: "query",
              schema: { type: "string", enum: ["true", "false"] },
              description: "replace scenarios already saved under the same ids (their version goes up)",
            },
          ],
          responses: {
            "200": json({ type: "object", properties: { imported: { type: "integer" } } }),
            "409": json(
              {
                allOf: [
                  error,
                  { type: "object", properties: { ids: { type: "array", items: { type: "string" } } } },
                ],
              },
              "ids already saved (without overwrite=true) or repeated in the import; nothing was imported",
            ),
            ...errors,
            ...storage,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "needed when the server was started with --token or CASUS_TOKEN (always beyond loopback)",
        },
      },
      schemas: {
        Scenario: schema(Scenario),
        Instrument: schema(Instrument),
        ReadRequest: schema(ReadRequest),
        SavedScenario: {
          type: "object",
          required: ["id", "title", "as_of", "created_at", "updated_at", "version", "scenario"],
          properties: {
            id: { type: "string", format: "uuid", description: "compared without regard to case" },
            version: {
              type: "integer",
              minimum: 1,
              description: "goes up by one with every change; the ETag",
            },
            title: { type: "string" },
            as_of: { type: "string" },
            created_at: { type: "string" },
            updated_at: { type: "string" },
            scenario: { $ref: "#/components/schemas/Scenario" },
          },
        },
        Result: {
          type: "object",
          description: `${RESULT_SCHEMA}; documented field by field in docs/result.md`,
          required: [
            "schema",
            "as_of",
            "assumptions",
            "obligations",
            "belligerents",
            "not_triggered",
            "not_in_force",
            "conflicts",
            "violations",
            "contested",
          ],
          properties: { schema: { type: "string", enum: [RESULT_SCHEMA] } },
        },
        Conflict: {
          type: "object",
          required: ["error", "message", "current"],
          properties: {
            error: { type: "string", enum: ["conflict"] },
            message: { type: "string" },
            current: { $ref: "#/components/schemas/SavedScenario" },
          },
        },
        Health: {
          type: "object",
          required: ["ok", "instruments", "result_schema", "store_schema", "storage"],
          properties: {
            ok: { type: "boolean" },
            instruments: { type: "integer" },
            result_schema: { type: "string" },
            store_schema: { type: "integer" },
            storage: {
              type: "object",
              required: ["writable"],
              properties: {
                writable: { type: "boolean" },
                cause: { type: "string", enum: ["disk-full", "read-only", "busy", "io-error", "corrupt"] },
                message: { type: "string" },
              },
            },
          },
        },
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string" },
            message: { type: "string" },
            problems: {
              type: "array",
              items: {
                type: "object",
                properties: { field: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
  // Every route can be refused by the Host check; every /api route but the health check by the token.
  const paths = (
    cached as { paths: Record<string, Record<string, { responses: object; security?: object }>> }
  ).paths;
  for (const [path, operations] of Object.entries(paths))
    for (const operation of Object.values(operations)) {
      operation.responses = {
        ...operation.responses,
        ...(path === "/api/health" ? { "421": exposure["421"] } : exposure),
      };
      if (path.startsWith("/api/") && path !== "/api/health") operation.security = [{}, { bearer: [] }];
    }
  return cached;
}
