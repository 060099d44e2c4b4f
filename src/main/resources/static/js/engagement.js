// Draws every <canvas class="cw-chart"> from its data attributes (labels and values separated by |), so pages need
// no inline script under the Content-Security-Policy. The table beside each chart carries the same figures.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas.cw-chart').forEach(function (canvas) {
    var labels = (canvas.dataset.labels || '').split('|').filter(function (s) { return s.length > 0; });
    var values = (canvas.dataset.values || '').split('|').filter(function (s) { return s.length > 0; }).map(Number);
    canvas.chart = new Chart(canvas, {
      type: canvas.dataset.type || 'bar',
      data: { labels: labels, datasets: [{ label: canvas.dataset.label || '', data: values,
        backgroundColor: '#0b4f6c', borderColor: '#0b4f6c' }] },
      options: { responsive: true, animation: false, plugins: { legend: { display: false } } }
    });
  });
});
