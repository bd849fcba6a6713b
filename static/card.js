// The overview's boxes: drag and drop with SortableJS (the ↑/↓ buttons do the same from the
// keyboard, and work without JavaScript). The new order is saved for the user at once.
//
// Packing: the boxes sit in a CSS grid of thin rows (`.boxes.packed`), each spanning as many rows
// as it is tall, so a box starts right under the box above it instead of under the tallest box
// of the row before (no holes under short boxes). The grid's ordinary (not dense) flow keeps the
// user's order: left to right, then down. Without JavaScript the grid is the plain one.
(function () {
  function pack(list) {
    if (!list.classList.contains('packed')) list.classList.add('packed');
    var row = parseFloat(getComputedStyle(list).gridAutoRows) || 4;
    Array.prototype.forEach.call(list.querySelectorAll(':scope > [data-box]'), function (box) {
      var gap = parseFloat(getComputedStyle(box).marginBottom) || 0;
      var span = Math.max(1, Math.ceil((box.getBoundingClientRect().height + gap) / row));
      if (box.style.gridRowEnd !== 'span ' + span) box.style.gridRowEnd = 'span ' + span;
    });
  }

  function watch(list) {
    var queued = false;
    var again = function () {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () { queued = false; if (list.isConnected) pack(list); });
    };
    pack(list);
    // A box grows or shrinks (a comment added, a details opened, a narrower window): repack.
    if (window.ResizeObserver) {
      var seen = new ResizeObserver(again);
      Array.prototype.forEach.call(list.querySelectorAll(':scope > [data-box]'), function (b) { seen.observe(b); });
    } else {
      window.addEventListener('resize', again);
    }
    window.addEventListener('load', again);
    return again;
  }

  function init(root) {
    var list = root && root.querySelector ? root.querySelector('#box-list') : null;
    if (!list && root && root.id === 'box-list') list = root;
    if (!list || list.dataset.sortable) return;
    list.dataset.sortable = '1';
    var repack = watch(list);
    if (!window.Sortable) return;
    Sortable.create(list, {
      handle: '.box-handle',
      draggable: '[data-box]',
      animation: 150,
      forceFallback: true,
      onEnd: function () {
        repack();
        var order = Array.prototype.map.call(list.querySelectorAll('[data-box]'), function (b) { return b.dataset.box; }).join(',');
        htmx.ajax('POST', '/card-layout', {
          values: { order: order, customer: list.dataset.customer },
          target: '#layout-status',
          swap: 'innerHTML'
        });
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { init(document); });
  document.addEventListener('htmx:load', function (e) { init(e.detail.elt); });
})();
