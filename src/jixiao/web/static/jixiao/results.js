/* 结果应用: score by year (ECharts, served locally) from the page's embedded data; data-ready after drawing. */
(function () {
  "use strict";
  var el = document.getElementById("chart-scores");
  var source = document.getElementById("scores-data");
  if (!el || !source || typeof echarts === "undefined") return;
  var rows = JSON.parse(source.textContent);
  var c = echarts.init(el, null, { renderer: "canvas" });
  c.on("finished", function () { el.setAttribute("data-ready", "1"); });
  window.addEventListener("resize", function () { c.resize(); });
  c.setOption({
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: rows.map(function (r) { return String(r.year); }) },
    yAxis: { type: "value", name: "自评分", min: 0, max: 100 },
    series: [{
      type: "line", name: "自评分", itemStyle: { color: "#8b1a1a" },
      label: { show: true, formatter: function (p) { var r = rows[p.dataIndex]; return r.grade ? r.grade + (r.computed ? "*" : "") : ""; } },
      data: rows.map(function (r) { return r.score === null ? null : Number(r.score); })
    }]
  });
})();
