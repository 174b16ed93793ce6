// Interaction for Tandem reports. No network, no libraries: sortable tables, a read-out under the pointer on the
// time charts, and copy buttons. Everything works without it too: the numbers are in the page, the tooltips are
// SVG <title>s.
(function () {
  'use strict';

  // ---- sortable tables: click a header; cells may carry data-sort with a machine value
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ''; }
    var v = cell.getAttribute('data-sort');
    return v === null ? cell.textContent.trim() : v;
  }
  function sortTable(table, index, th) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var numeric = rows.every(function (r) {
      var v = cellValue(r, index);
      return v === '' || !isNaN(Number(v));
    });
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var c;
      if (numeric) {
        c = (x === '' ? -Infinity : Number(x)) - (y === '' ? -Infinity : Number(y));
      } else {
        c = x < y ? -1 : x > y ? 1 : 0;
      }
      return ascending ? c : -c;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortTable(table, index, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortTable(table, index, th); }
      });
    });
  });

  // ---- chart read-out: svg[data-hover] holds [[x, "time", "value"], ...] in viewBox coordinates
  var tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;
  document.body.appendChild(tip);
  Array.prototype.forEach.call(document.querySelectorAll('svg[data-hover]'), function (svg) {
    var points = JSON.parse(svg.getAttribute('data-hover'));
    if (!points.length) { return; }
    var line = svg.querySelector('.hover-line');
    function nearest(x) {
      var lo = 0;
      var hi = points.length - 1;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (points[mid][0] < x) { lo = mid + 1; } else { hi = mid; }
      }
      if (lo > 0 && Math.abs(points[lo - 1][0] - x) < Math.abs(points[lo][0] - x)) { lo -= 1; }
      return points[lo];
    }
    svg.addEventListener('mousemove', function (e) {
      var ctm = svg.getScreenCTM();
      if (!ctm) { return; }
      var pt = svg.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      var local = pt.matrixTransform(ctm.inverse());
      var p = nearest(local.x);
      if (line) {
        line.setAttribute('x1', p[0]);
        line.setAttribute('x2', p[0]);
        line.style.visibility = 'visible';
      }
      tip.textContent = p[1] + '  ·  ' + p[2];
      tip.hidden = false;
      tip.style.left = (e.pageX + 14) + 'px';
      tip.style.top = (e.pageY + 14) + 'px';
    });
    svg.addEventListener('mouseleave', function () {
      tip.hidden = true;
      if (line) { line.style.visibility = 'hidden'; }
    });
  });

  // ---- copy buttons: copy the text of the element named by data-copy
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      var text = source ? source.textContent : '';
      function done() {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { button.textContent = 'Select and copy'; });
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = 'Selected';
      }
    });
  });

  document.body.setAttribute('data-js-ready', '1');
})();
