// The activity form: a task has a due date, an appointment has start and end times.
(function () {
  function init() {
    var sel = document.getElementById('f-type_id');
    if (!sel) return;
    function sync() {
      var task = sel.options[sel.selectedIndex] && sel.options[sel.selectedIndex].dataset.kind === 'task';
      document.getElementById('appointment-times').hidden = task;
      document.getElementById('task-due').hidden = !task;
    }
    sel.addEventListener('change', sync);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
