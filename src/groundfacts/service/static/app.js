/* The dashboard: filters drive the map, the timeline, the network and the list; an event
   opens with its evidence; a claim is checked against the store. */
(function () {
  "use strict";

  var COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var MAP_LIMIT = 5000;  // points drawn at most; the count says how many matched
  var LIST_LIMIT = 300;
  var CLUSTER_PX = 36;   // points closer than this on screen are drawn as one cluster
  var ADMIN1_ZOOM = 4;   // first-level borders from this zoom on: the world view stays clear
  var ADMIN1_STYLE = { color: "#c9c1ae", weight: 0.7, dashArray: "2 3", opacity: 1, fill: false };

  var state = { lang: "en", texts: {}, events: [], total: 0, selected: null, timelineDates: [null, null] };
  var map, pointsLayer;
  // the first-level boundaries: fetched the first time the map zooms in far enough
  var boundaries = { units: null, layer: null, source: null, loading: null };

  /* ---------- text ---------- */
  function t(key, args) {
    var s = (state.texts[state.lang] || {})[key] || (state.texts.en || {})[key] || key;
    Object.keys(args || {}).forEach(function (k) { s = s.replace("{" + k + "}", args[k]); });
    return s;
  }
  function typeLabel(type) { return t("type_" + type) === "type_" + type ? type : t("type_" + type); }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll(".lang").forEach(function (b) { b.classList.toggle("active", b.dataset.lang === state.lang); });
    drawLegend();
  }

  function setLang(lang) {
    state.lang = lang;
    try { localStorage.setItem("gf-lang", lang); } catch (e) { /* private mode */ }
    applyTexts();
    renderAll();
    if (state.selected) showEvent(state.selected);
  }

  /* ---------- HTTP ---------- */
  function token() {
    try { return sessionStorage.getItem("gf-token") || ""; } catch (e) { return ""; }
  }
  function api(path) {
    var headers = {};
    if (token()) headers.Authorization = "Bearer " + token();
    return fetch(path, { headers: headers }).then(function (res) {
      if (res.status === 401) {
        document.getElementById("token-box").hidden = false;
        throw new Error(t("token_needed"));
      }
      return res.json().then(function (body) {
        if (!res.ok) {
          var err = new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
          err.status = res.status;
          throw err;
        }
        return { body: body, headers: res.headers };
      });
    });
  }

  function filterParams(withDates) {
    var form = document.getElementById("filters"), p = new URLSearchParams();
    ["since", "until", "country", "actor", "event_type", "q"].forEach(function (name) {
      if (!withDates && (name === "since" || name === "until")) return;
      var v = form.elements[name].value.trim();
      if (v) p.set(name, v);
    });
    if (form.elements.merged.checked) p.set("merged", "true");
    return p;
  }

  function setStatus(msg, isError) {
    var s = document.getElementById("status");
    s.textContent = msg || "";
    s.classList.toggle("error", !!isError);
  }

  /* ---------- loading ---------- */
  function load() {
    setStatus(t("loading"));
    var withDates = filterParams(true), noDates = filterParams(false);
    var events = new URLSearchParams(withDates);
    events.set("format", "geojson"); events.set("limit", MAP_LIMIT); events.set("order", "-date");
    var dyads = new URLSearchParams(withDates);
    dyads.set("limit", 60);
    return Promise.all([
      api("/api/events?" + events),
      api("/api/timeline?" + noDates),
      api("/api/dyads?" + dyads)
    ]).then(function (r) {
      state.events = r[0].body.features;
      state.total = +r[0].headers.get("X-Total-Count");
      state.weeks = r[1].body.weeks;
      state.dyads = r[2].body.dyads;
      state.timelineDates = [withDates.get("since"), withDates.get("until")];
      renderAll();
      fitPoints();
      setStatus("");
      document.body.dataset.loaded = String(Date.now());
    }).catch(function (err) { setStatus(t("error", { msg: err.message }), true); });
  }

  function loadFacets() {
    return api("/api/facets").then(function (r) {
      var form = document.getElementById("filters");
      r.body.countries.forEach(function (c) { addOption(form.elements.country, c.value, c.value + " (" + c.events + ")"); });
      Object.keys(COLOURS).forEach(function (type) { addOption(form.elements.event_type, type, type); });
    });
  }
  function addOption(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label;
    select.appendChild(o);
  }

  /* ---------- map ---------- */
  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 }).setView([5, 40], 2);
    map.attributionControl.addAttribution("Natural Earth");
    map.createPane("basemap").style.zIndex = 250;  // under the points' overlay pane
    fetch("/static/basemap/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(GFTopo.feature(topo, "countries"), {
        pane: "basemap", interactive: false,
        style: { color: "#b9b4a8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map);
    });
    // above the countries' opaque fill, below the points
    map.createPane("admin1").style.zIndex = 260;
    pointsLayer = L.layerGroup().addTo(map);
    map.on("zoomend", drawPoints);
    map.on("zoomend", showBoundaries);
    window.GFDashboard = { map: map, boundaries: boundaries };  // for tests and the console
    showBoundaries();
  }

  /* The packaged Natural Earth units (TopoJSON) are drawn as the borders inside each country
     only: the country outlines come from the country basemap and are never drawn twice. A
     user's own GeoJSON (serve --boundaries) is drawn as it is. */
  function loadBoundaries() {
    if (!boundaries.loading) {
      boundaries.loading = api("/api/boundaries").then(function (r) {
        var data = r.body;
        if (data.type === "Topology") {
          boundaries.source = "packaged";
          boundaries.units = GFTopo.feature(data, "admin1");
          data = GFTopo.mesh(data, "admin1", function (a, b) {
            return !!b && a !== b && !!a.properties.iso && a.properties.iso === b.properties.iso;
          });
        } else {
          boundaries.source = "file";
          boundaries.units = data;
        }
        boundaries.layer = L.geoJSON(data, {
          pane: "admin1", interactive: false, style: ADMIN1_STYLE,
          filter: function (f) {
            var g = f.type === "Feature" ? f.geometry : f;
            return !!g && !/Point$/.test(g.type);
          }
        });
      }).catch(function (err) {
        boundaries.loading = null;  // try again at the next zoom
        setStatus(t("error", { msg: err.message }), true);
      });
    }
    return boundaries.loading;
  }

  function showBoundaries() {
    if (map.getZoom() < ADMIN1_ZOOM) {
      if (boundaries.layer) map.removeLayer(boundaries.layer);
      return;
    }
    loadBoundaries().then(function () {
      if (boundaries.layer && map.getZoom() >= ADMIN1_ZOOM) boundaries.layer.addTo(map);
    });
  }

  function radius(fatalities) { return 4 + Math.min(Math.sqrt(fatalities || 0) * 2.2, 18); }

  function located() {
    return state.events.filter(function (f) { return f.geometry && f.geometry.coordinates; });
  }

  /* Grid clustering in screen space: a cell with one event shows it, a denser one a count. */
  function drawPoints() {
    pointsLayer.clearLayers();
    var cells = {}, pts = located();
    pts.forEach(function (f) {
      var ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
      var p = map.project(ll, map.getZoom());
      var key = Math.floor(p.x / CLUSTER_PX) + ":" + Math.floor(p.y / CLUSTER_PX);
      (cells[key] = cells[key] || []).push({ f: f, ll: ll });
    });
    var markers = 0, clusters = 0;
    Object.keys(cells).forEach(function (key) {
      var members = cells[key];
      if (members.length === 1) {
        var f = members[0].f, props = f.properties;
        L.circleMarker(members[0].ll, {
          radius: radius(props.fatalities), color: "#fff", weight: 1,
          fillColor: COLOURS[props.event_type] || "#555", fillOpacity: 0.9, className: "event-point"
        }).bindTooltip(props.event_date + " · " + props.sub_event_type + " · " + props.location)
          .on("click", function () { showEvent(props.event_id); })
          .addTo(pointsLayer);
        markers++;
        return;
      }
      clusters++;
      var lat = 0, lng = 0, dead = 0, types = {};
      members.forEach(function (m) {
        lat += m.ll.lat; lng += m.ll.lng; dead += m.f.properties.fatalities || 0;
        types[m.f.properties.event_type] = (types[m.f.properties.event_type] || 0) + 1;
      });
      var main = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; })[0];
      var size = 22 + Math.min(Math.sqrt(members.length) * 4, 26);
      var icon = L.divIcon({
        className: "cluster-icon",
        html: '<div class="cluster-dot" style="width:' + size + "px;height:" + size + "px;line-height:" + size +
              "px;background:" + COLOURS[main] + '">' + members.length + "</div>",
        iconSize: [size, size]
      });
      L.marker([lat / members.length, lng / members.length], { icon: icon, title: t("cluster", { n: members.length }) })
        .on("click", function () { openCluster(members); })
        .addTo(pointsLayer)
        .getElement().dataset.count = members.length;
    });
    var el = document.getElementById("map");
    el.dataset.points = String(pts.length);
    el.dataset.markers = String(markers);
    el.dataset.clusters = String(clusters);
  }

  function fitPoints() {
    var pts = located().map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; });
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
  }

  function openCluster(members) {
    var bounds = L.latLngBounds(members.map(function (m) { return m.ll; }));
    if (map.getZoom() < map.getMaxZoom() && bounds.getNorthEast().distanceTo(bounds.getSouthWest()) > 50) {
      map.fitBounds(bounds.pad(0.5));
      return;
    }
    // the same place: list its events
    var html = members.map(function (m) {
      var p = m.f.properties;
      return '<a href="#" data-event="' + p.event_id + '">' + esc(p.event_date + " " + p.sub_event_type) + "</a>";
    }).join("<br>");
    var pop = L.popup().setLatLng(members[0].ll).setContent(html).openOn(map);
    pop.getElement().addEventListener("click", function (evt) {
      var id = evt.target.dataset && evt.target.dataset.event;
      if (id) { evt.preventDefault(); showEvent(id); }
    });
  }

  /* ---------- panels ---------- */
  function renderAll() {
    if (!map) return;
    drawPoints();
    var n = located().length;
    document.getElementById("map-count").textContent =
      t("on_map", { n: n }) + (state.events.length > n ? " · " + t("no_place", { n: state.events.length - n }) : "");
    GFCharts.timeline(document.getElementById("timeline"), state.weeks || [], COLOURS, state.timelineDates, brushed);
    GFCharts.network(document.getElementById("network"), state.dyads || [], COLOURS, pickActor);
    drawList();
  }

  function drawList() {
    var body = document.querySelector("#event-list tbody");
    body.innerHTML = "";
    var shown = state.events.slice(0, LIST_LIMIT);
    document.getElementById("list-count").textContent = t("of_total", { shown: shown.length, total: state.total });
    if (!shown.length) {
      var row = body.insertRow(), cell = row.insertCell();
      cell.colSpan = 5; cell.textContent = t("none");
      return;
    }
    shown.forEach(function (f) {
      var p = f.properties, row = body.insertRow();
      row.dataset.event = p.event_id;
      if (p.event_id === state.selected) row.classList.add("selected");
      row.insertCell().textContent = p.event_date;
      var type = row.insertCell();
      type.innerHTML = '<span class="swatch" style="background:' + (COLOURS[p.event_type] || "#555") + '"></span>';
      type.appendChild(document.createTextNode(p.sub_event_type));
      row.insertCell().textContent = p.actor1 + (p.actor2 ? " → " + p.actor2 : "");
      row.insertCell().textContent = [p.location, p.country].filter(Boolean).join(", ");
      row.insertCell().textContent = p.fatalities;
      row.addEventListener("click", function () { showEvent(p.event_id); });
    });
  }

  function drawLegend() {
    var box = document.getElementById("legend");
    box.innerHTML = "";
    Object.keys(COLOURS).forEach(function (type) {
      var d = document.createElement("div");
      d.innerHTML = '<span class="swatch" style="background:' + COLOURS[type] + '"></span>';
      d.appendChild(document.createTextNode(typeLabel(type)));
      box.appendChild(d);
    });
  }

  function brushed(since, until) {
    var form = document.getElementById("filters");
    form.elements.since.value = since || "";
    form.elements.until.value = until || "";
    load();
  }

  function pickActor(name) {
    document.getElementById("filters").elements.actor.value = name;
    load();
  }

  /* ---------- an event and its evidence ---------- */
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function marked(text, spans) {
    var out = "", at = 0;
    spans.forEach(function (s) {
      if (s.start < at) return;  // overlapping spans: the first one wins
      out += esc(text.slice(at, s.start)) + '<mark class="' + s.kind + '" title="' + esc(t(s.kind)) + '">' +
             esc(text.slice(s.start, s.end)) + "</mark>";
      at = s.end;
    });
    return out + esc(text.slice(at));
  }

  var FIELDS = ["event_date", "sub_event_type", "event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
                "location", "admin1", "country", "fatalities", "geo_precision", "time_precision", "source",
                "doc_id", "mentions", "confidence"];

  function showEvent(id) {
    state.selected = id;
    document.querySelectorAll("#event-list tbody tr").forEach(function (r) { r.classList.toggle("selected", r.dataset.event === id); });
    api("/api/events/" + encodeURIComponent(id)).then(function (r) {
      var d = r.body, ev = d.event, html = "<dl>";
      FIELDS.forEach(function (f) {
        if (ev[f] === "" || ev[f] == null) return;
        html += "<dt>" + esc(t("field_" + f)) + "</dt><dd>" + esc(ev[f]) + "</dd>";
      });
      html += "</dl><h2>" + esc(t("evidence")) + "</h2>";
      var seen = {};
      d.evidence.forEach(function (e) {
        var key = e.doc_id + ":" + e.sentence;
        if (seen[key]) return;
        seen[key] = true;
        var spans = d.evidence.filter(function (o) { return o.doc_id + ":" + o.sentence === key; })
          .reduce(function (all, o) { return all.concat(o.spans); }, [])
          .sort(function (a, b) { return a.start - b.start || b.end - a.end; });
        html += '<div class="sentence">' + marked(e.sentence_text, dedupe(spans)) + "</div>";
      });
      if (d.document) {
        html += '<p><a href="#" id="doc-link" data-doc="' + esc(d.document.doc_hash) + '">' + esc(t("document")) +
                "</a> · " + esc(d.document.doc_id) + "</p>";
      }
      var panel = document.getElementById("detail");
      document.getElementById("detail-body").innerHTML = html;
      panel.hidden = false;
      var link = document.getElementById("doc-link");
      if (link) link.addEventListener("click", function (evt) { evt.preventDefault(); showDocument(link.dataset.doc, d); });
    }).catch(function (err) { setStatus(t("error", { msg: err.message }), true); });
  }

  function dedupe(spans) {
    var keys = {};
    return spans.filter(function (s) {
      var k = s.start + ":" + s.end;
      if (keys[k]) return false;
      keys[k] = true;
      return true;
    });
  }

  function showDocument(hash, detail) {
    api("/api/documents/" + encodeURIComponent(hash)).then(function (r) {
      var text = r.body.text || "";
      // mark the event's own sentences in the whole text
      var spans = detail.evidence.filter(function (e) {
        return e.sentence_start != null && e.doc_id === r.body.document.doc_id;
      }).map(function (e) { return { kind: "trigger", start: e.start, end: e.end }; })
        .sort(function (a, b) { return a.start - b.start; });
      var box = document.createElement("div");
      box.className = "doc-text";
      box.innerHTML = marked(text, dedupe(spans));
      document.getElementById("detail-body").appendChild(box);
      var panel = document.getElementById("detail");
      panel.scrollTop = box.offsetTop - panel.offsetTop;  // the panel scrolls, not the page
    }).catch(function (err) { setStatus(t("error", { msg: err.message }), true); });
  }

  /* ---------- claims ---------- */
  function checkClaim(evt) {
    evt.preventDefault();
    var claim = document.getElementById("claim").value.trim(), out = document.getElementById("claim-result");
    if (!claim) return;
    var p = filterParams(true);
    p.set("claim", claim);
    out.textContent = t("loading");
    api("/api/check?" + p).then(function (r) {
      var c = r.body;
      var html = '<span class="verdict ' + esc(c.verdict) + '" id="verdict" data-verdict="' + esc(c.verdict) + '">' +
                 esc(t("verdict_" + c.verdict)) + "</span>";
      if (c.matching_events != null) html += " " + esc(c.matching_events) + " " + esc(t("matching"));
      if (c.explanation) html += "<p>" + esc(c.explanation) + "</p>";
      if (c.evidence && c.evidence.length) {
        html += "<ul>" + c.evidence.slice(0, 8).map(function (e) {
          return '<li><a href="#" data-event="' + esc(e.event_id) + '">' + esc(e.event_date + " " + e.sub_event_type) +
                 "</a> " + esc((e.actor1 || "") + (e.actor2 ? " → " + e.actor2 : "")) + "</li>";
        }).join("") + "</ul>";
      }
      out.innerHTML = html;
    }).catch(function (err) {
      out.innerHTML = '<span class="error">' + esc(err.status === 501 ? t("unavailable", { msg: err.message }) : t("error", { msg: err.message })) + "</span>";
    });
  }

  /* ---------- start ---------- */
  function start() {
    var hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get("token")) {
      try { sessionStorage.setItem("gf-token", hash.get("token")); } catch (e) { /* no storage */ }
      history.replaceState(null, "", location.pathname + location.search);
    }
    try { state.lang = localStorage.getItem("gf-lang") || (navigator.language || "en").slice(0, 2); } catch (e) { /* none */ }
    if (state.lang !== "id") state.lang = "en";
    document.querySelectorAll(".lang").forEach(function (b) { b.addEventListener("click", function () { setLang(b.dataset.lang); }); });
    document.getElementById("filters").addEventListener("submit", function (evt) { evt.preventDefault(); load(); });
    document.querySelector("#filters [name=merged]").addEventListener("change", load);
    document.getElementById("reset").addEventListener("click", function () { document.getElementById("filters").reset(); load(); });
    document.getElementById("claim-form").addEventListener("submit", checkClaim);
    document.getElementById("claim-result").addEventListener("click", function (evt) {
      var id = evt.target.dataset && evt.target.dataset.event;
      if (id) { evt.preventDefault(); showEvent(id); }
    });
    document.getElementById("detail-close").addEventListener("click", function () {
      document.getElementById("detail").hidden = true;
      state.selected = null;
    });
    document.getElementById("token-box").addEventListener("submit", function (evt) {
      evt.preventDefault();
      try { sessionStorage.setItem("gf-token", document.getElementById("token").value); } catch (e) { /* none */ }
      document.getElementById("token-box").hidden = true;
      loadFacets().then(load);
    });
    fetch("/static/i18n.json").then(function (r) { return r.json(); }).then(function (texts) {
      state.texts = texts;
      applyTexts();
      initMap();
      return loadFacets().then(load);
    }).catch(function (err) { setStatus(t("error", { msg: err.message }), true); });
  }

  start();
})();
