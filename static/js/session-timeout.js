// Warn two minutes before the session ends and let the user stay signed in (WCAG 2.2.1 Timing Adjustable).
// The server is the authority: we ask it when the session ends before deciding anything.
export function startSessionTimeout(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") return;
  const warnSeconds = Number(dialog.dataset.warn || 120);
  const countdown = dialog.querySelector("[data-session-countdown]");
  const message = dialog.querySelector("[data-session-message]");
  const stay = dialog.querySelector("[data-session-stay]");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  let endsAt = Number(dialog.dataset.endsAt) * 1000;
  let skew = 0; // server clock minus ours
  let timer = null;

  const now = () => Date.now() + skew;

  function describe(seconds) {
    if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
    if (seconds > 60) return "1 minute";
    return `${Math.max(seconds, 0)} seconds`;
  }

  function apply(state) {
    endsAt = state.ends_at * 1000;
    skew = state.now * 1000 - Date.now();
    stay.hidden = !state.extendable;
    if (!state.extendable) {
      message.innerHTML = "";
      const hours = dialog.dataset.absoluteHours || "12";
      message.append(`You have been signed in for ${hours} hours, the most allowed. You will be signed out in `);
      const strong = document.createElement("strong");
      strong.setAttribute("data-session-countdown", "");
      message.append(strong, ". Save your work now.");
    }
  }

  // Ask the server when the session ends. False when it has already ended (it answers {"expired": true},
  // or a redirect to the sign-in page).
  async function refresh() {
    try {
      const response = await fetch(dialog.dataset.statusUrl, { credentials: "same-origin" });
      const isJson = (response.headers.get("content-type") || "").includes("application/json");
      if (response.redirected || !isJson) return false;
      if (!response.ok) return true; // a passing server error: keep counting down
      const state = await response.json();
      if (state.expired) return false;
      apply(state);
      return true;
    } catch (error) {
      return true; // offline for a moment: keep counting down, ask again next time
    }
  }

  async function timeUp() {
    // Never sign out on our own clock alone: only when the server agrees the session has ended.
    const alive = await refresh();
    if (!alive || endsAt - now() <= 0) {
      window.location.assign(dialog.dataset.loginUrl);
    } else {
      timer = window.setTimeout(tick, 1000);
    }
  }

  function tick() {
    const left = Math.ceil((endsAt - now()) / 1000);
    if (endsAt - now() <= 0) {
      timeUp();
      return;
    }
    if (left <= warnSeconds) {
      const counter = dialog.querySelector("[data-session-countdown]") || countdown;
      // Announce the time left once a minute, not every second, so screen readers are not flooded.
      if (left % 60 === 0 || !dialog.open || left <= 10) counter.textContent = describe(left);
      if (!dialog.open) {
        // Another tab may have kept the session alive: check before warning.
        refresh().then(() => {
          if ((endsAt - now()) / 1000 <= warnSeconds && !dialog.open) {
            dialog.showModal();
            stay.hidden ? dialog.focus() : stay.focus();
          }
        });
      }
    } else if (dialog.open) {
      dialog.close();
    }
    timer = window.setTimeout(tick, 1000);
  }

  stay.addEventListener("click", async () => {
    const response = await fetch(dialog.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    });
    if (response.ok) {
      apply(await response.json());
      dialog.close();
    } else {
      window.location.assign(dialog.dataset.loginUrl);
    }
  });

  window.clearTimeout(timer);
  tick();
}
