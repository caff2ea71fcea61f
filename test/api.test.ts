import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Result } from "../src/model/result.js";
import { acceptsGzip, BODY_LIMIT, buildApp } from "../src/server/app.js";
import { DEFAULT_LIMITS, Engine } from "../src/server/engine-pool.js";
import { SCHEMA_VERSION, ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const dataDir = mkdtempSync(join(tmpdir(), "casus-api-"));
const store = new ScenarioStore(dataDir);
const app = buildApp({ library, store });
afterAll(async () => {
  await app.close();
  store.close();
});

const rokStrike = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const post = (url: string, payload: unknown) =>
  app.inject({ method: "POST", url, payload: payload as object });

describe("GET routes", () => {
  it("/api/health", async () => {
    const res = await app.inject("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      result_schema: "casus.result/2",
      store_schema: SCHEMA_VERSION,
      storage: { writable: true },
    });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'self'/);
  });

  it("/api/instruments?on=&party= lists status on the date", async () => {
    const res = await app.inject("/api/instruments?on=2024-10-15&party=PRK");
    const status = Object.fromEntries(
      (res.json() as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    );
    expect(status["russia-dprk-2024"]).toBe("signed");
    expect(status["russia-dprk-2000"]).toBe("in-force");
  });

  it("/api/instruments/:id and a missing id", async () => {
    expect((await app.inject("/api/instruments/china-dprk-1961")).json()).toMatchObject({
      id: "china-dprk-1961",
      atopid: 3445,
    });
    expect((await app.inject("/api/instruments/nope")).statusCode).toBe(404);
  });

  it("/api/shipped-scenarios", async () => {
    const list = (await app.inject("/api/shipped-scenarios")).json() as { id: string }[];
    expect(list.map((s) => s.id)).toContain("korea-2024-10-15-incident");
  });

  it("/openapi.json is generated from the schemas", async () => {
    const doc = (await app.inject("/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/what-if", "/api/scenarios", "/api/scenarios/{id}"]),
    );
    expect(Object.keys(doc.components.schemas.Scenario.properties)).toEqual(
      expect.arrayContaining(["as_of", "events"]),
    );
  });
});

describe("POST /api/what-if", () => {
  it("answers a scenario with the CLI's JSON contract", async () => {
    const res = await post("/api/what-if", rokStrike);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.schema).toBe("casus.result/2");
    expect(Result.safeParse(result).success).toBe(true);
    expect(
      result.obligations.some(
        (o: { obligor: { iso3: string }; instrument: string }) =>
          o.obligor.iso3 === "RUS" && o.instrument === "russia-dprk-2024",
      ),
    ).toBe(true);
  });

  it("takes readings and explain in the query, checked before the engine runs", async () => {
    const russiaBound = (r: { obligations: { obligor: { iso3: string }; instrument: string }[] }) =>
      r.obligations.some((o) => o.obligor.iso3 === "RUS" && o.instrument === "russia-dprk-2024");
    expect(russiaBound((await post("/api/what-if", rokStrike)).json())).toBe(true);
    // Under the "armed invasion" rendering of Art. 4, a strike is not enough.
    expect(russiaBound((await post("/api/what-if?reading=invasion-rendering", rokStrike)).json())).toBe(
      false,
    );
    const explained = (await post("/api/what-if?explain=north%20korea", rokStrike)).json();
    expect(explained.schema).toBe("casus.result/2");
    for (const o of explained.obligations) expect([o.obligor.iso3, o.beneficiary.iso3]).toContain("PRK");
    const bogus = await post("/api/what-if?reading=invasion-renderin", rokStrike);
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().message).toMatch(
      /reading: unknown reading "invasion-renderin"; did you mean .*invasion-rendering/,
    );
  });

  it.each([
    ["malformed JSON", "{bad", /not valid JSON/],
    [
      "an unknown state code",
      { ...rokStrike, events: [{ ...rokStrike.events[0], by: "XYZ" }] },
      /events\[0\]\.by: unknown state or organisation "XYZ"/,
    ],
    ["an impossible date", { ...rokStrike, as_of: "2025-02-30" }, /as_of: not a real calendar date/],
    ["an unknown field", { ...rokStrike, colour: "red" }, /unknown field\(s\) colour/],
    [
      "too-deep nesting",
      { ...rokStrike, description: undefined, options: JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`) },
      /nested deeper/,
    ],
    ["no events", { ...rokStrike, events: [] }, /events/],
  ])("rejects %s with 400 naming the field", async (_name, payload, message) => {
    const res =
      typeof payload === "string"
        ? await app.inject({
            method: "POST",
            url: "/api/what-if",
            payload,
            headers: { "content-type": "application/json" },
          })
        : await post("/api/what-if", payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(message);
  });

  it("rejects an oversized body with 413", async () => {
    const res = await post("/api/what-if", { ...rokStrike, description: "x".repeat(BODY_LIMIT) });
    expect(res.statusCode).toBe(413);
  });

  it("rejects an unknown reading query parameter", async () => {
    const res = await post("/api/what-if?colour=red", rokStrike);
    expect(res.statusCode).toBe(400);
  });
});

describe("answers as sent", () => {
  const cachedStore = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-api-cached-")));
  const cached = buildApp({
    library,
    store: cachedStore,
    engine: new Engine(library, {
      threads: 0,
      limits: DEFAULT_LIMITS,
      cacheEntries: 8,
      recipe: { paths: [] },
    }),
  });
  afterAll(async () => {
    await cached.close();
    cachedStore.close();
  });
  const ask = (url: string, headers: Record<string, string> = {}) =>
    cached.inject({ method: "POST", url, payload: rokStrike, headers });

  it("compresses an answer for a client that accepts gzip, and for no other", async () => {
    const plain = await ask("/api/what-if");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const zipped = await ask("/api/what-if", { "accept-encoding": "gzip, deflate" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    const refused = await ask("/api/what-if", { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("reads a request sent again word for word as before, and one with another query anew", async () => {
    const bound = (body: string) =>
      (
        JSON.parse(body) as { obligations: { obligor: { iso3: string }; instrument: string }[] }
      ).obligations.some((o) => o.obligor.iso3 === "RUS" && o.instrument === "russia-dprk-2024");
    const first = await ask("/api/what-if");
    expect((await ask("/api/what-if")).body).toBe(first.body);
    expect(bound(first.body)).toBe(true);
    // The same body under the "armed invasion" rendering of Art. 4: a strike is not enough.
    expect(bound((await ask("/api/what-if?reading=invasion-rendering")).body)).toBe(false);
  });

  it.each([
    ["gzip", true],
    ["br, gzip;q=0.5", true],
    ["*", true],
    ["GZIP", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["", false],
  ])("Accept-Encoding %j allows gzip: %s", (header, allowed) => {
    expect(acceptsGzip(header)).toBe(allowed);
  });
});

describe("saved scenarios", () => {
  it("create, list, load, update, run, delete", async () => {
    const created = await post("/api/scenarios", rokStrike);
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.headers.location).toBe(`/api/scenarios/${id}`);

    const listed = (await app.inject("/api/scenarios")).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(id);

    const loaded = await app.inject(`/api/scenarios/${id}`);
    expect(loaded.json().scenario.title).toBe(rokStrike.title);
    expect(loaded.headers.etag).toBe('"1"');

    const updated = await app.inject({
      method: "PUT",
      url: `/api/scenarios/${id}`,
      headers: { "if-match": loaded.headers.etag as string },
      payload: { ...rokStrike, title: "renamed" },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().title).toBe("renamed");
    expect(updated.headers.etag).toBe('"2"');

    const ran = (await app.inject(`/api/scenarios/${id}/what-if`)).json();
    expect(ran.title).toBe("renamed");

    const remove = { method: "DELETE" as const, url: `/api/scenarios/${id}`, headers: { "if-match": '"2"' } };
    expect((await app.inject(remove)).statusCode).toBe(204);
    expect((await app.inject(`/api/scenarios/${id}`)).statusCode).toBe(404);
    expect((await app.inject(remove)).statusCode).toBe(404);
  });

  it("refuses a bad id and a bad body without saving anything", async () => {
    const before = store.count();
    expect((await app.inject("/api/scenarios/..%2F..%2Fetc%2Fpasswd")).statusCode).toBe(400);
    expect((await post("/api/scenarios", { ...rokStrike, as_of: "2025-13-01" })).statusCode).toBe(400);
    expect(store.count()).toBe(before);
  });

  it("exports and imports all scenarios, all or nothing", async () => {
    await post("/api/scenarios", rokStrike);
    const exported = (await app.inject("/api/export")).json();
    expect(exported.format).toBe("casus.scenarios/1");
    const count = store.count();
    const bad = await post("/api/import", {
      ...exported,
      scenarios: [...exported.scenarios, { scenario: { ...rokStrike, as_of: "nope" } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/scenarios\[\d+\]/);
    expect(store.count()).toBe(count);
    const good = await post("/api/import", { ...exported, scenarios: [{ scenario: rokStrike }] });
    expect(good.json()).toEqual({ imported: 1 });
    expect(store.count()).toBe(count + 1);
    // Importing what is already saved needs overwrite=true, and then replaces it (no new rows).
    const again = await post("/api/import", exported);
    expect(again.statusCode).toBe(409);
    expect(again.json().ids).toEqual(exported.scenarios.map((s: { id: string }) => s.id));
    const overwritten = await post("/api/import?overwrite=true", exported);
    expect(overwritten.json()).toEqual({ imported: exported.scenarios.length });
    expect(store.count()).toBe(count + 1);
  });

  it("pages the list", async () => {
    expect((await app.inject("/api/scenarios?limit=0")).statusCode).toBe(400);
    expect((await app.inject("/api/scenarios?limit=1")).json().items).toHaveLength(1);
  });
});
