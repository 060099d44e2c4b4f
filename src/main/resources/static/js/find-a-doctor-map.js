// Find a Doctor's map (#22): the page's offices from the list, numbered as in the list, on the tile server the page
// names (commonweal.map.tile-url). The list is the page; without JavaScript, Leaflet or tiles it works the same.
(function () {
  function draw() {
    var box = document.getElementById('results-map');
    if (!box || !window.L || box.dataset.drawn) { return; }
    var points = JSON.parse(box.dataset.points || '[]');
    if (!points.length) { box.hidden = true; return; }
    box.hidden = false;
    box.dataset.drawn = 'true';
    var map = L.map(box, {scrollWheelZoom: false});
    L.tileLayer(box.dataset.tiles, {maxZoom: 18, attribution: box.dataset.attribution || ''}).addTo(map);
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p[0], p[1]], {radius: 9, weight: 2, color: '#0b4f6c', fillOpacity: 0.8});
      marker.bindTooltip(String(p[2]), {permanent: true, direction: 'center', className: 'map-number'});
      var label = document.createElement('span');
      label.textContent = p[2] + '. ' + p[3] + ' · ' + p[4];
      marker.bindPopup(label);
      marker.addTo(map);
      bounds.push([p[0], p[1]]);
    });
    map.fitBounds(bounds, {padding: [20, 20], maxZoom: 14});
  }
  document.addEventListener('DOMContentLoaded', draw);
  // htmx swaps the results (and the map box with them) without a page load
  document.addEventListener('htmx:afterSettle', draw);
})();
