// SOP-90 on the duty lead's dashboard: this month's queries handled per agent against the
// season's target, read from /desk/api/workload every minute. textContent only, never HTML.

const WORKLOAD_REFRESH_MS = 60_000;
const WORKLOAD_SEASON = { peak: "旺季 · peak season", off: "淡季 · off season" };

function workloadCell(text) {
  const td = document.createElement("td");
  td.textContent = String(text);
  return td;
}

function drawWorkload(report) {
  const title = document.getElementById("workload-title");
  title.textContent = `${report.month} · ${WORKLOAD_SEASON[report.season] ?? report.season} · 目标 ${report.target} / 人 · target per agent`;
  const rows = report.rows.map((r) => {
    const tr = document.createElement("tr");
    tr.dataset.testid = `workload-${r.personId}`;
    const name = r.workNo ? `${r.name}(${r.workNo})` : r.name;
    tr.append(workloadCell(name), workloadCell(r.handled), workloadCell(`${r.percent}%`));
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    tr.append(workloadCell("通讯录里没有话务员 · No agents in the directory"));
    rows.push(tr);
  }
  document.getElementById("workload").replaceChildren(...rows);
}

async function refreshWorkload() {
  try {
    const response = await fetch("/desk/api/workload", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (response.ok) drawWorkload(await response.json());
  } catch {
    // The summary's refresh shows the error line; this panel keeps what it last drew.
  } finally {
    setTimeout(refreshWorkload, WORKLOAD_REFRESH_MS);
  }
}

refreshWorkload();
