// Draws the follow-up charts from each canvas's data-chart; the tables beside them hold the numbers.
(function () {
  "use strict";
  var COLOURS = ["#1d4f91", "#2f7d32", "#a1261b", "#6b4a00"];

  function draw(canvas) {
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    var datasets = data.series.map(function (series, index) {
      return {
        type: data.kind,
        label: series.label,
        data: series.values,
        backgroundColor: COLOURS[index % COLOURS.length],
        borderColor: COLOURS[index % COLOURS.length],
        spanGaps: false
      };
    });
    if (data.targets.length) {
      datasets.push({
        type: "line",
        label: "Målvärde (%)",
        data: data.targets,
        borderColor: "#1a1a1a",
        backgroundColor: "#1a1a1a",
        borderDash: [6, 4],
        pointStyle: "rectRot",
        pointRadius: 6,
        showLine: false
      });
    }
    new window.Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        scales: { y: { min: 0, max: 100, title: { display: true, text: "Andel (%)" } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  function start() {
    if (window.Chart) {
      document.querySelectorAll("canvas[data-chart]").forEach(draw);
    }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
