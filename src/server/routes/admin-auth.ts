import { createHmac, timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { bearerMatches } from "./scans";

/**
 * Who may see the admin routes (/desk, its JSON, /admin/queues, /metrics): a request with
 * `Authorization: Bearer ADMIN_TOKEN` (compared in constant time), or a browser holding the
 * session cookie the sign-in page sets. The cookie is no copy of the token: it is an expiry time
 * and an HMAC of it keyed by the token, so it cannot be forged without the token, it lapses on
 * its own, and changing ADMIN_TOKEN signs every browser out. HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Secure over HTTPS.
 */

export const SESSION_COOKIE = "pd_admin";
const SESSION_HOURS = 12;
const SESSION_PURPOSE = "parcel-desk admin session v1";

function sessionMac(token: string, expires: number): Buffer {
  return createHmac("sha256", token).update(`${SESSION_PURPOSE}\n${expires}`).digest();
}

/** A session value: `<expiry in Unix seconds>.<HMAC, base64url>`. */
export function newSessionValue(token: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
  return `${expires}.${sessionMac(token, expires).toString("base64url")}`;
}

function sessionValid(value: string | undefined, token: string, now: Date): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return false;
  const expires = Number(match[1]);
  const given = Buffer.from(match[2] ?? "", "base64url");
  const expected = sessionMac(token, expires);
  return (
    given.length === expected.length && timingSafeEqual(given, expected) && expires * 1000 > now.getTime()
  );
}

export function tokenMatches(given: string, token: string): boolean {
  return bearerMatches(`Bearer ${given.trim() || "-"}`, token);
}

function isAdmin(request: FastifyRequest, token: string, now: Date): boolean {
  if (request.headers.authorization !== undefined) return bearerMatches(request.headers.authorization, token);
  return sessionValid(request.cookies?.[SESSION_COOKIE], token, now);
}

function secure(request: FastifyRequest): boolean {
  return request.protocol === "https";
}

/** The session cookie's attributes (request.cookies and reply.setCookie: @fastify/cookie, routes/admin.ts). */
function cookieOptions(request: FastifyRequest, maxAge: number) {
  return { httpOnly: true, sameSite: "strict", secure: secure(request), path: "/", maxAge } as const;
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, now: Date) {
  reply.setCookie(SESSION_COOKIE, newSessionValue(token, now), cookieOptions(request, SESSION_HOURS * 3600));
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest) {
  reply.setCookie(SESSION_COOKIE, "", cookieOptions(request, 0));
}

export interface GuardOptions {
  token: string | undefined;
  now: () => Date;
  /** Pages: a browser without a session goes to the sign-in page instead of a 401. */
  signInRedirect?: boolean;
  /** With no ADMIN_TOKEN: "off" answers 404 (the dashboard, the queue board), "open" lets it through. */
  whenNoToken: "off" | "open";
}

/** The answer while no ADMIN_TOKEN is set: the admin pages are off. */
export function adminOff(reply: FastifyReply) {
  return reply
    .code(404)
    .send({ error: "admin_off", message: "the admin pages are off: ADMIN_TOKEN is not set" });
}

/** An onRequest hook for a scope of admin routes. */
export function adminGuard(options: GuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = options;
    if (token === undefined) {
      if (options.whenNoToken === "open") return;
      return adminOff(reply);
    }
    if (isAdmin(request, token, options.now())) return;
    const wantsPage = request.method === "GET" && (request.headers.accept ?? "").includes("text/html");
    if (options.signInRedirect && wantsPage && request.headers.authorization === undefined) {
      return reply.code(303).header("location", "/desk/sign-in").header("cache-control", "no-store").send();
    }
    return reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="admin"')
      .header("cache-control", "no-store")
      .send({ error: "unauthorized", message: "sign in at /desk/sign-in, or send Authorization: Bearer" });
  };
}
