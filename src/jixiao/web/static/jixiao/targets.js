/* 指标库指标看板: targets vs actuals of one library indicator by year, as an ECharts box plot.
   The figures come from /api/target-board/box (anonymised statistics, no department named). */
(function () {
  "use strict";
  var box = document.getElementById("target-charts");
  if (!box || typeof echarts === "undefined") return;
  var select = document.getElementById("box-indicator");
  var chart = echarts.init(document.getElementById("chart-box"), null, { renderer: "canvas" });
  window.addEventListener("resize", function () { chart.resize(); });
  function draw() {
    var option = select.options[select.selectedIndex];
    var url = box.getAttribute("data-url") + "?code=" + encodeURIComponent(option.value) +
      "&industry=" + encodeURIComponent(option.getAttribute("data-industry"));
    box.removeAttribute("data-ready");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      chart.off("finished");
      chart.on("finished", function () { box.setAttribute("data-ready", "1"); });
      chart.setOption({
        tooltip: { trigger: "item", formatter: function (p) {
          var v = p.value || []; var off = v.length === 6 ? 1 : 0;  // some versions put the category index first
          var names = ["最小值", "第一四分位数", "中位数", "第三四分位数", "最大值"];
          var lines = [p.seriesName + " · " + p.name + "年"];
          for (var i = 0; i < 5; i += 1) { lines.push(names[i] + "：" + v[i + off]); }
          return lines.join("<br>");
        } },
        legend: { data: ["指标值", "实际完成值"] },
        grid: { left: 60, right: 30, top: 40, bottom: 40 },
        xAxis: { type: "category", data: data.years, axisLabel: { formatter: "{value}年" } },
        yAxis: { type: "value", scale: true },
        series: [
          { name: "指标值", type: "boxplot", data: data.targets, itemStyle: { color: "#dbe7f3", borderColor: "#2f6fb0" } },
          { name: "实际完成值", type: "boxplot", data: data.actuals.map(function (a) { return a.length ? a : "-"; }), itemStyle: { color: "#fbe9d6", borderColor: "#c46a12" } }
        ]
      }, true);
    });
  }
  select.addEventListener("change", draw);
  draw();
})();
