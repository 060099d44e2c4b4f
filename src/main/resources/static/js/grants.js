// Portfolio charts: canvases carry their data in data-labels / data-values (no inline scripts under the CSP).
document.addEventListener('DOMContentLoaded', function () {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas.grants-chart').forEach(function (canvas) {
    var labels = (canvas.dataset.labels || '').split(',').filter(Boolean);
    var values = (canvas.dataset.values || '').split(',').filter(Boolean).map(Number);
    canvas.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: canvas.getAttribute('aria-label'), data: values, backgroundColor: '#1f6f8b' }] },
      options: { animation: false, plugins: { legend: { display: false } } }
    });
  });
});
