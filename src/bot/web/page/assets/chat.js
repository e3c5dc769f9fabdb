// The web chat page: no framework, no build. The chat's events (messages, buttons taken away,
// messages changed) come from the server's event stream and from the answers to what is sent;
// each has an id, so the page keeps them by id and draws the conversation from them in order.

const words = JSON.parse(document.getElementById("words").textContent);
const $ = (id) => document.getElementById(id);
const events = new Map();
let started = false;
let toastTimer;

/** Stream ids `<ms>-<seq>` in order. */
function byId(a, b) {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am - bm || as - bs;
}

function add(list) {
  for (const event of list) events.set(event.id, event);
  draw();
}

/** The conversation as the events leave it: each message with its content now. */
function fold() {
  const messages = [];
  const found = new Map();
  for (const id of [...events.keys()].sort(byId)) {
    const event = events.get(id);
    if (event.kind === "message") {
      const message = { ...event };
      messages.push(message);
      found.set(id, message);
    } else if (found.has(event.target)) {
      const message = found.get(event.target);
      if (event.kind === "clear") {
        delete message.buttons;
        delete message.select;
      } else {
        for (const key of ["text", "items", "buttons", "select"]) delete message[key];
        const { kind, target, id: _, ...content } = event;
        Object.assign(message, content);
      }
    }
  }
  return messages;
}

function draw() {
  const messages = fold();
  const lastTurn = [...messages].reverse().find((m) => m.from === "desk" && m.turn)?.turn;
  const log = $("log");
  log.replaceChildren(...messages.map((m) => bubble(m, !m.turn || m.turn === lastTurn)));
  log.scrollTop = log.scrollHeight;
  const asking = messages.filter((m) => m.turn === lastTurn && m.contact).pop();
  $("phone").hidden = !asking;
  if (asking) $("phone-send").textContent = asking.contact.label;
}

function bubble(message, live) {
  const div = document.createElement("div");
  div.className = `msg ${message.from}`;
  if (message.text) div.append(message.text);
  if (message.photo) {
    const note = document.createElement("div");
    note.className = "note";
    note.textContent = words["page.photo"];
    div.append(note);
    if (message.photo.caption) div.append(message.photo.caption);
  }
  if (message.items?.length) {
    const ul = document.createElement("ul");
    for (const item of message.items) {
      const li = document.createElement("li");
      li.textContent = item;
      ul.append(li);
    }
    div.append(ul);
  }
  const row = document.createElement("div");
  row.className = "buttons";
  for (const button of message.buttons ?? []) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = button.label;
    b.dataset.payload = button.payload;
    b.disabled = !live;
    b.addEventListener("click", () => post({ payload: button.payload }));
    row.append(b);
  }
  if (message.select?.options.length) row.append(select(message.select, live));
  if (row.childElementCount > 0) div.append(row);
  return div;
}

function select(spec, live) {
  const s = document.createElement("select");
  s.disabled = !live;
  const first = new Option(spec.placeholder, "");
  first.disabled = true;
  first.selected = true;
  s.append(first, ...spec.options.map((o) => new Option(o.label, o.payload)));
  s.addEventListener("change", () => s.value && post({ payload: s.value }));
  return s;
}

function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    box.hidden = true;
  }, 3500);
}

async function post(body) {
  try {
    const response = await fetch("/web/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) return toast(answer.message ?? words["page.failed"]);
    add(answer.events ?? []);
    for (const text of answer.toasts ?? []) toast(text);
  } catch {
    toast(words["page.failed"]);
  }
}

$("compose").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("text").value;
  if (!text.trim()) return;
  $("text").value = "";
  post({ text });
});
$("phone").addEventListener("submit", (e) => {
  e.preventDefault();
  const contact = $("phone-input").value.trim();
  if (!contact) return;
  $("phone-input").value = "";
  post({ contact });
});
$("menu").addEventListener("click", () => post({ text: "/menu" }));
$("signout").addEventListener("click", async () => {
  await fetch("/web/signout", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  location.replace("/");
});

function listen() {
  const stream = new EventSource("/web/events");
  stream.onmessage = (e) => add([JSON.parse(e.data)]);
  stream.addEventListener("ready", (e) => {
    $("offline").hidden = true;
    document.body.dataset.ready = "1";
    // A first visit: the desk greets (as /start does on Telegram).
    if (!started && events.size === 0 && JSON.parse(e.data).events === 0) post({ start: true });
    started = true;
  });
  stream.onerror = () => {
    $("offline").hidden = false;
  };
}

async function whoAmI() {
  const me = await fetch("/web/me").then((r) => r.json());
  if (me.person) {
    $("staff").textContent = (words["page.signedInAs"] ?? "").replace("{name}", me.person.name);
    $("staff").hidden = false;
    $("signout").hidden = false;
  } else if (me.signIn === "code") {
    $("signin").hidden = false;
  }
}

listen();
whoAmI().catch(() => {});
