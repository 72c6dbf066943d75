// The web chat without reloading: each form is sent as it would be without JavaScript, with
// X-Chat-Fragment, and the part of the page that changed is swapped in. Our new messages are read out
// (an aria-live region) and focus moves to the first of them, where a screen reader carries on; when
// the message was refused, focus goes to the error summary instead, as on any GOV.UK page.
// Anything unexpected (an error page, a redirect, a page that is not the chat) falls back to the
// ordinary form post.
import { initAll } from "./vendor/govuk-frontend/govuk-frontend.min.js";

const root = document.querySelector("[data-sv-chat]");
// Outside the part that is swapped: a live region must be in the page before its words change, or
// screen readers miss them.
const news = document.querySelector("[data-sv-chat-news]");
let busy = false;

function announce() {
  const lines = [...root.querySelectorAll("[data-sv-chat-lines] > li")];
  let lastPerson = -1;
  lines.forEach((line, index) => { if (line.dataset.by === "person") lastPerson = index; });
  const refused = root.querySelector(".govuk-error-summary");
  if (news) {
    // Emptied first and filled a moment later, so the same words twice are read out twice.
    const fresh = refused ? [] : lines.slice(lastPerson + 1);
    const ours = fresh.map((line) => line.querySelector("p").textContent);
    news.textContent = "";
    window.setTimeout(() => { news.textContent = ours.join("\n\n"); }, 100);
  }
  if (refused) return; // the error summary has taken focus (GOV.UK Frontend's ErrorSummary)
  const latest = root.querySelector("#latest");
  if (latest) latest.focus();
}

function offerLocation() {
  const locate = root.querySelector("[data-sv-chat-locate]");
  if (!locate || !("geolocation" in navigator)) return;
  locate.hidden = false;
  locate.addEventListener("click", () => {
    locate.disabled = true;
    const sendPlace = (latitude, longitude) => {
      for (const [name, value] of [["latitude", latitude], ["longitude", longitude]]) {
        const field = locate.form.querySelector(`[data-sv-chat-${name}]`);
        field.value = value;
        field.disabled = false;
      }
      send(locate.form, null);
    };
    // Refused or not found: an empty place, which the chat answers with how to type the place instead.
    navigator.geolocation.getCurrentPosition(
      (position) => sendPlace(String(position.coords.latitude), String(position.coords.longitude)),
      () => sendPlace("", ""),
      { timeout: 15000 },
    );
  });
}

async function send(form, submitter) {
  if (busy) return; // one message at a time, as with JavaScript off
  const body = new FormData(form, submitter);
  busy = true;
  root.setAttribute("aria-busy", "true");
  try {
    // getAttribute: form.action would be the buttons called "action", not the address.
    const response = await fetch(form.getAttribute("action"), {
      method: "POST", body, credentials: "same-origin", headers: { "X-Chat-Fragment": "1" },
    });
    const type = response.headers.get("Content-Type") || "";
    const chat = response.ok && !response.redirected && type.startsWith("text/html");
    const html = chat ? await response.text() : "";
    const part = document.createElement("template");
    part.innerHTML = html;
    // Only the chat itself is swapped in: anything else (the start page, once the chat has ended) is
    // shown as the ordinary post shows it.
    if (!part.content.querySelector("[data-sv-chat-lines]") || part.content.querySelector("html, main")) {
      return fallback(form, submitter);
    }
    root.replaceChildren(part.content);
    initAll({ scope: root });
    offerLocation();
    announce();
  } catch {
    fallback(form, submitter);
  } finally {
    busy = false;
    root.removeAttribute("aria-busy");
  }
}

function fallback(form, submitter) {
  form.dataset.svPlain = "true";
  form.requestSubmit(submitter || undefined);
}

if (root) {
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-sv-chat-form]") || form.dataset.svPlain) return;
    event.preventDefault();
    send(form, event.submitter);
  });
  offerLocation(); // GOV.UK Frontend's components on the first page are started by safer-voices.mjs
  // A browser that keeps whole pages for Back (some do, despite no-store) would show a chat that has
  // been forgotten or left by "Exit this page": hide it and ask the server what there is now.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    root.replaceChildren();
    window.location.reload();
  });
}
