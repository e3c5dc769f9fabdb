// The duty lead's dashboard: reads /desk/api/summary every 15 s and draws it. Everything is
// written with textContent (never HTML from the data). Chinese first, English beside it.

const REFRESH_MS = 15_000;
const KINDS = { customer: "客户 · customer", branch: "网点 · branch" };
const PICKUP_STATUS = { requested: "未派 · not assigned", assigned: "待接 · not accepted" };
const HOLD_STATE = {
  marked_for_return: "已标记退回 · marked",
  return_due: "应退回 · due now",
  awaiting_origin_reply: "待对方回复 · awaiting origin",
};
// SOP-14: never set a seat (no audit of it) is not the same as busy (示忙).
const SEAT_LABEL = {
  available: "在席 · available",
  busy: "示忙 · busy",
  not_signed_in: "未上线 · not signed in",
  unknown: "未知 · unknown",
};
const charts = {};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, className) {
  const tr = el("tr", undefined, className);
  for (const cell of cells) tr.append(el("td", cell));
  return tr;
}

function fill(id, rows, empty) {
  const body = document.getElementById(id);
  body.replaceChildren(...(rows.length || empty === undefined ? rows : [row([empty])]));
}

function setText(id, text) {
  document.getElementById(id).textContent = String(text);
}

function timeOn(summary, iso, withDate) {
  const options = { timeZone: summary.timezone, hour: "2-digit", minute: "2-digit", hour12: false };
  if (withDate) Object.assign(options, { month: "2-digit", day: "2-digit" });
  return new Intl.DateTimeFormat("zh-CN", options).format(new Date(iso));
}

function staff(person) {
  if (!person) return "未领取 · nobody";
  return person.workNo ? `${person.name}(${person.workNo})` : person.name;
}

function left(minutes) {
  const span = Math.abs(minutes);
  const text =
    span >= 90
      ? `${Math.floor(span / 60)} 小时 ${span % 60} 分 · ${Math.floor(span / 60)} h ${span % 60} min`
      : `${span} 分钟 · ${span} min`;
  return minutes < 0 ? `超时 ${text} overdue` : `剩 ${text}`;
}

function drawChart(id, config) {
  if (typeof Chart === "undefined") return;
  if (charts[id]) {
    charts[id].data = config.data;
    charts[id].update("none");
    return;
  }
  // The container (.chart, desk.css) sets the size; the chart fills it.
  const options = { ...config.options, responsive: true, maintainAspectRatio: false };
  charts[id] = new Chart(document.getElementById(id), { ...config, options });
}

function drawQueries(summary) {
  const q = summary.queries;
  setText("queries-open", q.open);
  setText("queries-overdue", q.overdue);
  fill(
    "queries",
    q.items.map((item) =>
      row(
        [
          item.ref,
          KINDS[item.kind] || item.kind,
          timeOn(summary, item.dueAt, true),
          left(item.minutesLeft),
          staff(item.holder),
        ],
        `band-${item.band}${item.overdue ? " overdue" : ""}`,
      ),
    ),
    "没有未结查件 · No open queries",
  );
  if (q.truncated)
    document.getElementById("queries").append(row(["仅列出最急的 500 条 · the 500 most urgent shown"]));
}

function drawHolds(summary) {
  const h = summary.holds;
  setText("holds-open", h.open);
  setText("holds-due-back", h.dueBackNow);
  fill(
    "due-back",
    h.dueBack.map((hold) =>
      row(
        [
          hold.trackingNo,
          hold.place,
          hold.originBranch || "—",
          `${timeOn(summary, hold.returnAt, true)} ${HOLD_STATE[hold.state] || ""}`,
        ],
        hold.state === "awaiting_origin_reply" ? "" : "overdue",
      ),
    ),
    "没有待退回的件 · Nothing to send back",
  );
  drawChart("holds-chart", {
    type: "bar",
    data: {
      labels: h.byDay.map((d) => d.date.slice(5)),
      datasets: [{ label: "自提件 · holds", data: h.byDay.map((d) => d.count), backgroundColor: "#4e79a7" }],
    },
    options: {
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

function drawPickups(summary) {
  const p = summary.pickups;
  setText("pickups-waiting", p.waiting);
  fill(
    "pickups",
    p.items.map((item) =>
      row([
        `${item.ref} ${PICKUP_STATUS[item.status] || item.status}`,
        item.pickupDay,
        item.zone || "—",
        staff(item.courier),
      ]),
    ),
    "没有待派取件 · No pickups waiting",
  );
}

function drawProblems(summary) {
  const p = summary.problems;
  setText("problems-total", p.total);
  // No problem parcels: one line instead of an empty chart.
  const none = p.byCategory.length === 0;
  document.getElementById("problems-none").hidden = !none;
  document.getElementById("problems-chart-box").hidden = none;
  fill(
    "problems",
    p.byCategory.map((c) => row([`${c.zh} · ${c.en}`, c.count])),
    undefined,
  );
  drawChart("problems-chart", {
    type: "bar",
    data: {
      labels: p.byCategory.map((c) => c.zh),
      datasets: [
        {
          label: "问题件 · problem parcels",
          data: p.byCategory.map((c) => c.count),
          backgroundColor: "#f28e2b",
        },
      ],
    },
    options: {
      animation: false,
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

function drawSla(summary) {
  const days = summary.sla.days;
  drawChart("sla-chart", {
    type: "bar",
    data: {
      labels: days.map((d) => d.date.slice(5)),
      datasets: [
        {
          label: "达标率 % · within deadline %",
          data: days.map((d) => (d.compliance === null ? null : Math.round(d.compliance * 1000) / 10)),
          backgroundColor: days.map((d) =>
            d.compliance !== null && d.compliance < 0.9 ? "#e15759" : "#59a14f",
          ),
        },
      ],
    },
    options: {
      animation: false,
      scales: { y: { min: 0, max: 100 } },
      plugins: {
        tooltip: {
          callbacks: {
            afterLabel: (ctx) => {
              const d = days[ctx.dataIndex];
              return `按时 ${d.withinDeadline} / 共 ${d.answered + d.unanswered} · on time ${d.withinDeadline} of ${d.answered + d.unanswered}`;
            },
          },
        },
      },
    },
  });
}

function drawSeats(summary) {
  const seats = summary.seats;
  const available = seats.agents.filter((a) => a.available === true).length;
  setText("seats-available", seats.presenceKnown ? `${available} / ${seats.agents.length}` : "?");
  const items = seats.agents.map((agent) => {
    const state = SEAT_LABEL[agent.seat] ? agent.seat : "unknown";
    const li = el("li", `${staff(agent)} — ${SEAT_LABEL[state]}`, `seat-${state}`);
    li.dataset.testid = `seat-${agent.id}`;
    return li;
  });
  document
    .getElementById("seats")
    .replaceChildren(
      ...(items.length ? items : [el("li", "通讯录里没有话务员 · No agents in the directory")]),
    );
}

async function refresh() {
  const error = document.getElementById("error");
  try {
    const response = await fetch("/desk/api/summary", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (response.status === 401) {
      window.location.assign("/desk/sign-in");
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const summary = await response.json();
    drawQueries(summary);
    drawHolds(summary);
    drawPickups(summary);
    drawProblems(summary);
    drawSla(summary);
    drawSeats(summary);
    error.hidden = true;
    setText("updated", `更新于 ${timeOn(summary, summary.generatedAt)} · updated`);
    document.body.dataset.loaded = summary.generatedAt;
  } catch (err) {
    error.textContent = `无法刷新,稍后重试 · Cannot refresh, retrying (${err.message})`;
    error.hidden = false;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
