// The generated OpenAPI document against real answers: every response the tests provoke must be one the
// document declares for that route and status, with a body its schema accepts and the headers it names.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import type { z } from "zod";
import type { ReadResult } from "../src/read/result.js";
import { buildApp } from "../src/server/app.js";
import { DEFAULT_LIMITS, Engine } from "../src/server/engine-pool.js";
import type * as answers from "../src/server/response-schemas.js";
import { type SavedScenario, ScenarioStore } from "../src/server/store.js";
import type { TreatyRow } from "../src/treaties/listing.js";
import { loadLibrary } from "../src/treaties/load.js";
import type { Network } from "../src/treaties/network.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary();
const store = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-openapi-")));
const app = buildApp({ library, store });
afterAll(async () => {
  await app.close();
  store.close();
});

const scenario = (name: string) => parse(readFileSync(join(BUILTIN_SCENARIOS, `${name}.yaml`), "utf8"));
const rokStrike = scenario("korea-2025-rok-strike");

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema: object }> } | undefined
  >;
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> } & {
  components: { schemas: Record<string, object> };
};
const doc = (await app.inject("/openapi.json")).json() as Document;

// Each component under its own name, so the document's `#/components/schemas/X` becomes `X`.
const byName = (value: object) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"'));
const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(byName(schema), name);

/** Checks a response against the operation the document declares for the path template and method. */
function conforms(path: string, method: string, res: LightMyRequestResponse): void {
  const where = `${method.toUpperCase()} ${path} → ${res.statusCode}`;
  const declared = doc.paths[path]?.[method]?.responses[String(res.statusCode)];
  expect(declared, `${where} is documented`).toBeDefined();
  for (const header of Object.keys(declared?.headers ?? {}))
    expect(res.headers[header.toLowerCase()], `${where} sends ${header}`).toBeDefined();
  const media = String(res.headers["content-type"] ?? "").split(";")[0] as string;
  if (res.body !== "" && media !== "application/json") {
    // A file (CSV, SVG, PNG, DOT, GraphML, BibTeX): its media type must be one the route documents.
    expect(Object.keys(declared?.content ?? {}), `${where} documents ${media}`).toContain(media);
    return;
  }
  const schema = declared?.content?.["application/json"]?.schema;
  if (!schema) {
    expect(res.body, `${where} has no body`).toBe("");
    return;
  }
  const validate = ajv.compile(byName(schema));
  const valid = validate(res.json());
  expect(valid ? [] : ajv.errorsText(validate.errors).split(", ").slice(0, 5), where).toEqual([]);
}

const send = async (
  path: string,
  method: "get" | "post" | "put" | "delete",
  url: string,
  options: { payload?: unknown; headers?: Record<string, string> } = {},
) => {
  const res = await app.inject({ method: method.toUpperCase() as "GET", url, ...(options as object) });
  conforms(path, method, res);
  return res;
};

describe("the document", () => {
  it("is OpenAPI 3.1 whose schemas all compile as JSON Schema 2020-12", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const name of Object.keys(doc.components.schemas)) expect(ajv.getSchema(name), name).toBeDefined();
  });

  it("describes the whole result: obligations with strength, pivotal and conditions, no stub objects", () => {
    const result = doc.components.schemas.Result as { properties: Record<string, unknown> };
    expect(Object.keys(result.properties)).toEqual(
      expect.arrayContaining(["obligations", "contested", "texts", "sources", "joining", "available"]),
    );
    const obligation = doc.components.schemas.Obligation as { properties: Record<string, object> };
    expect(obligation.properties).toMatchObject({
      strength: { $ref: "#/components/schemas/Strength" },
      pivotal: { anyOf: [{ $ref: "#/components/schemas/ConditionCode" }, { type: "null" }] },
      conditions: { type: "array", items: { $ref: "#/components/schemas/Condition" } },
    });
    // An object schema that lists no properties says nothing about what is in it.
    const stubs: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (!value || typeof value !== "object") return;
      const node = value as Record<string, unknown>;
      if (node.type === "object" && !node.properties && !node.additionalProperties) stubs.push(at);
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(doc.paths, "#/paths");
    walk(doc.components.schemas, "#/components/schemas");
    expect(stubs).toEqual([]);
  });

  it("documents every route the server answers, with the token where one is set", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/export",
        "/api/health",
        "/api/import",
        "/api/instruments",
        "/api/instruments/{id}",
        "/api/network",
        "/api/read",
        "/api/scenarios",
        "/api/scenarios/{id}",
        "/api/scenarios/{id}/what-if",
        "/api/search",
        "/api/shipped-scenarios",
        "/api/states",
        "/api/states/resolve",
        "/api/what-if",
      ].sort(),
    );
    const whatIf = doc.paths["/api/what-if"]?.post as Operation & { security: object[] };
    expect(whatIf.security).toEqual([{}, { bearer: [] }]);
    expect(whatIf.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["reading", "explain", "format"]),
    );
    expect(Object.keys(whatIf.responses)).toEqual(
      expect.arrayContaining(["200", "400", "413", "422", "429"]),
    );
  });

  it("describes the answers the handlers' own types give", () => {
    expectTypeOf<z.infer<typeof answers.ReadAnswer>>().toEqualTypeOf<ReadResult>();
    expectTypeOf<z.infer<typeof answers.SavedScenario>>().toEqualTypeOf<SavedScenario>();
    expectTypeOf<z.infer<typeof answers.InstrumentRow>>().toEqualTypeOf<TreatyRow>();
    // Nodes are `ActorRef & {code}`, which the strict equality cannot compare to a union: each way instead.
    expectTypeOf<z.infer<typeof answers.Network>>().toExtend<Network>();
    expectTypeOf<Network>().toExtend<z.infer<typeof answers.Network>>();
  });

  it("is served to people at /docs", async () => {
    const page = await app.inject("/docs");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("swagger-ui");
    expect((await app.inject("/docs/json")).json()).toEqual(doc);
  });
});

describe("what-if answers conform", () => {
  // Together these fill every list of the result (checked below), so no part of the schema goes untested.
  const names = [
    "korea-2025-dprk-invades",
    "iraq-invades-kuwait-1990",
    "kursk-2024-12-05",
    "germany-invades-poland-1939",
    "ukraine-nuclear-threat-2025",
    "black-sea-warship-2025",
  ];
  const filled = new Set<string>();

  it.each(names)("%s, on the whole library", async (name) => {
    const res = await send("/api/what-if", "post", "/api/what-if", { payload: scenario(name) });
    expect(res.statusCode).toBe(200);
    for (const [key, value] of Object.entries(res.json()))
      if (Array.isArray(value) && value.length) filled.add(key);
  });

  it("with an instrument reading adopted, ?explain= and the brief", async () => {
    const adopted = await send("/api/what-if", "post", "/api/what-if?reading=invasion-rendering", {
      payload: rokStrike,
    });
    expect(adopted.json().adopted).toEqual(["russia-dprk-2024/mutual-assistance/invasion-rendering"]);
    filled.add("adopted");
    const explained = await send("/api/what-if", "post", "/api/what-if?explain=North%20Korea", {
      payload: rokStrike,
    });
    expect(explained.json().obligations.length).toBeGreaterThan(0);
    const brief = await send("/api/what-if", "post", "/api/what-if?format=markdown", { payload: rokStrike });
    expect(brief.json().markdown).toMatch(/^#/);
    const text = await send("/api/what-if", "post", "/api/what-if?format=text&explain=PRK", {
      payload: rokStrike,
    });
    expect(typeof text.json().text).toBe("string");
    for (const format of ["csv", "svg", "dot", "graphml", "bibtex"]) {
      const file = await send("/api/what-if", "post", `/api/what-if?format=${format}`, {
        payload: rokStrike,
      });
      expect(file.statusCode, format).toBe(200);
      expect(file.body.length, format).toBeGreaterThan(0);
    }
  });

  it("filled every list of the result", () => {
    const lists = Object.entries(
      (doc.components.schemas.Result as { properties: Record<string, { type?: string }> }).properties,
    )
      .filter(([, property]) => property.type === "array")
      .map(([key]) => key);
    expect(lists.filter((key) => !filled.has(key))).toEqual([]);
  });

  it("refusals: an unknown state (400), an unknown route (404), a body too large (413)", async () => {
    const bad = await send("/api/what-if", "post", "/api/what-if", {
      payload: { ...rokStrike, events: [{ ...rokStrike.events[0], by: "Atlantis" }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().problems[0].field).toBe("events[0].by");
    expect(
      (await send("/api/what-if", "post", "/api/what-if?bogus=1", { payload: rokStrike })).statusCode,
    ).toBe(400);
    const large = await send("/api/what-if", "post", "/api/what-if", {
      payload: { ...rokStrike, description: "x".repeat(300_000) },
    });
    expect(large.statusCode).toBe(413);
  });

  it("past the work budget: 422 naming what was exceeded", async () => {
    const tight = buildApp({
      library,
      store,
      engine: new Engine(library, {
        threads: 0,
        limits: { ...DEFAULT_LIMITS, evaluations: 5 },
        cacheEntries: 0,
        recipe: { paths: [] },
      }),
    });
    const res = await tight.inject({ method: "POST", url: "/api/what-if", payload: rokStrike });
    await tight.close();
    conforms("/api/what-if", "post", res);
    expect(res.json()).toMatchObject({ error: "budget-exceeded", exceeded: "evaluations", limit: 5 });
  });
});

describe("the other routes conform", () => {
  it("health, instruments, states, network, shipped scenarios", async () => {
    expect((await send("/api/health", "get", "/api/health")).statusCode).toBe(200);
    const rows = await send("/api/instruments", "get", "/api/instruments?on=2024-10-15&party=North%20Korea");
    expect(rows.json().length).toBeGreaterThan(0);
    expect((await send("/api/instruments", "get", "/api/instruments?on=2024-02-30")).statusCode).toBe(400);
    const one = await send("/api/instruments/{id}", "get", "/api/instruments/north-atlantic-treaty-1949");
    expect(one.json().id).toBe("north-atlantic-treaty-1949");
    expect((await send("/api/instruments/{id}", "get", "/api/instruments/nope")).statusCode).toBe(404);
    expect((await send("/api/states", "get", "/api/states")).json().length).toBeGreaterThan(200);
    const uk = await send("/api/states/resolve", "get", "/api/states/resolve?q=Britain");
    expect(uk.json()).toMatchObject({ code: "GBR", iso3: "GBR" });
    expect((await send("/api/states/resolve", "get", "/api/states/resolve?q=Ukrane")).statusCode).toBe(404);
    const hits = await send("/api/search", "get", "/api/search?q=armed%20attack&limit=5");
    expect(hits.json().hits.length).toBeGreaterThan(0);
    const network = await send("/api/network", "get", "/api/network?on=1962-10-22");
    expect(network.json().edges.length).toBeGreaterThan(0);
    expect((await send("/api/shipped-scenarios", "get", "/api/shipped-scenarios")).json().length).toBe(
      readdirSync(BUILTIN_SCENARIOS).filter((f) => f.endsWith(".yaml")).length,
    );
  });

  it("the reader, on a real article", async () => {
    const text = readFileSync(new URL("./read/articles/nato-article-4.txt", import.meta.url), "utf8");
    const read = await send("/api/read", "post", "/api/read", { payload: { text, dateline: "2025-09-10" } });
    expect(read.json().schema).toBe("casus.read/1");
    expect((await send("/api/read", "post", "/api/read", { payload: { text: "" } })).statusCode).toBe(400);
  });

  it("saved scenarios with their ETags: create, list, read, replace, conflict, run, export, import, delete", async () => {
    const created = await send("/api/scenarios", "post", "/api/scenarios", { payload: rokStrike });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const one = "/api/scenarios/{id}";
    expect((await send("/api/scenarios", "get", "/api/scenarios?limit=5")).json().total).toBeGreaterThan(0);
    expect((await send(one, "get", `/api/scenarios/${id}`)).headers.etag).toBe('"1"');
    const renamed = { ...rokStrike, title: "renamed" };
    expect((await send(one, "put", `/api/scenarios/${id}`, { payload: renamed })).statusCode).toBe(428);
    const replaced = await send(one, "put", `/api/scenarios/${id}`, {
      payload: renamed,
      headers: { "if-match": '"1"' },
    });
    expect(replaced.headers.etag).toBe('"2"');
    const stale = await send(one, "put", `/api/scenarios/${id}`, {
      payload: rokStrike,
      headers: { "if-match": '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(2);
    const run = await send("/api/scenarios/{id}/what-if", "get", `/api/scenarios/${id}/what-if?explain=KOR`);
    expect(run.json().schema).toBe("casus.result/2");
    const exported = await send("/api/export", "get", "/api/export");
    const again = await send("/api/import", "post", "/api/import", { payload: exported.json() });
    expect(again.statusCode).toBe(409);
    const overwritten = await send("/api/import", "post", "/api/import?overwrite=true", {
      payload: exported.json(),
    });
    expect(overwritten.json().imported).toBe(exported.json().scenarios.length);
    expect((await send(one, "get", "/api/scenarios/not-an-id")).statusCode).toBe(400);
    const gone = await send(one, "delete", `/api/scenarios/${id}`, { headers: { "if-match": "*" } });
    expect(gone.statusCode).toBe(204);
    expect((await send(one, "get", `/api/scenarios/${id}`)).statusCode).toBe(404);
  });

  it("a request under another Host name: 421", async () => {
    const res = await app.inject({ url: "/api/health", headers: { host: "evil.example" } });
    conforms("/api/health", "get", res);
    expect(res.statusCode).toBe(421);
  });
});
