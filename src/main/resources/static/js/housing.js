// Charts of the housing pages; data comes from data- attributes (the CSP forbids inline scripts).
(function () {
  function numbers(value, sep) {
    return (value || '').split(sep).map(function (v) { return v === '' ? null : Number(v); });
  }
  function draw() {
    if (typeof Chart === 'undefined') { return; }
    document.querySelectorAll('canvas.housing-funding-chart').forEach(function (c) {
      var d = c.dataset;
      new Chart(c, {type: 'line', data: {labels: d.labels.split(','), datasets: [
        {label: d.labelBudget, data: numbers(d.budget, ','), borderDash: [6, 4], pointRadius: 0},
        {label: d.labelCommitted, data: numbers(d.committed, ','), pointRadius: 0},
        {label: d.labelForecast, data: numbers(d.forecast, ','), borderDash: [2, 2], pointRadius: 0}]},
        options: {animation: false, maintainAspectRatio: false}});
    });
    var r = document.getElementById('retention-chart');
    if (r) {
      var d = r.dataset;
      new Chart(r, {type: 'bar', data: {labels: d.labels.split('|'), datasets: [
        {label: d.labelSix, data: numbers(d.six, '|')}, {label: d.labelTwelve, data: numbers(d.twelve, '|')}]},
        options: {animation: false, maintainAspectRatio: false, scales: {y: {min: 0, max: 100}}}});
    }
    var h = document.getElementById('health-chart');
    if (h) {
      var e = h.dataset;
      new Chart(h, {type: 'bar', data: {labels: e.labels.split('|'), datasets: [
        {label: e.labelBefore, data: numbers(e.before, '|')}, {label: e.labelAfter, data: numbers(e.after, '|')}]},
        options: {animation: false, maintainAspectRatio: false, scales: {y: {min: 0, max: 12}}}});
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
