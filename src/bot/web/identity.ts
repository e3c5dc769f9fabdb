import { createHash, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import type { DirectoryIndex, Person } from "../../domain/config/directory";

/**
 * Who a browser is. Its cookie holds a random 256-bit token the server made (GET / makes it); the
 * chat id is a hash of it, so the id kept in the database and in Redis cannot be turned back into
 * a cookie. The server keeps each chat id it issued (for the cookie's life): a token a client
 * makes up opens no chat at all, so only a page's visit creates one. A visitor is an anonymous customer
 * unless a staff sign-in (`?as=` trying it out locally, a one-time code with ADMIN_TOKEN) bound their chat to
 * a person of the directory; the binding lives in Redis, never in anything the browser sends.
 */
export const COOKIE = "pd_chat";
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;
/** A staff sign-in lasts a working day or so; then the person signs in again. */
const STAFF_TTL_S = 12 * 3600;

export interface Visitor {
  chatId: string;
  person: Person | undefined;
}

export function chatIdOf(token: string): string {
  return `w${createHash("sha256").update(token).digest("base64url").slice(0, 22)}`;
}

/** How a chat was bound to a person: a one-time code, or `?as=` (only good while trying it out locally). */
export type SignInWay = "code" | "as";

export class Visitors {
  constructor(
    private readonly redis: Redis,
    private readonly directory: DirectoryIndex,
    private readonly prefix: string,
    /** `?as=` is not allowed (ADMIN_TOKEN or chat credentials set): a chat bound by it earlier is anonymous again. */
    private readonly codesOnly: boolean,
  ) {}

  /** The visitor of the request's cookie; undefined without a valid one. */
  async read(request: FastifyRequest): Promise<Visitor | undefined> {
    const token = request.cookies[COOKIE];
    if (token === undefined || !TOKEN.test(token)) return undefined;
    const chatId = chatIdOf(token);
    const [issued, binding] = await this.redis.mget(this.chatKey(chatId), this.staffKey(chatId));
    if (issued === null) return undefined;
    const [way, personId] = binding?.split(":", 2) ?? [];
    const valid = personId !== undefined && (way === "code" || (way === "as" && !this.codesOnly));
    return { chatId, person: valid ? this.directory.person(personId) : undefined };
  }

  /** The request's visitor, or a new anonymous one (its cookie set on the reply). */
  async resolve(request: FastifyRequest, reply: FastifyReply): Promise<Visitor> {
    return (await this.read(request)) ?? this.anonymous(request, reply);
  }

  /** A new chat for the browser, as an anonymous customer (sign-out, or no cookie yet). */
  async anonymous(request: FastifyRequest, reply: FastifyReply): Promise<Visitor> {
    return { chatId: await this.issue(request, reply), person: undefined };
  }

  /** A new chat for the browser, bound to a person of the directory (a staff sign-in). */
  async signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    person: Person,
    way: SignInWay,
  ): Promise<Visitor> {
    const chatId = await this.issue(request, reply);
    await this.redis.set(this.staffKey(chatId), `${way}:${person.id}`, "EX", STAFF_TTL_S);
    return { chatId, person };
  }

  /** Ends a staff sign-in for good (its binding goes) and gives the browser a new anonymous chat. */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<Visitor> {
    const current = await this.read(request);
    if (current?.person) await this.redis.del(this.staffKey(current.chatId));
    return this.anonymous(request, reply);
  }

  private async issue(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const chatId = chatIdOf(token);
    await this.redis.set(this.chatKey(chatId), "1", "EX", COOKIE_MAX_AGE_S);
    reply.setCookie(COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax", // "strict" would drop the cookie on a link from elsewhere, and the chat with it
      secure: request.protocol === "https", // behind a proxy: its X-Forwarded-Proto with TRUST_PROXY
      maxAge: COOKIE_MAX_AGE_S,
    });
    return chatId;
  }

  private chatKey(chatId: string): string {
    return `${this.prefix}chat:${chatId}`;
  }

  private staffKey(chatId: string): string {
    return `${this.prefix}staff:${chatId}`;
  }
}
