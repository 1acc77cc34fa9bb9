// Ebb's dashboard: every 5 s, fetch this page again and swap in its header and <main>, without a reload (the scroll
// position stays). The pages are complete without this script; with JavaScript off they just do not refresh.
(function () {
  'use strict';
  var every = 5000;
  var refreshes = 0;
  var note = document.getElementById('refresh');
  if (note) { note.textContent = '(refreshes every 5 s)'; }
  function refresh() {
    fetch(location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.text();
      })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, 'text/html');
        ['header', 'main'].forEach(function (part) {
          var fresh = next.querySelector(part);
          if (fresh) { document.querySelector(part).replaceWith(fresh); }
        });
        var again = document.getElementById('refresh');
        if (again) { again.textContent = '(refreshes every 5 s)'; }
        document.body.setAttribute('data-refreshes', String(++refreshes));
      })
      .catch(function (error) {
        var failed = document.getElementById('refresh');
        if (failed) { failed.textContent = '(not refreshed: ' + error.message + ')'; }
      })
      .then(function () { setTimeout(refresh, every); });
  }
  setTimeout(refresh, every);
}());
