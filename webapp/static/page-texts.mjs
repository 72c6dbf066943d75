// The words a script shows, in the page's language. The page writes them (translated, by name) into
// <script type="application/json" id="sv-map-texts">; placeholders are {name}, filled in here.
// A script keeps no words of its own, so a page in Welsh, Polish or Urdu never shows English.

const TEXTS = (() => {
  const node = document.getElementById("sv-map-texts");
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch {
    return {};
  }
})();

export function words(name, values = {}) {
  return (TEXTS[name] ?? "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}
