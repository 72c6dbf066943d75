// The web chat without reloading: each form is sent as it would be without JavaScript, with
// X-Chat-Fragment, and the part of the page that changed is swapped in. Our new messages are read out
// (an aria-live region) and focus moves to the first of them, where a screen reader carries on.
// Anything unexpected (an error page, a redirect elsewhere) falls back to the ordinary form post.
import { initAll } from "./vendor/govuk-frontend/govuk-frontend.min.js";

const root = document.querySelector("[data-sv-chat]");

function announce() {
  const lines = [...root.querySelectorAll("[data-sv-chat-lines] > li")];
  let lastPerson = -1;
  lines.forEach((line, index) => { if (line.dataset.by === "person") lastPerson = index; });
  const news = root.querySelector("[data-sv-chat-news]");
  if (news) {
    news.textContent = lines.slice(lastPerson + 1).map((line) => line.querySelector("p").textContent).join("\n\n");
  }
  const latest = root.querySelector("#latest");
  if (latest) latest.focus();
}

function enhance() {
  initAll({ scope: root });
  const locate = root.querySelector("[data-sv-chat-locate]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const form = locate.form;
          for (const [name, value] of [["latitude", position.coords.latitude], ["longitude", position.coords.longitude]]) {
            const field = form.querySelector(`[data-sv-chat-${name}]`);
            field.value = String(value);
            field.disabled = false;
          }
          send(form, null);
        },
        () => { locate.disabled = false; locate.textContent = locate.dataset.failed || locate.textContent; },
        { timeout: 15000 },
      );
    });
  }
}

async function send(form, submitter) {
  const body = new FormData(form, submitter);
  if (body.get("action") === "forget") return fallback(form, submitter);
  root.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(form.action, {
      method: "POST", body, credentials: "same-origin", headers: { "X-Chat-Fragment": "1" },
    });
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || response.redirected || !type.startsWith("text/html")) return fallback(form, submitter);
    root.innerHTML = await response.text();
    enhance();
    announce();
  } catch {
    fallback(form, submitter);
  } finally {
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
  enhance();
}
