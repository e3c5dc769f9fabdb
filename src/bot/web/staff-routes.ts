import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { DirectoryIndex, Person } from "../../domain/config/directory";
import { t } from "../../domain/messages";
import { languageOf, refusal, type WebContext, wantsHtml } from "./context";
import { sendPage } from "./pages";
import { CODE_TTL_S } from "./signin";

/**
 * Staff on the web chat (WebContext.signIn). Only while trying it out locally (no ADMIN_TOKEN and
 * no Telegram or Slack credentials) `/?as=<person id>` opens a chat as that person of the directory;
 * with ADMIN_TOKEN set, `?as=` is refused (to the sign-in page) and staff sign in at /signin with a
 * one-time code sent to them on Telegram or Slack (signin.ts); with chat credentials but no
 * ADMIN_TOKEN, staff sign-in on the web is off and /signin says so. A sign-in always starts a new
 * chat for the browser; signing out starts an anonymous one. Each IP may post to /web/signin/* at
 * most SIGNIN_POSTS_PER_IP times in SIGNIN_WINDOW_MS.
 */
const codeRequest = z.object({ person: z.string().min(1).max(64) }).strict();
const codeCheck = z.object({ person: z.string().min(1).max(64), code: z.string().max(16) }).strict();

export function registerStaffRoutes(scope: FastifyInstance, ctx: WebContext): void {
  scope.get("/signin", async (request, reply) => {
    if (ctx.signIn === "as") return reply.redirect("/", 303);
    const language = languageOf(request);
    if (ctx.signIn === "off") {
      return sendPage(reply, ctx.pages.render("signin", language, t(language, "web.signin.off")));
    }
    return sendPage(reply, ctx.pages.render("signin", language));
  });
  scope.post("/web/signin/code", (request, reply) => sendCode(ctx, request, reply));
  scope.post("/web/signin/verify", (request, reply) => verifyCode(ctx, request, reply));
  scope.post("/web/signout", async (request, reply) => {
    await ctx.visitors.signOut(request, reply);
    return { ok: true };
  });
  scope.get("/web/me", async (request, reply) => {
    const visitor = await ctx.visitors.read(request);
    const person = visitor?.person;
    return reply.header("cache-control", "no-store").send({
      person: person ? { id: person.id, name: person.name, roles: person.roles } : null,
      signIn: ctx.signIn,
    });
  });
}

/** GET /?as=<person id>: only while trying it out locally (no ADMIN_TOKEN, no chat credentials). */
export async function signInAs(ctx: WebContext, request: FastifyRequest, reply: FastifyReply, id: string) {
  if (ctx.signIn !== "as") {
    ctx.log.warn({ ip: request.ip, signIn: ctx.signIn }, "web: ?as= refused (not a local try-out)");
    return reply.redirect("/signin", 303);
  }
  const person = ctx.directory.person(id);
  if (!person) {
    if (!wantsHtml(request))
      return reply.code(404).send(refusal(request, "unknown_person", "web.as.unknown", { id }));
    const words = { zh: t("zh", "web.as.unknown", { id }), en: t("en", "web.as.unknown", { id }) };
    return sendPage(reply.code(404), ctx.pages.notice(words));
  }
  const visitor = await ctx.visitors.read(request);
  // Already this person's chat: the same conversation goes on (a reload of /?as=… keeps it).
  if (visitor?.person?.id !== person.id) await ctx.visitors.signIn(request, reply, person, "as");
  return reply.redirect("/", 303);
}

/** A person by id or work number. */
function findStaff(directory: DirectoryIndex, text: string): Person | undefined {
  const key = text.trim();
  return directory.person(key) ?? directory.byWorkNo(key);
}

/** A code-sign-in post this IP may still make (429 sent otherwise), or why not. */
function refusedPost(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  if (ctx.signIn === "as")
    return reply.code(404).send(refusal(request, "not_needed", "web.signin.notNeeded"));
  if (ctx.signIn === "off") return reply.code(404).send(refusal(request, "off", "web.signin.off"));
  if (!ctx.limits.signInPosts.hit(request.ip)) {
    ctx.log.warn({ ip: request.ip }, "web: too many sign-in posts from one address");
    return reply.code(429).send(refusal(request, "too_many", "web.tooMany"));
  }
  return undefined;
}

/**
 * POST /web/signin/code: the answer is the same (202) whether or not the person exists, can be
 * reached or was sent a code a moment ago, so the form tells nobody who is in the directory.
 */
async function sendCode(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  const refused = refusedPost(ctx, request, reply);
  if (refused) return refused;
  const body = codeRequest.safeParse(request.body);
  if (!body.success) return reply.code(400).send(refusal(request, "bad_request", "web.badInput"));
  const notifier = ctx.wiring()?.notifier;
  if (!notifier) return reply.code(503).send(refusal(request, "starting", "error.internal"));
  const person = findStaff(ctx.directory, body.data.person);
  const minutes = CODE_TTL_S / 60;
  if (person && (person.telegramId !== undefined || person.slackId !== undefined)) {
    const code = await ctx.codes.issue(person.id);
    if (code === "wait") {
      ctx.log.info(
        { person: person.id, ip: request.ip },
        "web: no new sign-in code (too soon, too many or locked)",
      );
    } else {
      await notifier.notify({
        to: { kind: "person", personId: person.id },
        key: "web.signin.codeNotice",
        params: { code, minutes },
      });
      ctx.log.info({ person: person.id, ip: request.ip }, "web: a sign-in code was sent");
    }
  } else {
    ctx.log.info({ ip: request.ip }, "web: a sign-in code was asked for someone who cannot get one");
  }
  return reply
    .code(202)
    .send({ ok: true, message: refusal(request, "", "web.signin.sent", { minutes }).message });
}

async function verifyCode(ctx: WebContext, request: FastifyRequest, reply: FastifyReply) {
  const refused = refusedPost(ctx, request, reply);
  if (refused) return refused;
  const body = codeCheck.safeParse(request.body);
  if (!body.success) return reply.code(400).send(refusal(request, "bad_request", "web.badInput"));
  const person = findStaff(ctx.directory, body.data.person);
  if (!person || !(await ctx.codes.check(person.id, body.data.code.trim()))) {
    ctx.log.warn({ ip: request.ip }, "web: a sign-in code was refused");
    return reply.code(401).send(refusal(request, "invalid_code", "web.signin.refused"));
  }
  await ctx.visitors.signIn(request, reply, person, "code");
  ctx.log.info({ person: person.id, ip: request.ip }, "web: staff signed in");
  return { ok: true };
}
