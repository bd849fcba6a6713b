// The recruitment's pipeline board: drag a card to another column or place with SortableJS, or
// focus a card and press the arrow keys (left/right: the next column, up/down: the order).
// Both send the same form POST as the card's buttons, which work without JavaScript.
(function () {
  var FOCUS = 'kk-rec-focus';
  function post(url, values, focusId) {
    if (focusId) { try { sessionStorage.setItem(FOCUS, focusId); } catch (e) { /* private mode */ } }
    var body = new URLSearchParams(values);
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow' })
      .then(function () { window.location.reload(); });
  }
  function init() {
    var board = document.getElementById('pipeline');
    if (!board || board.dataset.ready) return;
    board.dataset.ready = '1';
    var base = board.dataset.move;
    if (window.Sortable) {
      Array.prototype.forEach.call(board.querySelectorAll('.board-list[data-movable]'), function (list) {
        Sortable.create(list, {
          group: 'pipeline',
          draggable: '.board-card[data-movable]',
          filter: 'form, details, a, button, select, input',
          preventOnFilter: false,
          animation: 150,
          forceFallback: true,
          onEnd: function (e) {
            if (e.from === e.to && e.oldDraggableIndex === e.newDraggableIndex) return;
            post(base + '/' + e.item.dataset.candidate + '/move',
              { stage: e.to.dataset.stage, index: String(e.newDraggableIndex) }, e.item.id);
          }
        });
      });
    }
    board.addEventListener('keydown', function (e) {
      var card = e.target;
      if (!card.classList || !card.classList.contains('board-card') || !card.dataset.movable) return;
      var dir = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }[e.key];
      if (!dir) return;
      e.preventDefault();
      post(base + '/' + card.dataset.candidate + '/move', { dir: dir }, card.id);
    });
    var id = null;
    try { id = sessionStorage.getItem(FOCUS); sessionStorage.removeItem(FOCUS); } catch (e) { /* private mode */ }
    var el = id && document.getElementById(id);
    if (el) el.focus();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
