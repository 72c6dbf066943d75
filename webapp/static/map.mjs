// Maps for the safe spaces pages: progressive enhancement only. Every page works without this
// file (the place can always be named from the lists or in words), so nothing here is required.
//
// A map root is any element with data-sv-map="location" | "havens" | "cells". It may carry:
//   data-boundary     GeoJSON of the partnership's area (drawn, and pins outside it refused)
//   data-area-name    the partnership's name, for messages
//   data-tile-url     a {z}/{x}/{y} tile URL template (none: the map shows only the boundary)
//   data-tile-attribution
//   data-havens       GeoJSON points of safe havens
//   data-cells        GeoJSON polygons of counted cells; data-cell-link is a URL with __cell__ in it
//   data-label        the map's accessible name
//   data-save-label   the button that sends the form ("Continue" if not given), for messages
//   data-clear-on-pin the name of an input to empty when a pin is put down (a postcode it replaces)
// Keyboard: the map takes focus; a crosshair marks its middle; the arrow keys move the map under
// the crosshair, + and - zoom, and Enter puts the pin at the crosshair. What happens is said in
// an aria-live region. Every word shown comes from the page, in its language (page-texts.mjs).
// Controls sit at the start of the reading direction: top left, or top right on a right-to-left page.

import { words } from "./page-texts.mjs";

const LEAFLET = new URL("./vendor/leaflet/", import.meta.url);
const DEFAULT_VIEW = { center: [54.0, -2.5], zoom: 6 };
const RIGHT_TO_LEFT = document.documentElement.dir === "rtl";
const SHADE_OPACITY = [0.15, 0.3, 0.45, 0.6, 0.75]; // map.css's .sv-legend__swatch--1 to --5 match these

function loadLeaflet() {
  const css = new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("leaflet.css", LEAFLET).href;
    link.onload = resolve;
    link.onerror = resolve;
    document.head.append(link);
  });
  const ours = document.createElement("link");
  ours.rel = "stylesheet";
  ours.href = new URL("./map.css", import.meta.url).href;
  document.head.append(ours);
  const js = new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL("leaflet.js", LEAFLET).href;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  return Promise.all([css, js]).then(() => window.L);
}

function readJson(root, name) {
  const text = root.dataset[name];
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Even-odd ray casting over GeoJSON rings ([lon, lat]); the server checks again.
function inRing(lon, lat, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonsOf(geojson) {
  if (!geojson) return [];
  switch (geojson.type) {
    case "FeatureCollection":
      return geojson.features.flatMap(polygonsOf);
    case "Feature":
      return polygonsOf(geojson.geometry);
    case "Polygon":
      return [geojson.coordinates];
    case "MultiPolygon":
      return geojson.coordinates;
    default:
      return [];
  }
}

function contains(polygons, latlng) {
  return polygons.some(
    (rings) =>
      inRing(latlng.lng, latlng.lat, rings[0]) &&
      !rings.slice(1).some((hole) => inRing(latlng.lng, latlng.lat, hole)),
  );
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function makeMap(L, root) {
  const container = element("div", "sv-map__canvas");
  container.setAttribute("role", "application");
  container.setAttribute("aria-label", root.dataset.label || words("map"));
  const slot = root.querySelector("[data-sv-map-slot]") || root;
  slot.prepend(container);
  for (const hidden of root.querySelectorAll("[data-sv-map-only]")) hidden.hidden = false;
  // The canvas stays left to right (map.css: tiles break otherwise); its controls follow the page.
  const map = L.map(container, { keyboardPanDelta: 40, zoomSnap: 0.5, attributionControl: false, zoomControl: false });
  L.control.zoom({
    position: RIGHT_TO_LEFT ? "topright" : "topleft",
    zoomInTitle: words("zoomIn"),
    zoomOutTitle: words("zoomOut"),
  }).addTo(map);
  // Leaflet names a popup's close button in English: name it in the page's language.
  map.on("popupopen", (event) => {
    const close = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", words("closePopup"));
  });
  L.control.attribution({ position: RIGHT_TO_LEFT ? "bottomleft" : "bottomright", prefix: false }).addTo(map);
  if (root.dataset.tileUrl) {
    L.tileLayer(root.dataset.tileUrl, {
      maxZoom: 19,
      attribution: root.dataset.tileAttribution || "",
    }).addTo(map);
  }
  const boundary = readJson(root, "boundary");
  if (boundary) {
    const layer = L.geoJSON(boundary, {
      interactive: false,
      style: { color: "#1d70b8", weight: 3, fillColor: "#1d70b8", fillOpacity: 0.05 },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  } else {
    map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom);
  }
  return { map, container, polygons: polygonsOf(boundary) };
}

function addHavens(L, map, root, interactive) {
  const havens = readJson(root, "havens");
  if (!havens) return;
  L.geoJSON(havens, {
    interactive,
    pointToLayer: (feature, latlng) =>
      L.circleMarker(latlng, {
        radius: 7,
        color: "#0b0c0c",
        weight: 2,
        fillColor: feature.properties.open_now ? "#00703c" : "#b1b4b6",
        fillOpacity: 0.9,
        interactive,
      }),
    onEachFeature: (feature, layer) => {
      if (!interactive) return;
      const { name, kind, address, open_now: open } = feature.properties;
      const box = element("div");
      box.append(element("strong", "", name), element("br"), document.createTextNode(`${kind}. ${address}. `));
      box.append(element("span", "", words(open ? "openNow" : "closedNow")));
      layer.bindPopup(box);
    },
  }).addTo(map);
}

function addCells(L, map, root) {
  const cells = readJson(root, "cells");
  if (!cells || !cells.features.length) return;
  const most = Math.max(...cells.features.map((feature) => feature.properties.reports));
  const link = root.dataset.cellLink;
  const layer = L.geoJSON(cells, {
    style: (feature) => ({
      color: "#d4351c",
      weight: 1,
      fillColor: "#d4351c",
      // A shade (1-5) from the server matches the key printed under the map (hotspot_legend.py).
      fillOpacity: feature.properties.shade
        ? SHADE_OPACITY[feature.properties.shade - 1]
        : 0.15 + 0.6 * (feature.properties.reports / most),
    }),
    onEachFeature: (feature, cellLayer) => {
      const box = element("div");
      box.append(element("strong", "", words("reports", { count: feature.properties.reports })));
      if (link) {
        box.append(element("br"));
        const anchor = element("a", "govuk-link", words("seeCellReports"));
        anchor.href = link.replace("__cell__", encodeURIComponent(feature.properties.cell));
        box.append(anchor);
      }
      cellLayer.bindPopup(box);
    },
  }).addTo(map);
  if (!root.dataset.boundary) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
}

function locationPicker(L, root) {
  const { map, container, polygons } = makeMap(L, root);
  addHavens(L, map, root, false);
  const latitude = root.querySelector("input[name=latitude]");
  const longitude = root.querySelector("input[name=longitude]");
  const status = root.querySelector("[data-sv-map-status]");
  const area = root.dataset.areaName || words("theArea");
  const save = root.dataset.saveLabel || words("continue");
  // A field that another way of placing fills (a postcode): cleared when a pin is put down instead.
  const clearOnPin = root.dataset.clearOnPin ? root.querySelector(`input[name=${root.dataset.clearOnPin}]`) : null;
  const crosshair = element("div", "sv-map__crosshair");
  crosshair.setAttribute("aria-hidden", "true");
  container.append(crosshair);
  let pin = null;
  const say = (message) => {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = message; }, 50);
  };
  const inside = (latlng) => !polygons.length || contains(polygons, latlng);

  const controls = element("div", "sv-map__controls");
  const locate = element("button", "govuk-button govuk-button--secondary", words("useMyLocation"));
  const remove = element("button", "govuk-button govuk-button--warning", words("removePin"));
  locate.type = "button";
  remove.type = "button";
  remove.hidden = true;
  if ("geolocation" in navigator && !("noLocate" in root.dataset)) controls.append(locate);
  controls.append(remove);
  container.after(controls);

  // how: "Click", "Crosshair" or "Location", naming the whole sentence said (never pieced together).
  function place(latlng, how) {
    if (!inside(latlng)) {
      say(words("outside", { area }));
      return;
    }
    const point = L.latLng(Number(latlng.lat.toFixed(5)), Number(latlng.lng.toFixed(5)));
    if (pin) pin.setLatLng(point);
    else pin = L.marker(point, { keyboard: false, alt: words("yourPin"), interactive: false }).addTo(map);
    latitude.value = point.lat;
    longitude.value = point.lng;
    remove.hidden = false;
    let cleared = "";
    if (clearOnPin && clearOnPin.value) {
      clearOnPin.value = "";
      cleared = "Cleared";
    }
    say(words(`pinPlaced${how}${cleared}`, { area, save }));
  }

  map.on("click", (event) => place(event.latlng, "Click"));
  container.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target === container) {
      event.preventDefault();
      place(map.getCenter(), "Crosshair");
    }
  });
  map.on("moveend", () => {
    if (document.activeElement !== container) return;
    say(inside(map.getCenter())
      ? words("crosshairInside")
      : words("crosshairOutside", { area }));
  });
  locate.addEventListener("click", () => {
    say(words("finding"));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const here = L.latLng(position.coords.latitude, position.coords.longitude);
        if (inside(here)) map.setView(here, Math.max(map.getZoom(), 16));
        place(here, "Location");
      },
      () => say(words("notFoundPin")),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
  remove.addEventListener("click", () => {
    if (pin) pin.remove();
    pin = null;
    latitude.value = "";
    longitude.value = "";
    remove.hidden = true;
    say(words("pinRemoved"));
    container.focus();
  });
  if (latitude.value && longitude.value && Number.isFinite(Number(latitude.value)) && Number.isFinite(Number(longitude.value))) {
    const saved = L.latLng(Number(latitude.value), Number(longitude.value));
    pin = L.marker(saved, { keyboard: false, alt: words("yourPin"), interactive: false }).addTo(map);
    remove.hidden = false;
    if (!map.getBounds().contains(saved)) map.setView(saved, Math.max(map.getZoom(), 15));
  }
  root.classList.add("sv-location--enhanced");
}

function viewer(L, root) {
  const { map } = makeMap(L, root);
  addHavens(L, map, root, true);
  addCells(L, map, root);
}

const roots = document.querySelectorAll("[data-sv-map]");
if (roots.length) {
  loadLeaflet().then((L) => {
    for (const root of roots) {
      if (root.dataset.svMap === "location") locationPicker(L, root);
      else viewer(L, root);
    }
  });
}
