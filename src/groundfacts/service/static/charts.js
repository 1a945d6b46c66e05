/* The timeline (stacked weekly bars with a brush) and the actor network (a small force
   layout), drawn as SVG without a charting library. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  /* weeks: [{week: "YYYY-MM-DD" (a Monday), event_type, events}], colours: type -> colour.
     onBrush(since, until) gets the chosen range (or nulls when cleared). */
  function timeline(svg, weeks, colours, selected, onBrush) {
    clear(svg);
    var width = svg.clientWidth || 600, height = +svg.getAttribute("height");
    var pad = { l: 30, r: 8, t: 6, b: 20 };
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!weeks.length) return;
    var byWeek = {};
    weeks.forEach(function (w) {
      (byWeek[w.week] = byWeek[w.week] || []).push(w);
    });
    var keys = Object.keys(byWeek).sort();
    var first = Date.parse(keys[0]), last = Date.parse(keys[keys.length - 1]) + 7 * DAY;
    var span = Math.max(last - first, 7 * DAY);
    var max = Math.max.apply(null, keys.map(function (k) {
      return byWeek[k].reduce(function (s, w) { return s + w.events; }, 0);
    }));
    var innerW = width - pad.l - pad.r, innerH = height - pad.t - pad.b;
    function x(ms) { return pad.l + (ms - first) / span * innerW; }
    function ms(px) { return first + (px - pad.l) / innerW * span; }
    var barW = Math.max(2, innerW * 7 * DAY / span - 1);
    var axis = el("g", { "class": "axis" }, svg);
    el("line", { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b }, axis);
    el("text", { x: 2, y: pad.t + 10 }, axis).textContent = max;
    var ticks = Math.min(6, keys.length);
    for (var i = 0; i <= ticks; i++) {
      var t = first + span * i / ticks;
      var label = el("text", { x: x(t), y: height - 5, "text-anchor": i ? (i === ticks ? "end" : "middle") : "start" }, axis);
      label.textContent = isoDay(t);
    }
    keys.forEach(function (k) {
      var y0 = height - pad.b;
      byWeek[k].forEach(function (w) {
        var h = w.events / max * innerH;
        var bar = el("rect", { x: x(Date.parse(k)), y: y0 - h, width: barW, height: h,
                               fill: colours[w.event_type] || "#888", "class": "bar" }, svg);
        el("title", {}, bar).textContent = k + " · " + w.event_type + ": " + w.events;
        y0 -= h;
      });
    });
    var brush = el("rect", { "class": "brush", y: pad.t, height: innerH, x: 0, width: 0 }, svg);
    if (selected && (selected[0] || selected[1])) {
      var a = selected[0] ? x(Date.parse(selected[0])) : pad.l;
      var b = selected[1] ? x(Date.parse(selected[1]) + DAY) : width - pad.r;
      brush.setAttribute("x", Math.max(a, pad.l));
      brush.setAttribute("width", Math.max(0, Math.min(b, width - pad.r) - Math.max(a, pad.l)));
    }
    var start = null;
    function px(evt) {
      var box = svg.getBoundingClientRect();
      return Math.min(Math.max((evt.clientX - box.left) * width / box.width, pad.l), width - pad.r);
    }
    svg.onmousedown = function (evt) { start = px(evt); evt.preventDefault(); };
    svg.onmousemove = function (evt) {
      if (start === null) return;
      var p = px(evt);
      brush.setAttribute("x", Math.min(start, p));
      brush.setAttribute("width", Math.abs(p - start));
    };
    svg.onmouseup = function (evt) {
      if (start === null) return;
      var p = px(evt), lo = Math.min(start, p), hi = Math.max(start, p);
      start = null;
      if (hi - lo < 3) return;
      onBrush(isoDay(ms(lo)), isoDay(ms(hi)));
    };
    svg.ondblclick = function () { onBrush(null, null); };
  }

  /* dyads: [{actor1, actor2, event_type, events}]; onPick(actor) filters by an actor. */
  function network(svg, dyads, colours, onPick) {
    clear(svg);
    var width = svg.clientWidth || 500, height = +svg.getAttribute("height");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    var nodes = {}, edges = {};
    dyads.forEach(function (d) {
      if (d.actor2 === "(none)") d = { actor1: d.actor1, actor2: null, event_type: d.event_type, events: d.events };
      [d.actor1, d.actor2].forEach(function (a) {
        if (a) nodes[a] = nodes[a] || { name: a, weight: 0 };
      });
      nodes[d.actor1].weight += d.events;
      if (!d.actor2) return;
      nodes[d.actor2].weight += d.events;
      var key = d.actor1 + "\u0000" + d.actor2;
      var e = edges[key] = edges[key] || { a: nodes[d.actor1], b: nodes[d.actor2], events: 0, types: {} };
      e.events += d.events;
      e.types[d.event_type] = (e.types[d.event_type] || 0) + d.events;
    });
    var list = Object.keys(nodes).sort().map(function (k) { return nodes[k]; });
    var links = Object.keys(edges).map(function (k) { return edges[k]; });
    var cx = width / 2, cy = height / 2, r0 = Math.min(width, height) / 2.6;
    list.forEach(function (n, i) {  // start on a circle: the same input draws the same graph
      var a = 2 * Math.PI * i / Math.max(list.length, 1);
      n.x = cx + r0 * Math.cos(a); n.y = cy + r0 * Math.sin(a); n.vx = 0; n.vy = 0;
    });
    for (var step = 0; step < 300; step++) {
      var cool = 1 - step / 300;
      list.forEach(function (a) {
        list.forEach(function (b) {
          if (a === b) return;
          var dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25);
          a.vx += dx / d2 * 300; a.vy += dy / d2 * 300;
        });
        a.vx += (cx - a.x) * 0.02; a.vy += (cy - a.y) * 0.02;
      });
      links.forEach(function (l) {
        var dx = l.b.x - l.a.x, dy = l.b.y - l.a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var f = (d - 60) * 0.03;
        l.a.vx += dx / d * f; l.a.vy += dy / d * f; l.b.vx -= dx / d * f; l.b.vy -= dy / d * f;
      });
      list.forEach(function (n) {
        n.x += n.vx * cool; n.y += n.vy * cool;
        n.vx *= 0.5; n.vy *= 0.5;
      });
    }
    // fit the layout into the box, leaving room on the right for the labels
    var xs = list.map(function (n) { return n.x; }), ys = list.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    list.forEach(function (n) {
      n.x = 20 + (x1 > x0 ? (n.x - x0) / (x1 - x0) : 0.5) * (width - 190);
      n.y = 16 + (y1 > y0 ? (n.y - y0) / (y1 - y0) : 0.5) * (height - 32);
    });
    var maxEdge = Math.max.apply(null, links.map(function (l) { return l.events; }).concat([1]));
    links.forEach(function (l) {
      var main = Object.keys(l.types).sort(function (p, q) { return l.types[q] - l.types[p]; })[0];
      var line = el("line", { x1: l.a.x, y1: l.a.y, x2: l.b.x, y2: l.b.y, "class": "edge",
                              stroke: colours[main] || "#888",
                              "stroke-width": 1 + 7 * l.events / maxEdge,
                              "data-events": l.events }, svg);
      el("title", {}, line).textContent = l.a.name + " → " + l.b.name + ": " + l.events;
    });
    list.forEach(function (n) {
      var g = el("g", { "class": "node", transform: "translate(" + n.x + "," + n.y + ")" }, svg);
      var c = el("circle", { r: 4 + Math.min(Math.sqrt(n.weight) * 2, 10) }, g);
      el("title", {}, c).textContent = n.name + " (" + n.weight + ")";
      var label = n.name.replace(/ \(\d{4}-?\d*\)$/, "");
      el("text", { x: 8, y: 4 }, g).textContent = label.length > 28 ? label.slice(0, 27) + "…" : label;
      g.addEventListener("click", function () { onPick(n.name); });
    });
  }

  window.GFCharts = { timeline: timeline, network: network };
})();
