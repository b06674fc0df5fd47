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
      // The target is a grey bar beside the result, so both read as bars of one scale.
      datasets.push({
        type: "bar",
        label: "Målvärde (%)",
        data: data.targets,
        backgroundColor: "#8c8c96",
        borderColor: "#5c5c66"
      });
    }
    new window.Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: window.innerWidth < 600 ? 1 : 2,
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
