// 绩效目标申报: add an indicator row from the formset's empty form (prefix "ind").
(function () {
  "use strict";
  var button = document.getElementById("add-row");
  if (!button) { return; }
  var template = document.getElementById("empty-row");
  var rows = document.getElementById("indicator-rows");
  var total = document.getElementById("id_ind-TOTAL_FORMS");
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild.querySelector("input[name$='-name']");
    if (added) { added.focus(); }
  });
}());
