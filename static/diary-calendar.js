// The diary calendar (FullCalendar): drag and resize move an activity through the JSON move
// endpoint; selecting a time span opens a new activity for it.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('calendar');
  var owner = el.dataset.owner, own = el.dataset.own === 'true';
  var message = document.getElementById('diary-message');
  function save(info) {
    var ev = info.event;
    fetch('/diary/activities/' + ev.id + '/move', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ start: ev.startStr, end: ev.endStr || null, all_day: ev.allDay, version: ev.extendedProps.version })
    }).then(function (res) {
      if (!res.ok) { throw new Error(res.status); }
      return res.json();
    }).then(function (moved) {
      ev.setExtendedProp('version', moved.version);
      message.hidden = true;
      // The server may have adjusted it (a task stays a whole-day task on the day it was dropped).
      calendar.refetchEvents();
    }).catch(function () {
      info.revert();
      message.textContent = message.dataset.failed;
      message.hidden = false;
    });
  }
  var calendar = new FullCalendar.Calendar(el, {
    locale: el.dataset.lang === 'nb' ? 'nb' : 'en',
    timeZone: 'Europe/Oslo',
    firstDay: 1,
    weekNumbers: true,
    initialView: 'timeGridWeek',
    headerToolbar: { start: 'prev,next today', center: 'title', end: 'timeGridDay,timeGridWeek,dayGridMonth' },
    nowIndicator: true,
    slotMinTime: '06:00:00',
    slotMaxTime: '21:00:00',
    height: 'auto',
    editable: true,
    selectable: own,
    events: '/diary/' + owner + '/events',
    eventDidMount: function (info) {
      info.el.dataset.activity = info.event.id;
      if (info.event.extendedProps.done) { info.el.classList.add('kk-done'); }
    },
    eventDrop: save,
    eventResize: save,
    select: function (info) {
      var q = info.allDay ? 'start=' + info.startStr + '&all_day=1'
        : 'start=' + info.startStr.slice(0, 16) + '&end=' + info.endStr.slice(0, 16);
      location.href = '/diary/new?' + q;
    }
  });
  calendar.render();
  window.kkCalendar = calendar;
});
