// Staff sign-in: ask for a one-time code (sent on Telegram or Slack), then type it in.

const $ = (id) => document.getElementById(id);
async function send(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, answer: await response.json().catch(() => ({})) };
}

$("ask").addEventListener("submit", async (e) => {
  e.preventDefault();
  const { answer } = await send("/web/signin/code", { person: $("person").value });
  $("note").textContent = answer.message ?? "";
  $("check").hidden = false;
  $("code").focus();
});

$("check").addEventListener("submit", async (e) => {
  e.preventDefault();
  const { ok, answer } = await send("/web/signin/verify", {
    person: $("person").value,
    code: $("code").value,
  });
  if (ok) return location.replace("/");
  $("note").textContent = answer.message ?? "";
});
