// Names select2's read-only "rendered" box of the admin's autocompletes after the field (its <select>'s
// aria-label, or its <label>): select2 leaves the box unnamed while nothing is chosen, which screen readers
// announce as an empty text box (axe: aria-input-field-name). Runs after the admin set the boxes up, and
// again for inline rows added later.
"use strict";
(function () {
  function nameFor(select) {
    if (select.getAttribute("aria-label")) {
      return select.getAttribute("aria-label");
    }
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameBoxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = document.getElementById("select2-" + select.id + "-container");
      var name = nameFor(select);
      if (box && name && !box.getAttribute("aria-label")) {
        box.setAttribute("aria-label", name);
      }
    });
  }

  // The admin sets select2 up in jQuery's ready callbacks, which run in a task queued at DOMContentLoaded:
  // queue ours after them, and look once more at "load".
  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(function () { nameBoxes(document); }, 0);
  });
  window.addEventListener("load", function () { nameBoxes(document); });
  document.addEventListener("formset:added", function (event) {
    window.setTimeout(function () { nameBoxes(event.target); }, 0);
  });
})();
