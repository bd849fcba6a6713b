// The overview's boxes: drag and drop with SortableJS (the ↑/↓ buttons do the same from the
// keyboard, and work without JavaScript). The new order is saved for the user at once.
(function () {
  function init(root) {
    var list = root && root.querySelector ? root.querySelector('#box-list') : null;
    if (!list && root && root.id === 'box-list') list = root;
    if (!list || list.dataset.sortable || !window.Sortable) return;
    list.dataset.sortable = '1';
    Sortable.create(list, {
      handle: '.box-handle',
      draggable: '[data-box]',
      animation: 150,
      forceFallback: true,
      onEnd: function () {
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
