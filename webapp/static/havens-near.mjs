// Safe havens near you, by the browser's location: progressive enhancement of the safe havens page.
// The location is asked for only when the "Use my location" button is pressed, and it never leaves
// the device: the list already on the page is put in order of distance here, and nothing is sent.
// Distances are said the way survey/places/safe_havens.describe_distance says them: keep them alike.
// Every word shown comes from the page, in its language (page-texts.mjs).

import { words } from "./page-texts.mjs";

const EARTH_RADIUS_M = 6371008.8;

function distanceM(lat1, lon1, lat2, lon2) {
  const rad = (degrees) => (degrees * Math.PI) / 180;
  const dPhi = rad(lat2 - lat1);
  const dLambda = rad(lon2 - lon1);
  const a = Math.sin(dPhi / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

export function describeDistance(metres) {
  if (metres < 100) return words("under100");
  const rounded = Math.floor(metres / 50 + 0.5) * 50;
  if (rounded < 1000) return words("aboutMetres", { metres: rounded });
  const kilometres = metres / 1000;
  if (kilometres < 9.95) return words("aboutKilometres", { kilometres: (Math.floor(kilometres * 10 + 0.5) / 10).toFixed(1) });
  return words("aboutKilometres", { kilometres: Math.floor(kilometres + 0.5) });
}

function enhance(root) {
  const button = root.querySelector("[data-sv-near-me]");
  const status = root.querySelector("[data-sv-near-status]");
  const list = document.querySelector("[data-sv-haven-list]");
  const heading = document.querySelector("[data-sv-haven-heading]");
  if (!button || !list || !("geolocation" in navigator)) return;
  for (const hidden of root.querySelectorAll("[data-sv-near-only]")) hidden.hidden = false;
  const say = (message) => {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = message; }, 50);
  };

  function sortFrom(latitude, longitude) {
    const items = [...list.querySelectorAll(":scope > li")].map((item) => ({
      item,
      metres: distanceM(latitude, longitude, Number(item.dataset.latitude), Number(item.dataset.longitude)),
    }));
    items.sort((one, other) => one.metres - other.metres);
    for (const { item, metres } of items) {
      const distance = item.querySelector("[data-sv-distance]");
      distance.textContent = describeDistance(metres);
      distance.hidden = false;
      list.append(item);
    }
    heading.textContent = words("nearestToYou");
    const nearest = items[0];
    const name = nearest.item.querySelector("h3").textContent;
    say(words("sorted", { name, distance: describeDistance(nearest.metres).toLowerCase() }));
    heading.focus();
  }

  button.addEventListener("click", () => {
    say(words("finding"));
    navigator.geolocation.getCurrentPosition(
      (position) => sortFrom(position.coords.latitude, position.coords.longitude),
      () => say(words("notFoundNear")),
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 },
    );
  });
}

for (const root of document.querySelectorAll("[data-sv-near]")) enhance(root);
