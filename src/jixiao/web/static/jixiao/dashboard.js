/* 财政局看板: draw the four charts from /api/dashboard (ECharts, served locally). */
(function () {
  "use strict";
  var box = document.getElementById("charts");
  if (!box || typeof echarts === "undefined") return;
  var pending = 4;  // data-ready once every chart has finished drawing (after its animation)
  function chart(id) {
    var c = echarts.init(document.getElementById(id), null, { renderer: "canvas" });
    var done = false;
    c.on("finished", function () {
      if (done) return;
      done = true;
      pending -= 1;
      if (pending === 0) box.setAttribute("data-ready", "1");
    });
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }
  function pct(v) { return v === null || v === undefined ? null : v; }

  fetch(box.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) {
      var rows = data.rows.filter(function (r) { return r.execution_rate !== null; });
      chart("chart-execution").setOption({
        tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
        grid: { left: 60, right: 20, bottom: 110 },
        xAxis: { type: "category", data: rows.map(function (r) { return r.short_name; }),
                 axisLabel: { rotate: 50, interval: 0, fontSize: 10 } },
        yAxis: { type: "value", name: "执行率（%）" },
        series: [{ type: "bar", name: "预算执行率", data: rows.map(function (r) { return r.execution_rate; }),
                   itemStyle: { color: "#8b1a1a" } }]
      });
      var grades = Object.keys(data.grades);
      chart("chart-grades").setOption({
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], name: "评价等级",
                   data: grades.map(function (g) { return { name: g, value: data.grades[g] }; }) }]
      });
      chart("chart-monthly").setOption({
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        xAxis: { type: "category", data: data.monthly.map(function (m) { return m.month + "月"; }) },
        yAxis: { type: "value", name: "%", max: 100 },
        series: [
          { type: "line", name: "累计执行进度", data: data.monthly.map(function (m) { return pct(m.execution); }) },
          { type: "line", name: "序时进度", lineStyle: { type: "dashed" },
            data: data.monthly.map(function (m) { return m.time_progress; }) }
        ]
      });
      chart("chart-years").setOption({
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        xAxis: { type: "category", data: data.year_over_year.map(function (y) { return String(y.year); }) },
        yAxis: [{ type: "value", name: "执行率（%）" }, { type: "value", name: "平均自评分" }],
        series: [
          { type: "line", name: "预算执行率", data: data.year_over_year.map(function (y) { return y.execution_rate; }) },
          { type: "line", name: "平均自评分", yAxisIndex: 1,
            data: data.year_over_year.map(function (y) { return y.average_score; }) }
        ]
      });
    })
    .catch(function (err) { box.insertAdjacentHTML("beforebegin", '<p class="error">图表数据加载失败：' + err.message + "</p>"); });
})();
