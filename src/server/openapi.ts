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
    schema: { type: "string", enum: ["json", "markdown"] },
    description: "markdown: { markdown } with the analyst's brief",
  },
];

let cached: object | undefined;

/** The OpenAPI document, generated from the same zod schemas the server validates with. */
export function openApiDocument(): object {
  cached ??= {
    openapi: "3.0.3",
    info: {
      title: "casus",
      version: "1",
      description: `Treaties as code. What-if answers follow the ${RESULT_SCHEMA} contract (docs/result.md).`,
    },
    paths: {
      "/api/health": {
        get: { summary: "liveness and versions", responses: { "200": json({ type: "object" }) } },
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
          responses: { "200": json({ $ref: "#/components/schemas/Result" }), ...errors },
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
        get: { summary: "saved scenarios", responses: { "200": json({ type: "object" }) } },
        post: {
          summary: "save a scenario",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Scenario" } } },
          },
          responses: { "201": json({ $ref: "#/components/schemas/SavedScenario" }), ...errors },
        },
      },
      "/api/scenarios/{id}": {
        get: {
          parameters: [idParam],
          responses: { "200": json({ $ref: "#/components/schemas/SavedScenario" }), "404": json(error) },
        },
        put: {
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Scenario" } } },
          },
          responses: {
            "200": json({ $ref: "#/components/schemas/SavedScenario" }),
            "404": json(error),
            ...errors,
          },
        },
        delete: {
          parameters: [idParam],
          responses: { "204": { description: "deleted" }, "404": json(error) },
        },
      },
      "/api/scenarios/{id}/what-if": {
        get: {
          parameters: [idParam, ...whatIfParams],
          responses: { "200": json({ $ref: "#/components/schemas/Result" }), "404": json(error) },
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
          summary: "import an export (all or nothing)",
          responses: { "200": json({ type: "object" }), ...errors },
        },
      },
    },
    components: {
      schemas: {
        Scenario: schema(Scenario),
        Instrument: schema(Instrument),
        ReadRequest: schema(ReadRequest),
        SavedScenario: {
          type: "object",
          required: ["id", "title", "as_of", "created_at", "updated_at", "scenario"],
          properties: {
            id: { type: "string", format: "uuid" },
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
  return cached;
}
