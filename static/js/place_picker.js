/* The place filter of the registry search, narrowed in place.
 *
 * Without JavaScript a visitor chooses a kraj and presses "Show results"; the page then offers the okresy,
 * ORP and obce of that kraj (templates/services/_search_filters.html). With it, choosing a place fetches the
 * same search page for the form as it now stands and swaps in its place fieldset (.facet--place), so the
 * next level appears at once, with its counts, without leaving the page. The results change only when the
 * visitor presses the button, as without JavaScript. Focus stays on the select that was changed.
 */
(function () {
  "use strict";

  var pending = null;

  document.addEventListener("change", function (event) {
    var select = event.target;
    var fieldset = select.closest && select.closest(".facet--place");
    if (!fieldset || select.tagName !== "SELECT") {
      return;
    }
    var form = select.form;
    // A coarser place was changed: the finer ones no longer apply.
    var levels = Array.prototype.slice.call(fieldset.querySelectorAll("select"));
    levels.slice(levels.indexOf(select) + 1).forEach(function (finer) { finer.value = ""; });
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fieldset.setAttribute("aria-busy", "true");
    fetch(form.action + "?" + params.toString(), {signal: pending.signal, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".facet--place");
        if (!fresh) {
          return;
        }
        var focused = document.activeElement && document.activeElement.id;
        fieldset.replaceWith(fresh);
        var again = focused && document.getElementById(focused);
        if (again) {
          again.focus();
        }
      })
      .catch(function () {
        fieldset.removeAttribute("aria-busy");  // the button still shows the results the plain way
      });
  });
}());
