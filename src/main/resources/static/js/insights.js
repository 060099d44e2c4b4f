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
