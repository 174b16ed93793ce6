// Runs before anything else on the page: every script error is listed at the top of the page, so a broken report
// says so instead of silently missing a feature. The browser test reads this list from the rendered DOM.
(function () {
  var box = document.getElementById('js-errors');
  function report(message) {
    box.hidden = false;
    var item = document.createElement('li');
    item.className = 'js-error';
    item.textContent = message;
    box.querySelector('ul').appendChild(item);
  }
  window.addEventListener('error', function (e) {
    report((e.message || 'error') + ' (line ' + (e.lineno || 0) + ')');
  });
  window.addEventListener('unhandledrejection', function (e) {
    report('unhandled promise rejection: ' + e.reason);
  });
})();
