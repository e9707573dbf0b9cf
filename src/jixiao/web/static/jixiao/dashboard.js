/* 财政局看板: draw the four charts from /api/dashboard (ECharts, served locally).

   各部门预算执行率 is a sorted horizontal bar chart: one line per department, so names never
   overlap; past VISIBLE departments a scroll bar (dataZoom) shows VISIBLE at a time. Its
   reference lines: the framework's 90% line (below it a report must explain why) and the
   year's 序时进度. The donut labels each grade with its count and share; 历年对比 fits its
   axes to the figures instead of 0–100. */
(function () {
  "use strict";
  var box = document.getElementById("charts");
  if (!box || typeof echarts === "undefined") return;
  var VISIBLE = 30, ROW = 22;
  var pending = 4;  // data-ready once every chart has finished drawing (after its animation)
  function chart(id, height) {
    var el = document.getElementById(id);
    if (height) el.style.height = height + "px";
    var c = echarts.init(el, null, { renderer: "canvas" });
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
  function num(v) { return v === null || v === undefined ? null : Number(v); }
  function two(v) { return v === null || v === undefined ? "—" : Number(v).toFixed(2); }
  // an axis fitted to the figures: a little room either side, whole numbers, capped where the figure is capped
  function fitted(values, cap) {
    var xs = values.filter(function (v) { return v !== null; });
    if (!xs.length) return {};
    var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
    var pad = Math.max(1, (hi - lo) * 0.25);
    var min = Math.max(0, Math.floor(lo - pad)), max = Math.ceil(hi + pad);
    if (cap !== undefined) max = Math.min(cap, max);
    return { min: min, max: max };
  }
  function refLine(value, label, color) {
    return { xAxis: value, label: { formatter: label, position: "end", color: color },
             lineStyle: { color: color, type: "dashed", width: 1.5 } };
  }

  fetch(box.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (data) {
      var lines = data.lines || {};
      var line90 = num(lines.explain_below), timeLine = num(lines.time_progress);
      var rows = data.rows.filter(function (r) { return r.execution_rate !== null; });
      var zoom = rows.length > VISIBLE;
      var shown = Math.min(rows.length, VISIBLE);
      var marks = [];
      if (line90 !== null) marks.push(refLine(line90, line90 + "%", "#b42318"));
      if (timeLine !== null) marks.push(refLine(timeLine, "序时进度 " + timeLine.toFixed(2) + "%", "#2f5fb3"));
      var most = Math.max.apply(null, rows.map(function (r) { return num(r.execution_rate); }).concat([100]));
      var execution = chart("chart-execution", Math.max(220, shown * ROW + 90));
      execution.setOption({
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
                   formatter: function (ps) { var p = ps[0]; return rows[p.dataIndex].department + "<br>预算执行率 " + two(p.value) + "%"; } },
        grid: { left: 10, right: zoom ? 70 : 40, top: 30, bottom: 20, containLabel: true },
        xAxis: { type: "value", name: "执行率（%）", nameLocation: "middle", nameGap: 24, position: "top",
                 min: 0, max: Math.ceil(most / 10) * 10 },
        yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.short_name; }),
                 axisLabel: { interval: 0, fontSize: 11, width: 130, overflow: "truncate" } },
        dataZoom: zoom ? [{ type: "slider", yAxisIndex: 0, right: 10, width: 18, startValue: 0, endValue: VISIBLE - 1,
                            zoomLock: true, showDetail: false, brushSelect: false },
                          { type: "inside", yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true }] : [],
        series: [{ type: "bar", name: "预算执行率", barMaxWidth: 16,
                   data: rows.map(function (r) {
                     var v = num(r.execution_rate);
                     return { value: v, itemStyle: { color: line90 !== null && v < line90 ? "#d97706" : "#8b1a1a" } };
                   }),
                   label: { show: true, position: "right", fontSize: 10, formatter: function (p) { return two(p.value); } },
                   markLine: { symbol: "none", silent: true, data: marks } }]
      });
      if (zoom) {
        document.getElementById("chart-execution").insertAdjacentHTML("beforebegin",
          '<p class="hint" id="execution-zoom-hint">共 ' + rows.length + " 个部门，按执行率从高到低排列，每次显示 " + VISIBLE +
          " 个：拖动右侧滚动条或在图上滚动鼠标滚轮查看其余部门。</p>");
      }
      box.setAttribute("data-departments", String(rows.length));
      box.setAttribute("data-zoom", zoom ? "1" : "0");

      var grades = Object.keys(data.grades);
      var graded = grades.reduce(function (n, g) { return n + data.grades[g]; }, 0);
      chart("chart-grades").setOption({
        tooltip: { trigger: "item", formatter: "{b}：{c} 个（{d}%）" },
        legend: { bottom: 0, formatter: function (g) { return g + " " + data.grades[g] + " 个"; } },
        title: { text: String(graded), subtext: "个部门", left: "center", top: "40%",
                 textStyle: { fontSize: 22 }, subtextStyle: { fontSize: 12 } },
        series: [{ type: "pie", radius: ["38%", "62%"], name: "评价等级", avoidLabelOverlap: true,
                   label: { formatter: "{b}：{c} 个（{d}%）" },
                   data: grades.map(function (g) { return { name: g, value: data.grades[g] }; }) }]
      });

      var monthly = data.monthly;
      chart("chart-monthly").setOption({
        tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "未填报" : two(v) + "%"; } },
        legend: { bottom: 0 },
        grid: { left: 50, right: 50, bottom: 50 },
        xAxis: { type: "category", data: monthly.map(function (m) { return m.month + "月"; }) },
        yAxis: { type: "value", name: "%", min: 0, max: 100 },
        series: [
          { type: "line", name: "累计执行进度", data: monthly.map(function (m) { return num(m.execution); }),
            itemStyle: { color: "#8b1a1a" },
            markLine: line90 === null ? undefined : { symbol: "none", silent: true,
              data: [{ yAxis: line90, label: { formatter: line90 + "%", color: "#b42318" },
                       lineStyle: { color: "#b42318", type: "dashed" } }] } },
          { type: "line", name: "序时进度", lineStyle: { type: "dashed" }, itemStyle: { color: "#2f5fb3" },
            data: monthly.map(function (m) { return num(m.time_progress); }) }
        ]
      });

      var years = data.year_over_year;
      var rates = years.map(function (y) { return num(y.execution_rate); });
      var scores = years.map(function (y) { return num(y.average_score); });
      var rateAxis = fitted(rates), scoreAxis = fitted(scores, 100);
      chart("chart-years").setOption({
        tooltip: { trigger: "axis", valueFormatter: function (v) { return two(v); } },
        legend: { bottom: 0 },
        grid: { left: 60, right: 60, bottom: 50 },
        xAxis: { type: "category", data: years.map(function (y) { return String(y.year); }) },
        yAxis: [{ type: "value", name: "执行率（%）", min: rateAxis.min, max: rateAxis.max },
                { type: "value", name: "平均自评分", min: scoreAxis.min, max: scoreAxis.max, splitLine: { show: false } }],
        series: [
          { type: "line", name: "预算执行率", data: rates, itemStyle: { color: "#8b1a1a" },
            label: { show: true, formatter: function (p) { return two(p.value) + "%"; } } },
          { type: "line", name: "平均自评分", yAxisIndex: 1, data: scores, itemStyle: { color: "#2f5fb3" },
            label: { show: true, position: "bottom", formatter: function (p) { return two(p.value); } } }
        ]
      });
      box.setAttribute("data-year-axis", [rateAxis.min, rateAxis.max, scoreAxis.min, scoreAxis.max].join(","));
    })
    .catch(function (err) { box.insertAdjacentHTML("beforebegin", '<p class="error">图表数据加载失败：' + err.message + "</p>"); });
})();
