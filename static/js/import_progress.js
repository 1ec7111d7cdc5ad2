// The run page of a registry import: refresh the progress figure while the import runs, then reload the
// page for its report (without JavaScript a <noscript> meta refresh reloads the whole page instead).
(function () {
  "use strict";
  var box = document.getElementById("import-state");
  if (!box || !window.fetch) { return; }
  var text = document.getElementById("import-progress");
  var url = box.getAttribute("data-progress-url");
  function show(state) {
    if (!state.in_progress) { window.location.reload(); return; }
    if (state.text) { text.textContent = state.text; }
  }
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) { if (state) { show(state); } })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 3000);
}());
