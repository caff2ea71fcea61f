// Two people editing the same saved scenario, ids, and import/export: no edit is lost unseen, and what
// export writes, import reads back.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";
import { cli } from "./helpers.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const rokStrike = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const opened: { close: () => unknown }[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

/** An export's scenarios by id (import keeps ids and contents, not the order of creation). */
function byId(exported: { scenarios: { id: string }[] }) {
  return Object.fromEntries(exported.scenarios.map((s) => [s.id, s]));
}

function server(dataDir = mkdtempSync(join(tmpdir(), "casus-edits-"))) {
  const store = new ScenarioStore(dataDir);
  const app = buildApp({ library, store });
  opened.push(app, store);
  return { app, store, dataDir };
}

describe("optimistic concurrency", () => {
  const { app } = server();
  const put = (id: string, title: string, ifMatch?: string) =>
    app.inject({
      method: "PUT",
      url: `/api/scenarios/${id}`,
      payload: { ...rokStrike, title },
      ...(ifMatch ? { headers: { "if-match": ifMatch } } : {}),
    });

  it("the second of two editors who loaded the same version gets 412 with the current one", async () => {
    const created = await app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike });
    const { id } = created.json();
    const alice = await app.inject(`/api/scenarios/${id}`);
    const bob = await app.inject(`/api/scenarios/${id}`);
    expect(alice.headers.etag).toBe(bob.headers.etag);

    const first = await put(id, "Alice's title", alice.headers.etag as string);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');

    const second = await put(id, "Bob's title", bob.headers.etag as string);
    expect(second.statusCode).toBe(412);
    expect(second.headers.etag).toBe('"2"');
    expect(second.json()).toMatchObject({
      error: "conflict",
      current: { id, version: 2, title: "Alice's title", scenario: { title: "Alice's title" } },
    });
    expect(second.json().message).toMatch(/now at version 2/);
    // Alice's edit stands.
    expect((await app.inject(`/api/scenarios/${id}`)).json().title).toBe("Alice's title");

    // Bob reloads (or decides to overwrite with the version he was shown): then it goes through.
    const overwrite = await put(id, "Bob's title", second.headers.etag as string);
    expect(overwrite.statusCode).toBe(200);
    expect(overwrite.json()).toMatchObject({ title: "Bob's title", version: 3 });
  });

  it("PUT and DELETE without If-Match answer 428; If-Match: * means whatever is saved", async () => {
    const { id } = (await app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike })).json();
    const missing = await put(id, "no precondition");
    expect(missing.statusCode).toBe(428);
    expect(missing.json().message).toMatch(/needs If-Match/);
    expect((await app.inject({ method: "DELETE", url: `/api/scenarios/${id}` })).statusCode).toBe(428);
    expect((await put(id, "forced", "*")).statusCode).toBe(200);
    expect((await put(id, "garbage", "not a tag")).statusCode).toBe(400);
    // A weak tag never matches (RFC 9110): 412, not an overwrite.
    expect((await put(id, "weak", 'W/"2"')).statusCode).toBe(412);
  });

  it("a stale DELETE is refused with 412 and deletes nothing", async () => {
    const { id } = (await app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike })).json();
    await put(id, "changed", '"1"');
    const stale = await app.inject({
      method: "DELETE",
      url: `/api/scenarios/${id}`,
      headers: { "if-match": '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(2);
    expect((await app.inject(`/api/scenarios/${id}`)).statusCode).toBe(200);
  });

  it("POST answers the saved scenario with its id at the top, an ETag, and no raw body", async () => {
    const created = await app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const body = created.json();
    expect(Object.keys(body).sort()).toEqual(
      ["as_of", "created_at", "id", "scenario", "title", "updated_at", "version"].sort(),
    );
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await app.inject("/openapi.json")).json();
    for (const method of ["put", "delete"]) {
      const operation = doc.paths["/api/scenarios/{id}"][method];
      expect(operation.parameters.map((p: { name: string }) => p.name)).toContain("If-Match");
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["412", "428", "503"]));
    }
    expect(doc.paths["/api/scenarios/{id}"].get.responses["200"].headers.ETag).toBeDefined();
    expect(doc.components.schemas.SavedScenario.required).toContain("version");
    expect(doc.paths["/api/import"].post.parameters[0].name).toBe("overwrite");
  });

  it("ids are UUIDs compared without regard to case", async () => {
    const { id } = (await app.inject({ method: "POST", url: "/api/scenarios", payload: rokStrike })).json();
    const upper = (id as string).toUpperCase();
    expect((await app.inject(`/api/scenarios/${upper}`)).json().id).toBe(id);
    expect((await put(upper, "via upper case", '"1"')).statusCode).toBe(200);
    expect((await app.inject(`/api/scenarios/${"-".repeat(36)}`)).statusCode).toBe(400);
  });
});

describe("import and export through the API", () => {
  it("round-trips into a fresh server: same ids, same scenarios", async () => {
    const a = server();
    for (const title of ["one", "two", "three"])
      await a.app.inject({ method: "POST", url: "/api/scenarios", payload: { ...rokStrike, title } });
    const exported = (await a.app.inject("/api/export")).json();
    const b = server();
    const imported = await b.app.inject({ method: "POST", url: "/api/import", payload: exported });
    expect(imported.json()).toEqual({ imported: 3 });
    expect(byId((await b.app.inject("/api/export")).json())).toEqual(byId(exported));
  });

  it("refuses an id given twice, or one not a UUID, and imports nothing", async () => {
    const { app, store } = server();
    const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    const twice = await app.inject({
      method: "POST",
      url: "/api/import",
      payload: {
        format: "casus.scenarios/1",
        scenarios: [
          { id, scenario: rokStrike },
          { id: id.toUpperCase(), scenario: rokStrike },
        ],
      },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ ids: [id] });
    expect(twice.json().message).toMatch(/more than once/);
    const bad = await app.inject({
      method: "POST",
      url: "/api/import",
      payload: { format: "casus.scenarios/1", scenarios: [{ id: "-".repeat(36), scenario: rokStrike }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(store.count()).toBe(0);
  });
});

describe("import and export through the CLI", () => {
  it("round-trips: export writes <id>.yaml, import reads the same ids back, again only with --overwrite", async () => {
    const { app, dataDir } = server();
    const ids: string[] = [];
    for (const title of ["one", "two"])
      ids.push(
        (await app.inject({ method: "POST", url: "/api/scenarios", payload: { ...rokStrike, title } })).json()
          .id,
      );
    const apiExport = (await app.inject("/api/export")).json();
    const dir = mkdtempSync(join(tmpdir(), "casus-export-"));
    expect((await cli(["scenarios", "export", dir, "--data", dataDir])).out).toBe(
      `exported 2 scenario(s) to ${dir}`,
    );
    expect(readdirSync(dir).sort()).toEqual(ids.map((id) => `${id}.yaml`).sort());

    const fresh = mkdtempSync(join(tmpdir(), "casus-import-"));
    expect((await cli(["scenarios", "import", dir, "--data", fresh])).out).toBe("imported 2 scenario(s)");
    const b = server(fresh);
    expect(byId((await b.app.inject("/api/export")).json())).toEqual(byId(apiExport));

    const again = await cli(["scenarios", "import", dir, "--data", fresh]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /nothing imported: 2 scenario\(s\) already saved under these ids: .* --overwrite/,
    );
    const overwritten = await cli(["scenarios", "import", dir, "--data", fresh, "--overwrite"]);
    expect(overwritten.out).toBe("imported 2 scenario(s)");
    expect(b.store.count()).toBe(2);
  });

  it("a file whose name only looks like an id gets a new UUID; the same id twice is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casus-names-"));
    const text = readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, `${"-".repeat(36)}.yaml`), text);
    const data = mkdtempSync(join(tmpdir(), "casus-names-data-"));
    expect((await cli(["scenarios", "import", dir, "--data", data])).code).toBe(0);
    const store = new ScenarioStore(data);
    expect(store.all().map((s) => s.id)).toEqual([expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/)]);
    store.close();

    const id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    writeFileSync(join(dir, `${id}.yaml`), text);
    writeFileSync(join(dir, `${id.toUpperCase()}.json`), JSON.stringify(rokStrike));
    const twice = await cli(["scenarios", "import", dir, "--data", data]);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(new RegExp(`the same id ${id} in each`));
  });

  it("export with a mistyped --data fails and creates nothing", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "casus-typo-")), "dat");
    const out = mkdtempSync(join(tmpdir(), "casus-typo-out-"));
    const result = await cli(["scenarios", "export", out, "--data", missing]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/no saved scenarios in .*dat \(casus\.sqlite is missing\); check --data/);
    expect(readdirSync(join(missing, ".."))).toEqual([]);
  });
});
