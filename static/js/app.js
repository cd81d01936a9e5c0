// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { startSessionTimeout } from "./session-timeout.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
startSessionTimeout(document.querySelector("[data-session-dialog]"));

// After htmx swaps in new content, start GOV.UK components inside it and move focus to its result.
// (With an outerHTML swap, event.detail.target is the element that was replaced; event.target is the new one.)
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.target });
  const focusTarget = event.target.querySelector("[data-focus-after-swap]");
  if (focusTarget) focusTarget.focus();
});

// A wide table scrolls sideways inside its own region (WCAG 1.4.10, reflow): the region takes keyboard focus
// only while it overflows, so keyboard users can scroll it and nobody meets a needless tab stop.
function markScrollRegions(scope = document) {
  for (const region of scope.querySelectorAll("[data-scroll-region]")) {
    if (region.scrollWidth > region.clientWidth + 1) region.setAttribute("tabindex", "0");
    else region.removeAttribute("tabindex");
  }
}
markScrollRegions();
window.addEventListener("resize", () => markScrollRegions());
document.body.addEventListener("htmx:afterSwap", (event) => markScrollRegions(event.target));
