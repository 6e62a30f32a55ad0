// eventwire dashboard: plain browser JavaScript over the JSON API, no build step.
// State lives in `filters` and `range`; every change refetches points, table and timeline.
"use strict";

const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const ROLES = ["trigger", "actor", "recipient", "place", "date"];
const PAGE = 100;

const filters = {};
const range = {since: null, until: null};
let map, cluster, tableCursor = null, requestId = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

function query(extra = {}, {withRange = true} = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (withRange && range.since) params.set("since", range.since);
  if (withRange && range.until) params.set("until", range.until);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined) params.set(key, value);
  return params.toString();
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ? JSON.stringify(body.detail) : response.statusText);
  return body;
}

function notice(text) {
  const box = document.getElementById("notice");
  box.hidden = !text;
  box.textContent = text || "";
}

// -- map ----------------------------------------------------------------------------------

async function setUpMap(config) {
  map = L.map("map", {preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14}).setView([20, 10], 2);
  map.attributionControl.setPrefix("Leaflet · basemap: Natural Earth via world-atlas");
  if (config.tiles) {
    L.tileLayer(config.tiles, {maxZoom: 18, attribution: "map tiles"}).addTo(map);
  } else {
    const atlas = await getJSON("/static/vendor/countries-110m.json");
    const land = topojson.feature(atlas, atlas.objects.countries);
    L.geoJSON(land, {interactive: false, style: {color: "#aab4c3", weight: 0.6, fillColor: "#fbfbf8", fillOpacity: 1}}).addTo(map);
  }
  cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
    iconCreateFunction: clusterIcon,
    // The markers are added in chunks; `data-drawn` says when the last one is on the map.
    chunkProgress: (done, total) => {
      if (done === total) requestAnimationFrame(() => { document.body.dataset.drawn = String(total); });
    },
  });
  map.addLayer(cluster);
}

function clusterIcon(group) {
  // Coloured by the quad most of its events have.
  const tally = [0, 0, 0, 0, 0];
  for (const marker of group.getAllChildMarkers()) tally[marker.options.quad || 0] += 1;
  const quad = tally.indexOf(Math.max(...tally.slice(1)), 1);
  const n = group.getChildCount();
  const size = n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 38 : 46;
  return L.divIcon({html: `<span>${n}</span>`, className: `cluster q${quad}`, iconSize: [size, size]});
}

async function loadPoints(id) {
  const data = await getJSON(`/api/points?${query({limit: 20000})}`);
  if (id !== requestId) return;
  const colours = getComputedStyle(document.documentElement);
  const markers = data.features.map((f) => {
    const [lon, lat] = f.geometry.coordinates;
    const quad = f.properties.q;
    const marker = L.circleMarker([lat, lon], {
      radius: 6, weight: 1, color: "#fff", fillOpacity: 0.9, quad,
      fillColor: colours.getPropertyValue(`--q${quad}`).trim() || "#555",
    });
    marker.on("click", () => showDetail(f.id));
    return marker;
  });
  delete document.body.dataset.drawn;
  cluster.clearLayers();
  cluster.addLayers(markers);
  if (!markers.length) document.body.dataset.drawn = "0";
  document.body.dataset.points = String(markers.length);
  return data;
}

// -- timeline -----------------------------------------------------------------------------

let days = [];

async function loadTimeline(id) {
  const stats = await getJSON(`/api/stats?${query({}, {withRange: false})}`);
  if (id !== requestId) return;
  days = Object.entries(stats.by_day);
  drawTimeline();
  return stats;
}

function drawTimeline() {
  const svg = document.getElementById("histogram");
  const {width, height} = svg.getBoundingClientRect();
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!days.length) return;
  const first = Date.parse(days[0][0]), last = Date.parse(days[days.length - 1][0]);
  const span = Math.max(1, (last - first) / 864e5 + 1);
  const step = (width - 20) / span, top = Math.max(...days.map((d) => d[1]));
  const ns = "http://www.w3.org/2000/svg";
  const plot = height - 16;
  for (const [day, n] of days) {
    const x = 10 + ((Date.parse(day) - first) / 864e5) * step;
    const h = Math.max(1, (n / top) * (plot - 4));
    const bar = document.createElementNS(ns, "rect");
    Object.entries({x, y: plot - h, width: Math.max(1, step - 1), height: h, class: "bar"}).forEach(([k, v]) => bar.setAttribute(k, v));
    bar.append(Object.assign(document.createElementNS(ns, "title"), {textContent: `${day}: ${n}`}));
    svg.append(bar);
  }
  for (const [x, label, anchor] of [[10, days[0][0], "start"], [width - 10, days[days.length - 1][0], "end"]]) {
    const text = document.createElementNS(ns, "text");
    Object.entries({x, y: height - 3, "text-anchor": anchor}).forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = label;
    svg.append(text);
  }
  svg.dataset.first = String(first);
  svg.dataset.step = String(step);
  if (range.since || range.until) drawBrush(dayX(range.since || days[0][0]), dayX(range.until || days[days.length - 1][0]) + step);
}

function dayX(day) {
  const svg = document.getElementById("histogram");
  return 10 + ((Date.parse(day) - Number(svg.dataset.first)) / 864e5) * Number(svg.dataset.step);
}

function xDay(x) {
  const svg = document.getElementById("histogram");
  const offset = Math.floor((x - 10) / Number(svg.dataset.step));
  return new Date(Number(svg.dataset.first) + offset * 864e5).toISOString().slice(0, 10);
}

function drawBrush(x0, x1) {
  const svg = document.getElementById("histogram");
  svg.querySelector(".brush")?.remove();
  const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  const left = Math.min(x0, x1), right = Math.max(x0, x1);
  Object.entries({x: left, y: 0, width: Math.max(2, right - left), height: svg.getBoundingClientRect().height - 14, class: "brush"})
    .forEach(([k, v]) => rect.setAttribute(k, v));
  svg.append(rect);
}

function setUpBrush() {
  const svg = document.getElementById("histogram");
  let start = null;
  const x = (event) => event.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener("pointerdown", (event) => { start = x(event); svg.setPointerCapture(event.pointerId); });
  svg.addEventListener("pointermove", (event) => { if (start !== null) drawBrush(start, x(event)); });
  svg.addEventListener("pointerup", (event) => {
    if (start === null || !days.length) return;
    const end = x(event);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 3) return;
    setRange(xDay(a), xDay(b));
  });
  svg.addEventListener("dblclick", () => setRange(null, null));
}

function setRange(since, until) {
  range.since = since;
  range.until = until;
  document.getElementById("range").textContent = since ? `${since} → ${until}` : "all dates";
  refresh({timeline: false});
  if (!since) drawTimeline();
}

// -- table ---------------------------------------------------------------------------------

function entities(list) {
  return (list || []).map((e) => e.identifier_text || e.entity_text || e.code).join(", ");
}

function placeName(loc) {
  if (!loc) return "";
  const name = loc.resolved_place || loc.extracted_place || "";
  return loc.country_code && name ? `${name}, ${loc.country_code}` : name || loc.country_code || "";
}

function tag(record) {
  return el("span", {class: `tag q${record.quad_code}`, title: QUAD_NAMES[record.quad_code] || ""}, (record.event || []).join("/"));
}

async function loadTable(id, {append = false} = {}) {
  const page = await getJSON(`/api/events?${query({limit: PAGE, cursor: append ? tableCursor : null})}`);
  if (id !== requestId) return;
  const body = document.querySelector("#events tbody");
  if (!append) body.replaceChildren();
  for (const record of page.events) {
    const who = entities(record.actor), whom = entities(record.recipient);
    const row = el("tr", {"data-id": record.id},
      el("td", {}, record.date || "?"), el("td", {}, tag(record)),
      el("td", {}, whom ? `${who || "?"} → ${whom}` : who), el("td", {}, placeName(record.event_loc)),
      el("td", {class: "sentence", title: record.text}, record.text));
    row.addEventListener("click", () => showDetail(record.id));
    body.append(row);
  }
  tableCursor = page.next_cursor;
  document.getElementById("more").hidden = !tableCursor;
}

// -- detail --------------------------------------------------------------------------------

function highlighted(sentence, spans) {
  // Spans may nest or overlap (a place inside an actor's phrase): keep the first that starts.
  const out = el("p", {class: "sentence"});
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (span.start < at) continue;
    out.append(sentence.slice(at, span.start));
    out.append(el("mark", {class: `role-${span.role}`, title: span.role}, sentence.slice(span.start, span.end)));
    at = span.end;
  }
  out.append(sentence.slice(at));
  return out;
}

async function showDetail(eventId) {
  const panel = document.getElementById("detail");
  document.querySelectorAll("#events tr.selected").forEach((r) => r.classList.remove("selected"));
  document.querySelector(`#events tr[data-id="${CSS.escape(eventId)}"]`)?.classList.add("selected");
  let data;
  try {
    data = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    panel.replaceChildren(el("p", {class: "hint"}, `Could not load the event: ${error.message}`));
    return;
  }
  const r = data.record, article = data.article || {};
  const link = articleLink(article.url, article.title || article.url || "");
  const rows = [
    ["date", `${r.date || "unknown"}${r.enddate && r.enddate !== r.date ? ` – ${r.enddate}` : ""} (${r.date_precision}, ${r.date_basis})`],
    ["actor", entities(r.actor) || "—"], ["recipient", entities(r.recipient) || "—"],
    ["place", placeName(r.event_loc) || "—"], ["modality", r.modality], ["confidence", String(r.confidence)],
    ["article", link], ["published", [article.published || "unknown", article.publication].filter(Boolean).join(", ")],
  ];
  const explanation = el("dl", {}, ...Object.entries(r.explanation || {}).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  const present = new Set(data.spans.map((s) => s.role));
  panel.replaceChildren(
    el("h2", {}, tag(r), " ", r.event_text?.join(", ") || ""),
    el("div", {class: "roles"}, ...ROLES.filter((role) => present.has(role)).map((role) => el("mark", {class: `role-${role}`}, role))),
    highlighted(data.sentence, data.spans),
    el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
    el("h3", {}, "Why"), explanation,
  );
  panel.dataset.event = eventId;
  if (r.cluster_id) await showOtherReports(panel, r);
  if (panel.dataset.event === eventId && data.story?.n_articles > 1) showStory(panel, data.story, r);
}

// The story of the event's article: every article telling the same happening, political
// events or not (`eventwire stories`).
function showStory(panel, story, record) {
  const own = record.cite_info?.article_id;
  const others = story.articles.filter((a) => a.article_id !== own);
  const more = story.n_articles > story.articles.length ? ` (the first ${story.articles.length} shown)` : "";
  panel.append(el("section", {class: "story", "data-story": story.story_id},
    el("h3", {}, "The same story"),
    el("p", {class: "story-summary"}, `${story.n_articles} articles tell this story${more}`),
    el("ul", {}, ...others.map(storyItem))));
}

// An article's name, linked to it when its URL is known (opened in a new tab).
function articleLink(url, name) {
  return url ? el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, name) : name;
}

function storyItem(article) {
  const link = articleLink(article.url, article.title || article.url || article.article_id);
  return el("li", {"data-article": article.article_id},
    el("span", {class: "when"}, article.published || "undated"), " ",
    el("span", {class: "source"}, article.publication || "unknown source"), " · ", link);
}

// The other reports of the same real-world event: the events sharing its `cluster_id`.
async function showOtherReports(panel, record) {
  const section = el("section", {class: "reports", "data-cluster": record.cluster_id}, el("h3", {}, "Other reports of the same event"));
  panel.append(section);
  let page;
  try {
    page = await getJSON(`/api/events?${new URLSearchParams({cluster: record.cluster_id, limit: 200, order: "asc"})}`);
  } catch (error) {
    section.append(el("p", {class: "hint"}, `Could not load them: ${error.message}`));
    return;
  }
  if (panel.dataset.event !== record.id) return;  // another event was clicked meanwhile
  const others = page.events.filter((e) => e.id !== record.id);
  section.append(el("p", {class: "cluster-summary"}, clusterSummary(page.events, page.next_cursor)));
  if (!others.length) section.append(el("p", {class: "hint"}, "No other report yet."));
  section.append(el("ul", {}, ...others.map(reportItem)));
}

function clusterSummary(events, more) {
  const cites = events.map((e) => e.cite_info || {});
  const articles = new Set(cites.map((c) => c.article_id)).size;
  const sources = new Set(cites.map((c) => c.publication).filter(Boolean)).size;
  const starts = events.map((e) => e.date).filter(Boolean).sort();
  const ends = events.map((e) => e.enddate || e.date).filter(Boolean).sort();
  const when = starts.length ? (starts[0] === ends[ends.length - 1] ? starts[0] : `${starts[0]} – ${ends[ends.length - 1]}`) : "undated";
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${more ? "over " : ""}${plural(articles, "article")} from ${plural(sources, "source")}, ${when}`;
}

function reportItem(other) {
  const cite = other.cite_info || {};
  const link = articleLink(cite.url, cite.title || cite.url || cite.article_id || "article");
  const snippet = (other.text || "").length > 160 ? `${other.text.slice(0, 157)}…` : other.text || "";
  const open = el("button", {type: "button", class: "open", title: "Show this report"}, "open");
  open.addEventListener("click", () => showDetail(other.id));
  return el("li", {"data-id": other.id},
    el("span", {class: "when"}, other.date || cite.published || "undated"), " ",
    el("span", {class: "source"}, cite.publication || "unknown source"), " · ", link, " ", open,
    el("q", {}, snippet));
}

// -- wiring --------------------------------------------------------------------------------

async function refresh({timeline = true} = {}) {
  const id = ++requestId;
  document.body.dataset.state = "loading";
  try {
    const [points, , stats] = await Promise.all([loadPoints(id), loadTable(id), timeline ? loadTimeline(id) : null]);
    if (id !== requestId) return;
    if (points) {
      const more = points.truncated ? " (map shows the latest 20,000)" : "";
      document.getElementById("summary").textContent = `${points.features.length} events on the map${more}`;
    }
    notice("");
    document.body.dataset.state = "ready";
  } catch (error) {
    notice(`The server said: ${error.message}`);
    document.body.dataset.state = "error";
  }
}

function setUpFilters(config) {
  const form = document.getElementById("filters");
  for (const [name, values] of [["event", config.categories], ["modality", config.modalities]]) {
    form.elements[name].append(...values.map((v) => el("option", {value: v}, v)));
  }
  let timer = null;
  const apply = () => {
    for (const name of ["country", "event", "modality", "q"]) filters[name] = form.elements[name].value.trim();
    if (filters.country && filters.country.length !== 3) return;
    refresh();
  };
  form.addEventListener("change", apply);
  form.addEventListener("input", (event) => {
    if (event.target.name !== "q" && event.target.name !== "country") return;
    clearTimeout(timer);
    timer = setTimeout(apply, 300);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  form.addEventListener("reset", () => setTimeout(() => { range.since = range.until = null; document.getElementById("range").textContent = "all dates"; apply(); }));
  document.getElementById("more").addEventListener("click", () => loadTable(requestId, {append: true}));
  window.addEventListener("resize", drawTimeline);
}

async function main() {
  if (typeof L === "undefined" || typeof topojson === "undefined") {
    notice("The map libraries are missing from this installation: run `make web` and restart `eventwire serve`.");
    document.body.dataset.state = "error";
    return;
  }
  const config = await getJSON("/api/config");
  setUpFilters(config);
  setUpBrush();
  await setUpMap(config);
  await refresh();
}

main().catch((error) => { notice(`The dashboard failed to start: ${error.message}`); document.body.dataset.state = "error"; });
