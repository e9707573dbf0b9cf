/* 部门页面: execution against 序时进度, month by month, from /api/departments/{id}/budgets/{year}/progress. */
(function () {
  "use strict";
  var el = document.getElementById("chart-progress");
  if (!el || typeof echarts === "undefined") return;
  fetch(el.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) {
      var c = echarts.init(el, null, { renderer: "canvas" });
      c.on("finished", function () { el.setAttribute("data-ready", "1"); });
      window.addEventListener("resize", function () { c.resize(); });
      c.setOption({
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        xAxis: { type: "category", data: data.points.map(function (p) { return p.month + "月"; }) },
        yAxis: { type: "value", name: "%", max: 100 },
        series: [
          { type: "bar", name: "累计执行进度", data: data.points.map(function (p) { return p.execution; }),
            itemStyle: { color: "#8b1a1a" } },
          { type: "line", name: "序时进度", data: data.points.map(function (p) { return p.time_progress; }) }
        ]
      });
    })
    .catch(function (err) { el.insertAdjacentHTML("beforebegin", '<p class="error">图表数据加载失败：' + err.message + "</p>"); });
})();
