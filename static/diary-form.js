// The activity form: a task has a due date, an appointment has start and end times; a whole-day
// appointment needs no times of day; moving the start moves the end with it (the length kept).
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

    var allDay = document.getElementById('f-all_day');
    if (allDay) {
      allDay.addEventListener('change', function () {
        document.querySelectorAll('#appointment-times .time-of-day').forEach(function (f) {
          f.hidden = allDay.checked;
        });
      });
    }

    var sd = document.getElementById('f-start_date'), st = document.getElementById('f-start_time');
    var ed = document.getElementById('f-end_date'), et = document.getElementById('f-end_time');
    if (!sd || !st || !ed || !et) return;
    // Minutes since the epoch of a date input's value and an HH:MM, in the browser's time zone
    // (only differences are used).
    function at(d, t) {
      var x = new Date(d + 'T' + t);
      return isNaN(x) ? null : x.getTime() / 60000;
    }
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    var length = null;
    function remember() {
      var s = at(sd.value, st.value), e = at(ed.value, et.value);
      length = s !== null && e !== null && e > s ? e - s : null;
    }
    function shift() {
      var s = at(sd.value, st.value);
      if (s === null || length === null) { remember(); return; }
      var end = new Date((s + length) * 60000);
      var hm = pad(end.getHours()) + ':' + pad(end.getMinutes());
      if (![].some.call(et.options, function (o) { return o.value === hm; })) { remember(); return; }
      ed.value = end.getFullYear() + '-' + pad(end.getMonth() + 1) + '-' + pad(end.getDate());
      et.value = hm;
    }
    remember();
    sd.addEventListener('change', shift);
    st.addEventListener('change', shift);
    ed.addEventListener('change', remember);
    et.addEventListener('change', remember);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
