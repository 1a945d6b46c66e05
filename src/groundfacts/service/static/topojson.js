/* Decodes the basemap's TopoJSON into GeoJSON (the part of the format it uses: quantized,
   delta-encoded arcs; Polygon and MultiPolygon geometries): the features, or a mesh of the
   borders between them. */
(function () {
  "use strict";

  function decodeArcs(topology) {
    var t = topology.transform;
    return topology.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (t) {
          x += p[0]; y += p[1];
          return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
        }
        return [p[0], p[1]];
      });
    });
  }

  function ring(indices, arcs) {
    var points = [];
    indices.forEach(function (i, k) {
      // a negative index (~i) means arc i walked backwards
      var arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      points = points.concat(k ? arc.slice(1) : arc);
    });
    return points;
  }

  function feature(topology, name) {
    var arcs = decodeArcs(topology);
    var geometries = topology.objects[name].geometries;
    return {
      type: "FeatureCollection",
      features: geometries.filter(function (g) { return g.arcs; }).map(function (g) {
        var coords = g.type === "Polygon"
          ? g.arcs.map(function (r) { return ring(r, arcs); })
          : g.arcs.map(function (poly) { return poly.map(function (r) { return ring(r, arcs); }); });
        return { type: "Feature", id: g.id, properties: g.properties || {},
                 geometry: { type: g.type, coordinates: coords } };
      })
    };
  }

  function polygons(g) { return g.type === "Polygon" ? [g.arcs] : g.arcs; }

  /* The arcs that keep(a, b) accepts, a and b being the two geometries an arc separates (b is
     null on an outer edge), as one MultiLineString: a shared border is drawn once. */
  function mesh(topology, name, keep) {
    var arcs = decodeArcs(topology), users = {};
    topology.objects[name].geometries.forEach(function (g) {
      if (!g.arcs) return;
      polygons(g).forEach(function (poly) {
        poly.forEach(function (r) {
          r.forEach(function (i) {
            var k = i < 0 ? ~i : i;
            (users[k] = users[k] || []).push(g);
          });
        });
      });
    });
    var lines = [];
    Object.keys(users).forEach(function (k) {
      var u = users[k];
      if (keep(u[0], u.length > 1 ? u[1] : null)) lines.push(arcs[k]);
    });
    return { type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates: lines } };
  }

  window.GFTopo = { feature: feature, mesh: mesh };
})();
