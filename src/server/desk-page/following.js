// Issue 17 on the duty lead's dashboard: what following saves the desk today (tracking answers the
// bot gave alone, queries per 100 tracked parcels, pushes sent, held and waiting), read from
// /desk/api/following every minute. textContent only, never HTML.

const FOLLOWING_REFRESH_MS = 60_000;
const FOLLOWING_ROWS = [
  ["botAnswers", "机器人独立答复查件 · Tracking answers by the bot alone"],
  ["queriesOpened", "今日人工查件 · Queries opened today"],
  ["parcelsTracked", "今日有扫描的快件 · Parcels scanned today"],
  ["queriesPer100Parcels", "每百件查件数 · Queries per 100 tracked parcels"],
  ["pushesSent", "已推送 · Pushes sent"],
  ["pushesHeld", "夜间暂缓 · Held for quiet hours"],
  ["pushesWaiting", "待早上发送 · Waiting now"],
  ["followingChats", "关注快件的客户 · Chats following a parcel"],
];

function drawFollowing(panel) {
  const rows = FOLLOWING_ROWS.map(([key, label]) => {
    const tr = document.createElement("tr");
    tr.dataset.testid = `following-${key}`;
    const name = document.createElement("td");
    name.textContent = label;
    const value = document.createElement("td");
    value.textContent = String(panel[key] ?? "–");
    tr.append(name, value);
    return tr;
  });
  document.getElementById("following").replaceChildren(...rows);
}

async function refreshFollowing() {
  try {
    const response = await fetch("/desk/api/following", {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    if (response.ok) drawFollowing(await response.json());
  } catch {
    // The summary's refresh shows the error line; this panel keeps what it last drew.
  } finally {
    setTimeout(refreshFollowing, FOLLOWING_REFRESH_MS);
  }
}

refreshFollowing();
