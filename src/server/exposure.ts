import { createHash, timingSafeEqual } from "node:crypto";
import { hostname, networkInterfaces } from "node:os";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Who may reach the server and by which names: what `--host`, `--allow-host` and `--token` say. */
export interface Exposure {
  /** The address it listens on. */
  host: string;
  /** More names to answer to in `Host` (a DNS name the server is reached by). */
  allowedHosts?: readonly string[];
  /** When set, every `/api` route but `/api/health` needs it (`Authorization: Bearer`, or the cookie). */
  token?: string;
}

export const TOKEN_COOKIE = "casus_token";
const MIN_TOKEN_LENGTH = 16;
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

export function isLoopback(host: string): boolean {
  const h = bare(host);
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function isWildcard(host: string): boolean {
  const h = bare(host);
  return h === "0.0.0.0" || h === "::" || h === "";
}

/** An address as it appears in a `Host` header: IPv6 in brackets. */
function asHostName(address: string): string {
  const h = bare(address);
  return h.includes(":") ? `[${h}]` : h;
}

/** The names a `Host` header may carry for this binding (without the port). */
export function allowedHostNames(exposure: Exposure): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (isWildcard(exposure.host)) {
    // Listening on every interface: each of the machine's addresses, and its name, reach it.
    for (const list of Object.values(networkInterfaces()))
      for (const i of list ?? []) names.add(asHostName(i.address));
    names.add(hostname().toLowerCase());
  } else names.add(asHostName(exposure.host));
  for (const name of exposure.allowedHosts ?? []) names.add(asHostName(name.replace(/\.$/, "")));
  return names;
}

/** The host name of a `Host` header, without its port; undefined when it is not one. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(header.trim());
  return match ? asHostName((match[1] as string).replace(/\.$/, "")) : undefined;
}

/**
 * Why this binding cannot start, if it cannot: beyond loopback the API is reachable by anyone on the
 * network, so it needs a token (long enough not to be guessed).
 */
export function bindingProblem(exposure: Exposure): string | undefined {
  if (exposure.token !== undefined && exposure.token.length < MIN_TOKEN_LENGTH)
    return `the token must be at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 16)`;
  if (!isLoopback(exposure.host) && !exposure.token)
    return `--host ${exposure.host} listens beyond this machine: give --token or set CASUS_TOKEN (e.g. openssl rand -hex 16)`;
  return undefined;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function refuse(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ error, message });
}

/**
 * Checks `Host` on every request (against DNS rebinding: a page on another site whose name resolves to
 * this machine) and the token on every `/api` route but the health check. `GET /?token=…` sets the token
 * as a same-site, HTTP-only cookie, so the web app works without handling it.
 */
export function guardExposure(app: FastifyInstance, exposure: Exposure): void {
  const names = allowedHostNames(exposure);
  const expected = exposure.token ? digest(exposure.token) : undefined;
  const matches = (candidate: string | undefined) =>
    candidate !== undefined && expected !== undefined && timingSafeEqual(digest(candidate), expected);

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const name = hostNameOf(request.headers.host);
    if (!name || !names.has(name))
      return refuse(
        reply,
        421,
        "misdirected",
        `Host ${JSON.stringify(request.headers.host ?? "")} is not a name this server answers to (start it with --allow-host NAME to add one)`,
      );
    if (!expected) return;
    const path = request.url.split("?")[0] ?? "";
    const query = request.query as { token?: unknown } | undefined;
    if (path === "/" && typeof query?.token === "string") {
      if (!matches(query.token)) return refuse(reply, 401, "unauthorized", "wrong token");
      return reply
        .header(
          "Set-Cookie",
          `${TOKEN_COOKIE}=${encodeURIComponent(query.token)}; HttpOnly; SameSite=Strict; Path=/`,
        )
        .redirect("/", 303);
    }
    // The route matched decides, not the raw path: an encoded path must not slip past the check.
    const route = request.routeOptions.url ?? path;
    const isApi = (p: string) => p === "/api" || p.startsWith("/api/");
    if ((!isApi(route) && !isApi(path)) || route === "/api/health") return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (matches(bearer) || matches(cookie(request.headers.cookie, TOKEN_COOKIE))) return;
    reply.header("WWW-Authenticate", 'Bearer realm="casus"');
    return refuse(
      reply,
      401,
      "unauthorized",
      "this server needs its token: send Authorization: Bearer TOKEN, or open /?token=TOKEN once in the browser",
    );
  });
}
