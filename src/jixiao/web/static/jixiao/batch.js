/* The batch page (批次进度): poll the batch's status every second and update the counts and the bar;
   when every file is done or failed, reload once to show each file's outcome. No inline script (CSP). */
(function () {
  "use strict";
  var section = document.getElementById("batch-progress");
  if (!section || section.getAttribute("data-finished") === "1") return;
  var url = section.getAttribute("data-url");
  function set(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = String(value);
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 3000); return; }
        set("batch-done", data.done);
        set("batch-failed", data.failed);
        set("batch-pending", data.pending);
        var bar = document.getElementById("batch-bar");
        if (bar) bar.value = data.percent;
        if (data.pending === 0) { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
