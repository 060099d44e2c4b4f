// Center reports: a stacked bar chart of visits by plan affiliation, from the canvas's data attributes.
document.addEventListener('DOMContentLoaded', function () {
  var canvas = document.getElementById('visits-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  var d = canvas.dataset;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: JSON.parse(d.labels),
      datasets: [
        {label: d.labelLacare, data: JSON.parse(d.lacare), backgroundColor: '#0b5394'},
        {label: d.labelBsp, data: JSON.parse(d.bsp), backgroundColor: '#38761d'},
        {label: d.labelCommunity, data: JSON.parse(d.community), backgroundColor: '#b45f06'}
      ]
    },
    options: {responsive: true, maintainAspectRatio: false, animation: false,
      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}}
  });
});

// Confirmation page: the Print button prints the page (the QR code and the confirmation code come out on paper).
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
