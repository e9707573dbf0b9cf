// 指标库选用: search the library (GET /api/indicators) and fill a declaration row with the picked
// indicator's name, 计算符号, 计量单位, 评(扣)分标准 and its id; a row whose name is then changed by
// hand becomes free text again (its id is cleared, so the save proposes it for review).
(function () {
  "use strict";
  var panel = document.getElementById("library-picker");
  var rows = document.getElementById("indicator-rows");
  if (!panel || !rows) { return; }
  var results = document.getElementById("library-results");
  var status = document.getElementById("library-status");
  var targetNote = document.getElementById("library-target");
  var q = document.getElementById("library-q");
  var industry = document.getElementById("library-industry");
  var field = document.getElementById("library-field");
  var target = null;

  function input(row, suffix) { return row.querySelector("[name$='-" + suffix + "']"); }

  function cell(tr, text) {
    var td = document.createElement("td");
    td.textContent = text || "—";
    tr.appendChild(td);
    return td;
  }

  function newRow() {
    document.getElementById("add-row").click();
    return rows.lastElementChild;
  }

  function setSelect(select, value) {
    if (!select) { return; }
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
  }

  function fill(row, item) {
    input(row, "name").value = item.name;
    setSelect(input(row, "level1"), item.level1);
    if (item.level2) { input(row, "level2").value = item.level2; }
    setSelect(input(row, "op"), item.operator);
    input(row, "unit").value = item.unit;
    input(row, "scoring_standard").value = item.scoring_standard;
    input(row, "library_id").value = String(item.id);
    input(row, "library_industry").value = item.industry;
    row.dataset.libraryName = item.name;
    var mark = row.querySelector(".library-mark");
    if (mark) { mark.hidden = false; }
  }

  function pick(item) {
    var row = target && target.isConnected ? target : newRow();
    fill(row, item);
    target = null;
    targetNote.textContent = "已填入：" + item.name + "。选用的指标添加为新的一行";
    var value = input(row, "value");
    if (value) { value.focus(); }
  }

  function show(items) {
    var body = results.querySelector("tbody");
    body.textContent = "";
    items.forEach(function (item) {
      var tr = document.createElement("tr");
      cell(tr, item.name);
      cell(tr, item.level1 + (item.level2 ? " / " + item.level2 : ""));
      cell(tr, item.industry + (item.field ? " · " + item.field : ""));
      cell(tr, item.operator_label);
      cell(tr, item.unit);
      cell(tr, item.scoring_standard);
      var td = document.createElement("td");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "library-pick";
      button.textContent = "选用";
      button.addEventListener("click", function () { pick(item); });
      td.appendChild(button);
      tr.appendChild(td);
      body.appendChild(tr);
    });
    results.hidden = items.length === 0;
  }

  function search() {
    var params = new URLSearchParams({ limit: "20" });
    if (q.value.trim()) { params.set("q", q.value.trim()); }
    if (industry.value) { params.set("industry", industry.value); }
    if (field.value) { params.set("field", field.value); }
    status.textContent = "正在检索…";
    fetch(panel.dataset.api + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (data) {
        show(data.indicators);
        status.textContent = data.count ? "找到 " + data.count + " 个指标" + (data.count >= 20 ? "（只列出前 20 个，请缩小范围）" : "")
          : "指标库中没有符合条件的指标；可直接在下表填写，保存时提交财政局审核。";
      })
      .catch(function () { status.textContent = "检索失败，请稍后重试。"; });
  }

  document.getElementById("library-search").addEventListener("click", search);
  q.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });

  rows.addEventListener("click", function (event) {
    var button = event.target.closest(".pick-from-library");
    if (!button) { return; }
    target = button.closest("tr");
    panel.open = true;
    var name = input(target, "name").value.trim();
    if (name && !q.value.trim()) { q.value = name; }
    targetNote.textContent = "选用的指标将填入所选的一行";
    q.focus();
    search();
  });

  rows.addEventListener("input", function (event) {
    if (!event.target.matches("[name$='-name']")) { return; }
    var row = event.target.closest("tr");
    var id = input(row, "library_id");
    if (id.value && event.target.value !== row.dataset.libraryName) {
      id.value = "";
      var mark = row.querySelector(".library-mark");
      if (mark) { mark.hidden = true; }
    }
  });

  Array.prototype.forEach.call(rows.querySelectorAll("tr"), function (row) {
    var id = input(row, "library_id");
    if (id && id.value) { row.dataset.libraryName = input(row, "name").value; }
  });
}());
