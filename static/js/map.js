/* The map of facilities: the search's map view (templates/services/_search_map.html) and the service page.
 *
 * Without JavaScript the page lists the facilities with their addresses; this script draws the same list
 * on a Leaflet map: one marker per `.map-facilities li` that has data-lat and data-lng (and a link; an
 * optional data-label names the marker, and the text of `.map-facilities__address` goes into the popup).
 * The service detail page uses the same contract. The tile URL, attribution and marker images come from
 * data attributes of #service-map, so the page needs no inline script (the Content-Security-Policy allows
 * none without a nonce).
 */
(function () {
  "use strict";

  function label(item) {
    // The marker's accessible name: the item's data-label, else the text of its link.
    return (item.dataset.label || item.querySelector("a").textContent).replace(/\s+/g, " ").trim();
  }

  function popupContent(item) {
    var link = item.querySelector("a");
    var content = document.createElement("div");
    var title = document.createElement("a");
    title.href = link.href;
    title.textContent = link.textContent;
    content.appendChild(title);
    var address = item.querySelector(".map-facilities__address");
    if (address) {
      var line = document.createElement("p");
      line.textContent = address.textContent.trim();
      content.appendChild(line);
    }
    return content;
  }

  function draw(container, items) {
    var data = container.dataset;
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(data.tilesUrl, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
    var icon = L.icon({
      iconUrl: data.iconUrl,
      iconRetinaUrl: data.iconRetinaUrl,
      shadowUrl: data.shadowUrl,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var points = items.map(function (entry) {
      var name = label(entry.item);
      L.marker(entry.point, { icon: icon, title: name, alt: name, keyboard: true })
        .bindPopup(popupContent(entry.item))
        .addTo(map);
      return entry.point;
    });
    map.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
  }

  var container = document.getElementById("service-map");
  var items = Array.prototype.slice.call(document.querySelectorAll(".map-facilities li[data-lat][data-lng]"))
    .map(function (item) {
      return { item: item, point: [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)] };
    })
    .filter(function (entry) {
      return !isNaN(entry.point[0]) && !isNaN(entry.point[1]);
    });
  // Without a single located facility the map would be empty: the lists below say it all.
  if (container && window.L && items.length) {
    draw(container, items);
  }
})();
