// Draws the adequacy charts from the data attributes of their canvases (labels and values separated by "|";
// suppressed values are empty and drawn as gaps).
document.addEventListener('DOMContentLoaded', function () {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas.adequacy-chart').forEach(function (canvas) {
    var labels = (canvas.dataset.labels || '').split('|').filter(function (l) { return l.length > 0; });
    if (labels.length === 0) {
      return;
    }
    var values = (canvas.dataset.values || '').split('|').map(function (v) { return v === '' ? null : Number(v); });
    new Chart(canvas, {
      type: canvas.dataset.kind === 'line' ? 'line' : 'bar',
      data: { labels: labels, datasets: [{ label: canvas.dataset.label, data: values, backgroundColor: '#0d6efd', borderColor: '#0d6efd' }] },
      options: { scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } }
    });
  });
});
