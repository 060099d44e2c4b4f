// Equity insights: choosing a measure, group, period or area shows it at once. Without JavaScript the Show button does.
(function () {
  function wire() {
    document.querySelectorAll('select.insights-autosubmit').forEach(function (select) {
      select.addEventListener('change', function () {
        if (select.id === 'measure') {
          // a new measure has other groups and periods: start from everyone, latest
          ['group', 'period'].forEach(function (id) {
            var other = document.getElementById(id);
            if (other) { other.disabled = true; }
          });
        }
        select.form.submit();
      });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', wire); } else { wire(); }
})();

// Charts for compare (bars) and trends (a line), drawn from the table beside them: the table is the accessible
// alternative and the source of the figures, so the two always agree. A suppressed or absent figure is a gap.
(function () {
  var COLOURS = ['#1f6f8b', '#e07a1f', '#6c757d'];
  function number(text) {
    return text === undefined || text === null || text === '' ? null : Number(text);
  }
  function draw() {
    if (typeof Chart === 'undefined') {
      return;   // no chart library: the table stays the whole answer
    }
    document.querySelectorAll('canvas.insights-chart').forEach(function (canvas) {
      var table = document.getElementById(canvas.dataset.table);
      if (!table) {
        return;
      }
      var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
      var labels = rows.map(function (tr) { return tr.querySelector('th').textContent.trim(); });
      var names = (canvas.dataset.series || '').split('|');
      var datasets;
      if (canvas.dataset.chart === 'bar') {
        datasets = ['a', 'b', 'county'].map(function (key, i) {
          return { label: names[i], backgroundColor: COLOURS[i],
            data: rows.map(function (tr) { return number(tr.dataset[key]); }) };
        });
      } else {
        datasets = [{ label: names[0], borderColor: COLOURS[0], backgroundColor: COLOURS[0], spanGaps: false,
          data: rows.map(function (tr) { return number(tr.dataset.value); }) }];
      }
      canvas.chart = new Chart(canvas, {
        type: canvas.dataset.chart === 'bar' ? 'bar' : 'line',
        data: { labels: labels, datasets: datasets },
        options: { responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { legend: { display: canvas.dataset.chart === 'bar' } } }
      });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
