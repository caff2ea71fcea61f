// Who can reach the API and what odd requests get back: Host checks (DNS rebinding), the token beyond
// loopback, bodies with __proto__ or lone surrogates, and answers Node writes before any route runs.
import { mkdtempSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildApp } from "../src/server/app.js";
import { PerClientLimit, TooManyAtOnce } from "../src/server/concurrency.js";
import { SECURITY_HEADERS } from "../src/server/headers.js";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";
import { cli } from "./helpers.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const rokStrike = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const store = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-exposure-")));
const TOKEN = "0123456789abcdef0123";
const local = buildApp({ library, store });
const lan = buildApp({
  library,
  store,
  exposure: { host: "192.0.2.7", token: TOKEN, allowedHosts: ["casus.lan"] },
});
afterAll(async () => {
  await local.close();
  await lan.close();
  store.close();
});

describe("Host header", () => {
  it.each(["localhost:4319", "127.0.0.1:4319", "[::1]:4319", "LOCALHOST"])(
    "answers %s on loopback",
    async (host) => {
      expect((await local.inject({ url: "/api/health", headers: { host } })).statusCode).toBe(200);
    },
  );

  it("refuses another name, as a page rebinding its DNS to 127.0.0.1 would send", async () => {
    const res = await local.inject({ url: "/api/scenarios", headers: { host: "evil.example:4319" } });
    expect(res.statusCode).toBe(421);
    expect(res.json()).toMatchObject({ error: "misdirected" });
    expect(res.json().message).toMatch(/--allow-host/);
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("beyond loopback: the bound address and the names allowed", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const host of ["192.0.2.7:4319", "casus.lan", "casus.lan.:80", "localhost"])
      expect((await lan.inject({ url: "/api/scenarios", headers: { host, ...auth } })).statusCode, host).toBe(
        200,
      );
    expect(
      (await lan.inject({ url: "/api/scenarios", headers: { host: "other.lan", ...auth } })).statusCode,
    ).toBe(421);
  });
});

describe("token", () => {
  const host = "casus.lan";
  it("is needed on every /api route but /api/health", async () => {
    expect((await lan.inject({ url: "/api/health", headers: { host } })).statusCode).toBe(200);
    // The router decodes /%61pi to /api: the check goes by the route matched, so that is guarded too.
    for (const url of ["/api/scenarios", "/api/instruments", "/api/export", "/api/nope", "/%61pi/scenarios"])
      expect((await lan.inject({ url, headers: { host } })).statusCode, url).toBe(401);
    const wrong = await lan.inject({
      url: "/api/scenarios",
      headers: { host, authorization: "Bearer nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers["www-authenticate"]).toMatch(/^Bearer/);
  });

  it("the web app gets it as a same-site cookie from /?token=", async () => {
    const login = await lan.inject({ url: `/?token=${TOKEN}`, headers: { host } });
    expect(login.statusCode).toBe(303);
    const cookie = String(login.headers["set-cookie"]);
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const withCookie = await lan.inject({
      url: "/api/scenarios",
      headers: { host, cookie: cookie.split(";")[0] },
    });
    expect(withCookie.statusCode).toBe(200);
    expect((await lan.inject({ url: "/?token=wrong", headers: { host } })).statusCode).toBe(401);
  });

  it("casus serve --host 0.0.0.0 without a token is refused before listening", async () => {
    const saved = process.env.CASUS_TOKEN;
    delete process.env.CASUS_TOKEN;
    try {
      const result = await cli([
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "0",
        "--library-only",
        KOREA_LIBRARY,
      ]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(
        /--host 0\.0\.0\.0 listens beyond this machine: give --token or set CASUS_TOKEN/,
      );
      const short = await cli([
        "serve",
        "--host",
        "0.0.0.0",
        "--token",
        "abc",
        "--library-only",
        KOREA_LIBRARY,
      ]);
      expect(short.err).toMatch(/at least 16 characters/);
    } finally {
      if (saved !== undefined) process.env.CASUS_TOKEN = saved;
    }
  });
});

describe("bodies", () => {
  it("a __proto__ key is an unknown field, not 'not valid JSON', and pollutes nothing", async () => {
    const res = await local.inject({
      method: "POST",
      url: "/api/what-if",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...rokStrike }).replace(/^\{/, '{"__proto__":{"polluted":true},'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/unknown field\(s\) __proto__/);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("a lone surrogate is stored the same in the list as in the scenario", async () => {
    const created = await local.inject({
      method: "POST",
      url: "/api/scenarios",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...rokStrike, title: "half \ud800 a pair" }),
    });
    const { id } = created.json();
    const listed = (await local.inject("/api/scenarios"))
      .json()
      .items.find((i: { id: string }) => i.id === id);
    const loaded = (await local.inject(`/api/scenarios/${id}`)).json();
    expect(listed.title).toBe("half \ufffd a pair");
    expect(loaded.scenario.title).toBe(listed.title);
  });

  it("a type error says what was expected and what was found", async () => {
    const res = await local.inject({
      method: "POST",
      url: "/api/what-if",
      payload: { ...rokStrike, title: 42 },
    });
    expect(res.json().problems).toEqual([{ field: "title", message: "expected string, found number 42" }]);
  });
});

/** Sends raw bytes to a listening server and returns the raw answer. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("answers written before any route", () => {
  const headersOf = (answer: string) => answer.split("\r\n\r\n")[0]?.toLowerCase() ?? "";

  it("431 (headers too large) and 400 FST_ERR_BAD_URL carry the security headers and the error shape", async () => {
    const app = buildApp({ library, store });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as { port: number }).port;
    try {
      const big = await raw(
        port,
        `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      );
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      const badUrl = await raw(
        port,
        "GET /api/scenarios/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      );
      expect(badUrl).toMatch(/^HTTP\/1\.1 400 /);
      for (const answer of [big, badUrl]) {
        for (const name of Object.keys(SECURITY_HEADERS))
          expect(headersOf(answer)).toContain(name.toLowerCase());
        const body = JSON.parse(answer.split("\r\n\r\n")[1] ?? "");
        expect(Object.keys(body).sort()).toEqual(["error", "message"]);
      }
    } finally {
      await app.close();
    }
  });
});

describe("per-client cap on what-ifs", () => {
  it("refuses a client's work beyond the cap while its others run, and counts clients apart", async () => {
    const limit = new PerClientLimit(2);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const running = [limit.run("a", () => gate), limit.run("a", () => gate)];
    await expect(limit.run("a", () => "third")).rejects.toBeInstanceOf(TooManyAtOnce);
    await expect(limit.run("b", () => "other client")).resolves.toBe("other client");
    release();
    await Promise.all(running);
    await expect(limit.run("a", () => "after")).resolves.toBe("after");
    // Work that fails still frees its place.
    await expect(limit.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await Promise.all([limit.run("a", () => 1), limit.run("a", () => 2)]);
  });
});
