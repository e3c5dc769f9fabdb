import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { DirectoryIndex, EMPTY_DIRECTORY_INPUT, parseDirectory } from "../../domain/config/directory";
import { loadDashboard } from "../../domain/desk/dashboard";
import { followingPanel } from "../../domain/following/dashboard";
import { createBusinessCalendar } from "../../domain/kernel/calendar";
import { workloadPanel } from "../../domain/workload/workload";
import type { HttpDeps } from "../http";
import type { AdminDeps } from "./admin";
import { adminGuard, adminOff, clearSessionCookie, setSessionCookie, tokenMatches } from "./admin-auth";

/**
 * The duty lead's dashboard (issue 11 §2): GET /desk (the page), GET /desk/api/summary (its JSON,
 * domain/desk/dashboard.ts), the page's script, style and Chart.js (from node_modules: no CDN,
 * a deployment may have no internet), and the sign-in page that sets the session cookie.
 */

const PAGE_DIR = join(import.meta.dirname, "..", "desk-page");
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.js");
// The page runs only its own files: no inline script, nothing from another origin.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
const SIGN_IN_BODY_LIMIT = 4096;

interface Asset {
  type: string;
  body: string | Buffer;
}

function readAssets(): Record<string, Asset> {
  const file = (name: string) => readFileSync(join(PAGE_DIR, name), "utf8");
  return {
    "desk.js": { type: "text/javascript; charset=utf-8", body: file("desk.js") },
    "desk.css": { type: "text/css; charset=utf-8", body: file("desk.css") },
    "workload.js": { type: "text/javascript; charset=utf-8", body: file("workload.js") }, // SOP-90
    "following.js": { type: "text/javascript; charset=utf-8", body: file("following.js") }, // issue 17
    "chart.umd.js": { type: "text/javascript; charset=utf-8", body: readFileSync(CHART_JS) },
  };
}

function page(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", CSP)
    .header("cache-control", "no-store")
    .header("x-content-type-options", "nosniff")
    .send(html);
}

export function registerDeskRoutes(app: FastifyInstance, deps: HttpDeps & { admin: AdminDeps }): void {
  const { admin } = deps;
  const now = () => deps.clock.now();
  const assets = readAssets();
  const deskHtml = readFileSync(join(PAGE_DIR, "index.html"), "utf8");
  const signInHtml = readFileSync(join(PAGE_DIR, "sign-in.html"), "utf8");
  const calendar = createBusinessCalendar(deps.policy);
  const directory = deps.directory ?? new DirectoryIndex(parseDirectory(EMPTY_DIRECTORY_INPUT));

  // The sign-in page and its form: outside the guard, but off (404) while no token is set.
  app.register(async (signIn) => {
    signIn.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: SIGN_IN_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    signIn.addHook("onRequest", async (_request, reply) => {
      if (admin.token === undefined) return adminOff(reply);
    });
    // The page's code and style (no data): the sign-in page needs the style before any session.
    signIn.get<{ Params: { name: string } }>("/desk/assets/:name", async (request, reply) => {
      // Own names only: `constructor` or `__proto__` are not assets.
      const asset = Object.hasOwn(assets, request.params.name) ? assets[request.params.name] : undefined;
      if (!asset) return reply.code(404).send({ error: "not_found", message: "no such asset" });
      return reply
        .header("content-type", asset.type)
        .header("cache-control", "max-age=3600")
        .send(asset.body);
    });
    signIn.get("/desk/sign-in", async (_request, reply) => page(reply, signInHtml.replace("{{error}}", "")));
    signIn.post("/desk/sign-in", async (request, reply) => {
      const given = (request.body as Record<string, unknown> | undefined)?.token;
      if (typeof given !== "string" || !admin.token || !tokenMatches(given, admin.token)) {
        request.log.info("admin sign-in refused");
        const error = '<p class="error" role="alert">令牌不对 · Wrong token</p>';
        return page(reply, signInHtml.replace("{{error}}", error), 401);
      }
      setSessionCookie(reply, request, admin.token, now());
      return reply.code(303).header("location", "/desk").send();
    });
    signIn.post("/desk/sign-out", async (request, reply) => {
      clearSessionCookie(reply, request);
      return reply.code(303).header("location", "/desk/sign-in").send();
    });
  });

  app.register(async (desk) => {
    desk.addHook(
      "onRequest",
      adminGuard({ token: admin.token, now, signInRedirect: true, whenNoToken: "off" }),
    );
    desk.get("/desk", async (_request, reply) => page(reply, deskHtml));
    desk.get("/desk/api/summary", async (_request, reply) => {
      const reads = deps.store.dashboard;
      if (!reads) {
        return reply.code(503).send({ error: "unavailable", message: "this store has no dashboard reads" });
      }
      const summary = await loadDashboard({
        queries: deps.store.queries,
        holds: deps.store.holds,
        pickups: deps.store.pickups,
        reads,
        presence: admin.presence ?? { availableIds: () => Promise.reject(new Error("no presence")) },
        policy: deps.policy,
        calendar,
        directory,
        clock: deps.clock,
      });
      return reply.header("cache-control", "no-store").send(summary);
    });
    // Issue 17: what following saves the desk, today (following/dashboard.ts).
    desk.get("/desk/api/following", async (_request, reply) => {
      const panel = await followingPanel({ following: deps.store.following, calendar, clock: deps.clock });
      return reply.header("cache-control", "no-store").send(panel);
    });
    // SOP-90: this month's queries handled per agent against the season's target (workload/).
    desk.get("/desk/api/workload", async (_request, reply) => {
      const sources = {
        workload: deps.store.workload,
        directory,
        calendar,
        policy: deps.policy,
        clock: deps.clock,
      };
      return reply.header("cache-control", "no-store").send(await workloadPanel(sources));
    });
  });
}
